// The fault suite, importing: what a careful operator found losing or duplicating problems on the way in (issue 14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { importDocuments } from '../src/services/import-documents.ts';
import { addEvidence } from '../src/services/problem-actions.ts';
import { readStoredFile } from '../src/store/file-store.ts';
import { alreadyImported } from '../src/core/ledger/already-imported.ts';
import { ledgerStatistics, listProblems, problemDetail } from '../src/services/ledger-queries.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2026-11-22';
const dir = mkdtempSync(join(tmpdir(), 'zg-faults-import-'));

/** A 通报 listing `n` numbered problems, each with its status line and one measure naming its number. */
function longReport(n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    return `${k}.第${k}号问题的整改\n整改情况：已完成整改。一是落实第${k}号问题的整改措施。`;
  });
  return [
    '中共示例县长清单局党组关于县委第九轮巡察整改进展情况的通报',
    '',
    `根据县委统一部署，县委第一巡察组对县长清单局党组开展了常规巡察。截至2024年11月30日，${n}个问题已全部完成整改。`,
    '',
    '一、巡察反馈问题整改落实情况',
    '',
    '（一）贯彻落实党中央决策部署方面',
    '',
    ...items,
    '',
    '中共示例县长清单局党组',
    '2024年12月1日',
  ].join('\n');
}

describe('a report numbering its problems past 999', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
  });
  afterAll(() => l.close());

  it('imports all 2,000 problems, each with its own measure', async () => {
    const file = join(dir, 'long.txt');
    writeFileSync(file, longReport(2000));
    const [r] = await importDocuments(l, [file], { actor: '整改办', today: TODAY });
    const code = r?.sources[0]?.code as string;
    expect(r?.sources[0]?.problems).toBe(2000);
    expect(await ledgerStatistics(l.db, { scope: FULL_SCOPE, source: code, today: TODAY })).toMatchObject({ total: 2000, completed: 2000 });
    const last = await listProblems(l.db, { scope: FULL_SCOPE, source: code, today: TODAY, search: '第2000号', limit: 5, offset: 0 });
    expect(last.items.map((p) => p.title)).toEqual(['第2000号问题的整改']);
    // problem 1000's measure stays with problem 1000, not appended to 999
    const p999 = await problemDetail(l.db, `${code}-999`, TODAY, FULL_SCOPE);
    const p1000 = await problemDetail(l.db, `${code}-1000`, TODAY, FULL_SCOPE);
    expect(p999.measures.map((m) => m.text)).toEqual([expect.stringContaining('第999号')]);
    expect(p1000.measures.map((m) => m.text)).toEqual([expect.stringContaining('第1000号')]);
    // and the ledger lists them in the order of their numbers: 1000 follows 999, not 100
    const around = await listProblems(l.db, { scope: FULL_SCOPE, source: code, today: TODAY, limit: 3, offset: 998 });
    expect(around.items.map((p) => p.code)).toEqual([`${code}-999`, `${code}-1000`, `${code}-1001`]);
  });
});

describe('the same report, again', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
  });
  afterAll(() => l.close());

  it('as GBK text, UTF-8 text and .docx is one source, and each copy says which', async () => {
    const text = longReport(3);
    const utf8 = join(dir, '通报-utf8.txt');
    const gbk = join(dir, '通报-gbk.txt');
    const docx = join(dir, '通报.docx');
    writeFileSync(utf8, text);
    writeFileSync(gbk, iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk'));
    const { Document, Packer, Paragraph } = await import('docx');
    writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map((t) => new Paragraph(t)) }] })));
    const [first] = await importDocuments(l, [utf8], { actor: '整改办', today: TODAY });
    const code = first?.sources[0]?.code as string;
    const again = await importDocuments(l, [gbk, docx], { actor: '整改办', today: TODAY });
    expect(again.map((r) => [r.status, r.sameAs])).toEqual([
      ['already-imported', { fileName: '通报-utf8.txt', sameBytes: false, sources: [code] }],
      ['already-imported', { fileName: '通报-utf8.txt', sameBytes: false, sources: [code] }],
    ]);
    expect(alreadyImported(again[1]?.sameAs)).toBe(`内容与此前导入的“通报-utf8.txt”相同（格式或编码不同），即整改来源 ${code}，未作改动`);
    expect((await l.db.selectFrom('source').select('code').execute()).map((s) => s.code)).toEqual([code]);
  });

  it('imported twice at the same moment is written once; the second is told it is there', async () => {
    const file = join(dir, '同时.txt');
    writeFileSync(file, longReport(5).replace('第九轮', '第十轮'));
    const before = await l.db.selectFrom('source').select('code').execute();
    const both = await Promise.all([1, 2].map(() => importDocuments(l, [file], { actor: '整改办', today: TODAY })));
    expect(both.map(([r]) => r?.status).sort()).toEqual(['already-imported', 'imported']);
    expect(await l.db.selectFrom('source').select('code').execute()).toHaveLength(before.length + 1);
  });
});

describe('a file with no report in it', () => {
  it('is refused by name, and not remembered as imported', async () => {
    const l = await testLedger();
    try {
      const file = join(dir, '会议纪要.txt');
      writeFileSync(file, '这是一份会议纪要。\n大家讨论了天气。\n');
      await expect(importDocuments(l, [file], { actor: '整改办', today: TODAY })).rejects.toMatchObject({
        failures: [{ file, reason: '文件“会议纪要.txt”中没有找到整改报告：应有报告标题和编号列出的问题' }],
      });
      expect(await l.db.selectFrom('document').select('id').execute()).toEqual([]);
    } finally {
      await l.close();
    }
  });
});

describe('a file kept in the ledger', () => {
  it('comes back byte for byte, every byte value, at 5 MB', async () => {
    const l = await testLedger();
    try {
      const file = join(dir, '字节.txt');
      // still being rectified: a closed problem takes no more evidence
      writeFileSync(file, longReport(1).replace('第九轮', '第八轮').replace('已完成整改', '正在整改'));
      const [r] = await importDocuments(l, [file], { actor: '整改办', today: TODAY });
      // every byte value, between the four bytes that make it a ZIP archive and the record that ends a whole one
      // (evidence is judged by its content)
      const bytes = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i < 4 ? [0x50, 0x4b, 0x03, 0x04][i] : (i * 7919) % 256) as number);
      bytes.set([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)], bytes.length - 22);
      const id = (
        await addEvidence(
          l.db,
          `${r?.sources[0]?.code}-001`,
          { scope: FULL_SCOPE, actor: '整改办', at: TODAY },
          { name: '佐证.zip', bytes },
        )
      ).id;
      const { sha256 } = await l.db.selectFrom('evidence').select('sha256').where('id', '=', id).executeTakeFirstOrThrow();
      const kept = await readStoredFile(l.db, sha256);
      expect(kept && Buffer.from(kept).equals(Buffer.from(bytes))).toBe(true);
      // the same content attached again, under another name, is kept once and read back the same
      const again = (
        await addEvidence(
          l.db,
          `${r?.sources[0]?.code}-001`,
          { scope: FULL_SCOPE, actor: '整改办', at: TODAY },
          { name: '再次.zip', bytes },
        )
      ).id;
      expect((await l.db.selectFrom('evidence').select('sha256').where('id', '=', again).executeTakeFirstOrThrow()).sha256).toBe(sha256);
      expect(await l.db.selectFrom('file_blob').select('sha256').where('sha256', '=', sha256).execute()).toHaveLength(1);
      expect(Buffer.from((await readStoredFile(l.db, sha256)) as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      await l.close();
    }
  });
});
