// A unit's year, from its 绩效目标表 to its self-evaluation, with 绩效运行监控 between: the targets approved in January,
// the mid-year point reached (a reminder, its digest sent once to a real SMTP server on loopback), a report whose
// budget execution is behind the time elapsed refused until the reason is given, the deviation passed on once, a
// quarterly point missed and chased up the ladder, the monitoring table and report made from what was kept — and
// the year-end 自评表 started from the targets, its deviation reasons those the unit gave during the year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import ExcelJS from 'exceljs';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { ActionRefused, MonitoringRefused } from '../src/core/errors.ts';
import { smtpSender } from '../src/io/smtp-mail.ts';
import { readDocumentBytes } from '../src/io/read-document.ts';
import { getEvaluation } from '../src/services/perf-evaluations.ts';
import {
  monitoringOf,
  monitoringReport,
  monitoringWorkbook,
  reportMonitoring,
  saveMonitoringSettings,
} from '../src/services/perf-monitoring.ts';
import { approveTargets, evaluationFromTargetTable, importTargets } from '../src/services/perf-targets.ts';
import { createUnit } from '../src/services/organisation.ts';
import { deliverPending, prepareDigests } from '../src/services/supervision-delivery.ts';
import { runSupervision } from '../src/services/supervision-run.ts';
import { writeLedgerWorkbook } from '../src/io/ledger-workbook.ts';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { todoFor } from '../src/services/todo.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';

const TARGETS = [
  '2025年度示例县农业农村局部门整体支出绩效目标表',
  '预算单位名称\t示例县农业农村局',
  '年度预算申请（万元）\t年度资金总额：\t500',
  '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t分值',
  '\t产出指标\t数量指标\t农民培训人次\t≥1500人次\t30',
  '\t\t质量指标\t培训合格率\t≥95%\t20',
  '\t效益指标\t社会效益指标\t农户收入\t提高\t20',
  '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t20',
  '\t合计\t\t\t\t90',
].join('\n');

const halfYear = (over: { executed?: string; reason?: string; trained?: string; trainedReason?: string } = {}) => ({
  period: '2025-06',
  executed: over.executed ?? '150',
  budgetReason: over.reason ?? null,
  indicators: [
    { level3: '农民培训人次', reached: over.trained ?? '800人次', reason: over.trainedReason ?? null },
    { level3: '培训合格率', reached: '97%' },
    { level3: '农户收入', reached: '', onCourse: true },
    { level3: '农户满意度', reached: '93%' },
  ],
});

/** a message's body as text: nodemailer sends non-ASCII text in base64 */
const decoded = (raw: string) =>
  Buffer.from(
    raw
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n')
      .replace(/\s/g, ''),
    'base64',
  ).toString('utf8');

describe('a unit’s year watched from its targets to its self-evaluation', () => {
  let l: Ledger;
  let server: SMTPServer;
  let url = '';
  let id = 0;
  let unit = 0;
  const received: { to: string; raw: string }[] = [];

  beforeAll(async () => {
    l = await testLedger();
    unit = await createUnit(l.db, '整改办', { name: '示例县农业农村局', email: 'nongye@example.org' }, FULL_SCOPE);
    ({ id } = await importTargets(l, { name: '目标表.txt', bytes: new TextEncoder().encode(TARGETS) }, '财务股', unit));
    // the same unit leads a rectification problem due on 7 July: its reminder and the monitoring share one message
    const wb = await writeLedgerWorkbook({
      source: { code: 'XC2025-01', kind: 'xuncha', title: '台账', team: null, inspectedUnit: null, feedbackDate: '2025-01-01' },
      problems: [
        {
          row: 2,
          code: 'XC2025-01-001',
          aspect: '方面',
          title: '惠农补贴发放不及时',
          status: 'in-progress',
          longTerm: false,
          triage: 'deadline',
          leadUnit: '示例县农业农村局',
          cooperatingUnits: [],
          leadLeader: null,
          responsiblePerson: null,
          deadline: '2025-07-07',
          target: null,
          amountDue: null,
          progress: 0,
          startDate: '2025-01-01',
          lastReportAt: null,
          version: null,
          supervision: null,
          colour: null,
        },
      ],
      measures: [],
    });
    await importLedgerWorkbook(l, wb, { scope: FULL_SCOPE, actor: '整改办', today: '2025-01-01', fileName: '台账.xlsx' });
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await l?.close();
  });

  /** the day's run, its digests made and sent: what each produced */
  const day = async (d: string) => {
    const run = await runSupervision(l.db, { at: `${d}T08:30` });
    const made = await prepareDigests(l.db, d, new Date(`${d}T08:30:00+08:00`));
    const sent = await deliverPending(l.db, { mail: smtpSender(url, 'zhenggai@example.org').send }, new Date(`${d}T08:31:00+08:00`));
    return { notices: run.monitoringNotices, made, sent: sent.sent };
  };

  it('chases nothing before the targets are approved, and reports are refused until they are', async () => {
    // (a dry run: the day's real run, and its one message, come once the targets are approved)
    expect((await runSupervision(l.db, { at: '2025-06-30T08:30', dryRun: true })).monitoringNotices).toBe(0);
    await expect(
      reportMonitoring(l.db, id, halfYear({ reason: '项目尚未招标' }), '农业农村局', FULL_SCOPE, '2025-07-02'),
    ).rejects.toBeInstanceOf(ActionRefused);
    await approveTargets(l.db, id, 1, '分管领导', FULL_SCOPE, '2025-01-20');
  });

  it('reminds the unit when the mid-year point is reached, and the digest goes out once', async () => {
    expect((await monitoringOf(l.db, id, FULL_SCOPE, '2025-06-29')).points.map((p) => [p.period, p.due, p.status])).toEqual([
      ['2025-06', '2025-07-10', 'upcoming'],
    ]);
    const first = await day('2025-06-30');
    expect(first).toEqual({ notices: 1, made: 1, sent: 1 });
    expect(await day('2025-06-30')).toEqual({ notices: 0, made: 0, sent: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toBe('nongye@example.org');
    // one message for the day: the problem's reminder and the monitoring's, under one subject
    const body = decoded(received[0]?.raw ?? '');
    expect(body).toContain('XC2025-01-001');
    expect(body).toContain('绩效运行监控·应报送监控情况（1项）');
    // the unit's 待办 has the report owed; another unit's has not
    const owed = async (units: number[], d: string) =>
      (await todoFor(l.db, { scope: { kind: 'problems', units }, capabilities: ['read', 'report-progress'] }, d)).monitoring;
    expect(await owed([unit], '2025-06-30')).toEqual([
      { target: id, unit: '示例县农业农村局', year: 2025, period: '2025-06', label: '截至2025年6月30日', due: '2025-07-10', late: false },
    ]);
    expect(await owed([unit + 1000], '2025-06-30')).toEqual([]);
    expect((await owed([unit], '2025-07-11'))[0]?.late).toBe(true);
    const notices = (await monitoringOf(l.db, id, FULL_SCOPE, '2025-06-30')).notices;
    expect(notices.map((n) => [n.kind, n.period])).toEqual([['due', '2025-06']]);
    expect(notices[0]?.message).toContain('2025-07-10前报送');
  });

  it('refuses a report whose execution is behind the time elapsed until the reason is given, saving nothing', async () => {
    await expect(reportMonitoring(l.db, id, halfYear(), '农业农村局', FULL_SCOPE, '2025-07-02')).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof MonitoringRefused &&
        // 150 of 500 is 30%; by 30 June 49.6% of the year is gone: 19.6 points behind, yellow
        e.reasons.some((r) => r.includes('预算执行') && r.includes('30.0%') && r.includes('49.6%')),
    );
    expect((await monitoringOf(l.db, id, FULL_SCOPE, '2025-07-02')).points[0]?.report).toBeNull();
    // a point not yet reached cannot be reported
    await expect(
      reportMonitoring(l.db, id, { ...halfYear({ reason: 'x' }), period: '2025-09' }, '农业农村局', FULL_SCOPE, '2025-07-02'),
    ).rejects.toBeInstanceOf(ActionRefused);
    const saved = await reportMonitoring(
      l.db,
      id,
      halfYear({ reason: '高标准农田项目尚未完成招标，预计8月完成招标后集中支付' }),
      '农业农村局',
      FULL_SCOPE,
      '2025-07-02',
    );
    expect(saved.version).toBe(1);
    expect(saved.result.budget).toMatchObject({ colour: 'yellow' });
    expect(saved.result.budget?.progress).toBeCloseTo(30, 6);
    // 800 of 1500 trained by the middle of the year is on course; a rate is expected whole at any time
    expect(saved.result.indicators.map((i) => i.colour)).toEqual(['green', 'green', 'green', 'green']);
    const point = (await monitoringOf(l.db, id, FULL_SCOPE, '2025-07-02')).points[0];
    expect(point?.status).toBe('reported');
    expect((await todoFor(l.db, { scope: FULL_SCOPE, capabilities: ['read', 'report-progress'] }, '2025-07-02')).monitoring).toEqual([]);
  });

  it('passes the deviation on once, in the next day’s digest', async () => {
    const next = await day('2025-07-03');
    expect(next).toEqual({ notices: 1, made: 1, sent: 1 });
    expect(await day('2025-07-03')).toEqual({ notices: 0, made: 0, sent: 0 });
    const mail = decoded(received[1]?.raw ?? '');
    expect(mail).toContain('偏差预警');
    expect(mail).toContain('高标准农田项目尚未完成招标');
  });

  it('chases a quarterly point that was not reported, up the ladder one rung at a time', async () => {
    // in August the finance office asks for quarterly reports: March, before the change, is not chased
    await saveMonitoringSettings(l.db, id, { cadence: 'quarterly', dueDays: 10, yellow: 10, red: 20 }, '财务股', FULL_SCOPE, '2025-08-01');
    const m = await monitoringOf(l.db, id, FULL_SCOPE, '2025-10-11');
    expect(m.points.map((p) => [p.period, p.status])).toEqual([
      ['2025-03', 'exempt'],
      ['2025-06', 'reported'],
      ['2025-09', 'late'],
    ]);
    expect(await day('2025-10-11')).toEqual({ notices: 2, made: 1, sent: 1 });
    const notices = (await monitoringOf(l.db, id, FULL_SCOPE, '2025-10-11')).notices.filter((n) => n.day === '2025-10-11');
    expect(notices.map((n) => [n.period, n.kind, n.rung])).toEqual([
      ['2025-09', 'escalation', 'notice'],
      ['2025-09', 'missed', null],
    ]);
    expect(notices.find((n) => n.kind === 'missed')?.message).toContain('已逾期1天');
    expect((await day('2025-10-12')).notices).toBe(0); // 挂牌督办 waits for 7 days late
    expect(await day('2025-10-17')).toEqual({ notices: 1, made: 1, sent: 1 });
    expect((await monitoringOf(l.db, id, FULL_SCOPE, '2025-10-17')).notices[0]?.message).toMatch(/^【挂牌督办】.*逾期7天未报/);
    await expect(
      saveMonitoringSettings(l.db, id, { cadence: 'monthly', dueDays: 10, yellow: 30, red: 20 }, '财务股', FULL_SCOPE, '2025-10-17'),
    ).rejects.toBeInstanceOf(ActionRefused);
  });

  it('makes the monitoring table and report from what was kept', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await monitoringWorkbook(l.db, id, FULL_SCOPE)).bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('截至2025年6月30日');
    const budgetRow = sheet?.getRow(3).values as unknown[];
    expect(budgetRow.slice(1)).toEqual(expect.arrayContaining(['预算执行', 150, 30, 49.6, '轻度偏差']));
    const report = await monitoringReport(l.db, id, '2025-06', FULL_SCOPE, '2025-07-02');
    const text = (await readDocumentBytes(report.fileName, report.bytes)).text.replace(/\s/g, '');
    expect(text).toContain('全年预算500万元，截至2025年6月30日执行150万元，预算执行率30.0%，时间进度49.6%');
    expect(text).toContain('进度正常4项，轻度偏差0项，严重偏差0项');
    expect(text).toContain('高标准农田项目尚未完成招标');
  });

  it('starts the year-end 自评表 from the targets, with the reasons the year’s monitoring gave', async () => {
    // the correction of a report names its version; a second report of the same point without it is refused
    await expect(
      reportMonitoring(
        l.db,
        id,
        halfYear({ reason: 'x', trained: '400人次', trainedReason: '汛期推迟了春季培训' }),
        '农业农村局',
        FULL_SCOPE,
        '2025-07-05',
      ),
    ).rejects.toThrow(/已被他人修改/);
    const corrected = await reportMonitoring(
      l.db,
      id,
      {
        ...halfYear({ reason: '高标准农田项目尚未完成招标', trained: '400人次', trainedReason: '汛期推迟了春季培训，秋季集中补训' }),
        version: 1,
      },
      '农业农村局',
      FULL_SCOPE,
      '2025-07-05',
    );
    expect(corrected.version).toBe(2);
    expect(corrected.result.indicators[0]?.colour).toBe('red'); // 26.7% of the count where 49.6% was due
    const evaluationId = await evaluationFromTargetTable(l, id, '财务股', FULL_SCOPE);
    const { evaluation } = await getEvaluation(l.db, evaluationId, {}, FULL_SCOPE);
    expect(evaluation.indicators.map((i) => [i.level3, i.target, i.weight, i.actual])).toEqual([
      ['农民培训人次', '≥1500人次', 30, ''],
      ['培训合格率', '≥95%', 20, ''],
      ['农户收入', '提高', 20, ''],
      ['农户满意度', '≥90%', 20, ''],
    ]);
    expect(evaluation.indicators[0]?.deviation).toBe('截至2025年6月30日监控：汛期推迟了春季培训，秋季集中补训');
    expect(evaluation.budget).toMatchObject({ initial: '500', weight: 10 });
    // once the year's evaluation has started, the year's monitoring is no longer chased
    expect((await day('2025-10-30')).notices).toBe(0);
  });
});
