// Digests by e-mail against a real SMTP server on loopback: one message a day per unit and per leader with their own
// items; a server that refuses, then one that drops the connection mid-message — nothing is lost, delivery is tried
// again, and in the end each digest arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { smtpSender } from '../src/io/smtp-mail.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { createPerson, createUnit } from '../src/services/organisation.ts';
import { deliverPending, prepareDigests } from '../src/services/supervision-delivery.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const DAY = '2025-02-11';
type Mode = 'refuse' | 'drop' | 'accept';

describe('digests by e-mail, against a server that refuses and one that drops the connection', () => {
  let l: Ledger;
  let server: SMTPServer;
  let mode: Mode = 'refuse';
  const received: { to: string; messageId: string; subject: string; body: string }[] = [];
  let url = '';

  beforeAll(async () => {
    l = await testLedger();
    await createUnit(l.db, 't', { name: '单位甲', email: 'jia@example.org' }, FULL_SCOPE);
    await createUnit(l.db, 't', { name: '单位乙', email: 'yi@example.org' }, FULL_SCOPE);
    await createUnit(l.db, 't', { name: '单位丙' }, FULL_SCOPE); // no address: in-app only
    await createPerson(l.db, 't', { name: '张领导', unit: '单位甲', email: 'zhang@example.org' }, FULL_SCOPE);
    const p = (n: number, unit: string, leader: string | null, deadline: string) => ({
      row: n + 1,
      code: `XC2025-01-00${n}`,
      aspect: '方面',
      title: `问题${n}`,
      status: 'in-progress' as const,
      longTerm: false,
      triage: 'deadline' as const,
      leadUnit: unit,
      cooperatingUnits: [],
      leadLeader: leader,
      responsiblePerson: null,
      deadline,
      target: null,
      amountDue: null,
      progress: 0,
      startDate: '2025-01-01',
      lastReportAt: null,
      version: null,
      supervision: null,
      colour: null,
    });
    const wb = await writeLedgerWorkbook({
      source: { code: 'XC2025-01', kind: 'xuncha', title: '台账', team: null, inspectedUnit: null, feedbackDate: '2025-01-01' },
      problems: [
        p(1, '单位甲', '张领导', '2025-02-10'),
        p(2, '单位甲', null, '2025-02-14'),
        p(3, '单位乙', '张领导', '2025-02-12'),
        p(4, '单位丙', null, '2025-02-10'),
      ],
      measures: [],
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: '2025-01-01', fileName: '台账.xlsx' });

    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (mode === 'refuse') return callback(Object.assign(new Error('服务暂不可用，请稍后再试'), { responseCode: 451 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (mode === 'drop') {
            // the whole message came in, and the connection goes before the server says it took it
            for (const c of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) c._socket.destroy();
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '',
            subject: raw,
            body: raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    await runSupervision(l.db, { at: `${DAY}T08:30` });
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await l?.close();
  });

  it('makes one digest a day for each unit and each leader with an address, once', async () => {
    const at = new Date(`${DAY}T08:30:00+08:00`);
    expect(await prepareDigests(l.db, DAY, at)).toBe(3);
    expect(await prepareDigests(l.db, DAY, at)).toBe(0);
    const ds = await l.db.selectFrom('delivery').select(['address', 'subject', 'body', 'notification_ids']).orderBy('address').execute();
    expect(ds.map((d) => d.address)).toEqual(['jia@example.org', 'yi@example.org', 'zhang@example.org']);
    const jia = ds[0] as (typeof ds)[number];
    expect(jia.body).toContain('XC2025-01-001');
    expect(jia.body).toContain('XC2025-01-002');
    expect(jia.body).not.toContain('XC2025-01-003');
    expect(jia.subject).toMatch(/^【整改通】2025-02-11 整改督办提醒：\d+项/);
    // the leader gets the items in his charge, from both units
    expect((ds[2] as (typeof ds)[number]).body).toContain('XC2025-01-001');
    expect((ds[2] as (typeof ds)[number]).body).toContain('XC2025-01-003');
    expect((ds[2] as (typeof ds)[number]).body).not.toContain('XC2025-01-002');
  });

  it('tries again after a refusal and after a dropped connection, and in the end sends each once', async () => {
    const mail = smtpSender(url, 'zhenggai@example.org');
    const t0 = new Date(`${DAY}T08:31:00+08:00`);
    mode = 'refuse';
    expect(await deliverPending(l.db, { mail: mail.send }, t0)).toEqual({ sent: 0, retried: 3, failed: 0, uncertain: 0 });
    // not due again yet: nothing is tried
    expect(await deliverPending(l.db, { mail: mail.send }, new Date(t0.getTime() + 30_000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      uncertain: 0,
    });
    mode = 'drop';
    expect(await deliverPending(l.db, { mail: mail.send }, new Date(t0.getTime() + 2 * 60_000))).toEqual({
      sent: 0,
      retried: 3,
      failed: 0,
      uncertain: 0,
    });
    expect(received).toHaveLength(0);
    mode = 'accept';
    expect(await deliverPending(l.db, { mail: mail.send }, new Date(t0.getTime() + 60 * 60_000))).toEqual({
      sent: 3,
      retried: 0,
      failed: 0,
      uncertain: 0,
    });
    expect(await deliverPending(l.db, { mail: mail.send }, new Date(t0.getTime() + 24 * 60 * 60_000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      uncertain: 0,
    });
    mail.close();
    expect(received.map((r) => r.to).sort()).toEqual(['jia@example.org', 'yi@example.org', 'zhang@example.org']);
    expect(new Set(received.map((r) => r.messageId)).size).toBe(3);
    const rows = await l.db.selectFrom('delivery').select(['status', 'attempts', 'last_error']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 3 && r.last_error === null)).toBe(true);
  }, 120_000);
});
