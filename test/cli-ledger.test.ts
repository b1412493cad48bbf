// The ledger from the command line: import, lists, one problem, statistics, the audit check — as a user runs them.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
const data = mkdtempSync(join(tmpdir(), 'zg-cli-ledger-'));

function zg(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ZG_DATA: data, ZG_TODAY: '2025-01-15', USER: '整改办' };
  delete env.DATABASE_URL; // this test is about the embedded database a user gets by default
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('zg on the ledger', () => {
  it('imports a report, once', () => {
    const r = zg('import', SAMPLE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导入 1 个整改来源');
    expect(r.out).toContain('XC2024-01  中共示例县农业农村局党组关于县委第三轮巡察整改进展情况的通报（问题 8 个）');
    expect(r.err).toContain('正在写入 XC2024-01');
    expect(zg('import', SAMPLE).out).toContain('此文件此前已导入，即整改来源 XC2024-01，未作改动');
  });

  it('prints statistics as JSON in the documented shape, with the report’s claims beside them', () => {
    const r = zg('stats', '--source', 'XC2024-01', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining([
        'total',
        'completed',
        'phased',
        'inProgress',
        'notStarted',
        'overdue',
        'completionRate',
        'byAspect',
        'byUnit',
        'byTriage',
        'outcomes',
      ]),
    );
    expect(s).toMatchObject({ total: 8, completed: 5, phased: 2, inProgress: 1, notStarted: 0 });
    expect(s.completionRate).toBe(62.5);
    expect(
      s.claims
        .filter((c: { agrees: boolean }) => !c.agrees)
        .map((c: { metric: string; stated: number; computed: number }) => [c.metric, c.stated, c.computed]),
    ).toEqual([
      ['completed', 6, 5],
      ['completion-rate', 75, 62.5],
    ]);
    const stats = zg('stats').out;
    expect(stats).toMatch(/^截至 2025-01-15：共 8 个：已完成 5，阶段性完成 2，正在整改 1，未开始 0，超期 0；完成率 62\.50%/);
    // the classes by name, not by code
    expect(stats).toContain('  长期整改：共 1 个');
    expect(stats).not.toContain('long-term');
  });

  it('lists problems and shows one with its history', () => {
    const list = JSON.parse(zg('problems', '--status', 'phased', '--json').out);
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['XC2024-01-003', 'XC2024-01-008']);
    const one = zg('problem', 'XC2024-01-003');
    expect(one.out).toContain('XC2024-01-003  涉农资金统筹整合不到位');
    expect(one.out).toContain('状态：阶段性完成（长期整改），报告原文“阶段性完成整改，并长期坚持”');
    expect(one.out).toContain('1. 一是建立涉农资金统筹整合联席会议机制');
    const missing = zg('problem', 'XC2099-01-001');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('没有编号为“XC2099-01-001”的问题');
  });

  it('exports the four lists as a workbook and refuses a file that is not one', () => {
    const out = join(data, '台账.xlsx');
    const r = zg('export', 'ledger', '--source', 'XC2024-01', '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const again = zg('import-ledger', out);
    expect(again.out).toContain('已导入 XC2024-01（更新）：问题 8 个');
    const bad = zg('import-ledger', SAMPLE);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('工作簿未导入，数据未作任何改动');
  });

  it('generates the 通报 and a 督办单 from the ledger; the 通报 passes zg check', () => {
    const out = join(data, '通报.docx');
    const r = zg('report', 'tongbao', '--public', '--as-of', '2025-01-10', '-o', out); // the only source: no --source
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已生成《中共示例县农业农村局党组关于巡察整改进展情况的通报》');
    const check = zg('check', out);
    expect(check.code, check.out + check.err).toBe(0);
    expect(check.out).toContain('错误 0 条');
    // the sample report's own inconsistencies are not carried over: the figures are the ledger's
    expect(zg('parse', out).out).toMatch(/已完成 5\s+第\d+行/);
    // a closed problem is not supervised; an open one no unit leads yet would have no one to send a 督办单 to
    const closed = zg('form', 'notice', 'XC2024-01-007', '-o', join(data, '督办单.docx'));
    expect(closed.code).toBe(2);
    expect(closed.err).toContain('问题 XC2024-01-007 已完成整改并销号，不再督办');
    const unled = zg('form', 'notice', 'XC2024-01-006', '-o', join(data, '督办单.docx'));
    expect(unled.code).toBe(2);
    expect(unled.err).toContain('问题 XC2024-01-006 还没有牵头单位：请先分工，再下发督办单');
    const closure = zg('form', 'closure', 'XC2024-01-007', '-o', join(data, '对账销号单.docx'));
    expect(closure.code, closure.err).toBe(0);
    const wrong = zg('report', 'npc', '-o', join(data, 'x.docx'));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('不是审计查出的问题');
    const unknown = zg('report', '简报', '-o', join(data, 'x.docx'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('不认识的公文种类“简报”');
  });

  it('writes a 自评报告 from a self-evaluation and the ledger, saying which parts the unit has yet to write', () => {
    const imported = zg('perf', 'import', join(ROOT, 'samples', '绩效自评表-示例.txt'));
    expect(imported.code, imported.err).toBe(0);
    const id = /已保存绩效自评 (\d+)/.exec(imported.out)?.[1] as string;
    const out = join(data, '自评报告.docx');
    const r = zg('perf', 'report', id, '--source', 'XC2024-01', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      '尚未填写：单位基本情况（职能职责、机构设置）、单位整体支出绩效情况（全年工作及成效）、自评结果拟应用和公开情况',
    );
    const check = zg('check', out);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toMatch(/错误 0 条/);
    // the rectification read back as the ledger counts XC2024-01: 8 problems, 5 completed
    const parsed = zg('parse', out).out;
    expect(parsed).toMatch(/问题数 8\s+第\d+行/);
    expect(parsed).toMatch(/已完成 5\s+第\d+行/);
    const unknown = zg('perf', 'report', id, '--source', 'XC2099-01', '-o', out);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('XC2099-01');
    expect(zg('perf', 'report', id, '-o', join(data, '自评报告.pdf')).code).toBe(2);
  });

  it('lists a year’s monitoring points once its targets are approved, and refuses a report of a point not reported', () => {
    const file = join(data, '2025年度绩效目标表.txt');
    writeFileSync(
      file,
      [
        '2025年度示例县农业农村局部门整体支出绩效目标表',
        '预算单位名称\t示例县农业农村局',
        '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t分值',
        '\t产出指标\t数量指标\t农民培训人次\t≥1600人次\t50',
        '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t50',
      ].join('\n'),
    );
    const imported = zg('perf', 'targets', 'import', file);
    expect(imported.code, imported.err).toBe(0);
    const id = /已保存绩效目标表 (\d+)/.exec(imported.out)?.[1] as string;
    expect(zg('perf', 'targets', 'approve', id).code).toBe(0);
    expect(zg('perf', 'targets', 'monitoring', id).out).toContain('2025-06  截至2025年6月30日  报送期限 2025-07-10  未到时点');
    const month = zg('perf', 'targets', 'monitoring', id, '--period', '2025-13', '-o', join(data, 'x.docx'));
    expect(month.code).toBe(2);
    expect(month.err).toContain('不是有效月份');
    const none = zg('perf', 'targets', 'monitoring', id, '--period', '2025-06', '-o', join(data, '监控报告.docx'));
    expect(none.code).toBe(2);
    expect(none.err).toContain('没有“2025-06”的监控情况');
    const sheet = zg('perf', 'targets', 'monitoring', id, '-o', join(data, '监控表.xlsx'));
    expect(sheet.code, sheet.err).toBe(0);
    expect(readFileSync(join(data, '监控表.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('verifies the audit log', () => {
    const r = zg('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/操作日志完好：共 \d+ 条记录，SHA-256 哈希链连续/);
  });
});

describe('zg leads', () => {
  it('registers a lead, shows it overdue, refuses a disposal without its document (exit 2), concludes it, and counts', () => {
    expect(zg('import', SAMPLE).code).toBe(0);
    const add = zg(
      'leads',
      'add',
      '--source',
      'XC2024-01',
      '--phase',
      '巡中移交',
      '--receiver',
      'discipline',
      '--receiver-name',
      '示例县纪委监委',
      '--summary',
      '反映违规报销酒水',
      '--persons',
      '李某某',
      '--transferred',
      '2024-12-10',
      '--problem',
      'XC2024-01-006',
    );
    expect(add.out.trim()).toBe('已登记问题线索 XC2024-01-L01，办理期限 2025-01-10');
    expect(zg('leads', 'list').out).toContain('XC2024-01-L01  逾期未办结  巡中移交  示例县纪委监委  移交 2024-12-10  期限 2025-01-10');
    const refused = zg('leads', 'step', 'XC2024-01-L01', '--kind', 'close', '--text', '不属实');
    expect([refused.code, refused.err.trim()]).toEqual([2, 'zg: 办结线索须注明依据的文书（文号或名称），如“予以了结”的处置意见']);
    const wrong = zg('leads', 'list', '--state', '坏的');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('不认识的状态“坏的”');
    expect(zg('leads', 'step', 'XC2024-01-L01', '--kind', '予以了结', '--text', '不属实', '--document', '示纪〔2025〕2号').out).toContain(
      '现为已办结（逾期）',
    );
    expect(zg('leads', 'stats').out).toContain('截至2025年1月15日，移交的问题线索1件已全部办结。');
  });
});

describe('zg publish and zg submissions', () => {
  it('publishes the 通报, then works what the public sent: shown with the contact, answered, made a problem (exit 2 on a second)', async () => {
    expect(zg('import', SAMPLE).code).toBe(0);
    const published = zg('publish', 'XC2024-01');
    expect(published.out).toMatch(/^已发布：.+（公开页面 \/p\/(\d+)），公开期限 2025-01-15 至 2025-01-29$/m);
    const id = Number(/\/p\/(\d+)/.exec(published.out)?.[1]);
    // a member of the public sends two, through the services the public part calls (the ledger is ours while the CLI rests)
    const { openDefaultLedger } = await import('../src/services/ledger.ts');
    const { receiveSubmission } = await import('../src/services/public-supervision.ts');
    const l = await openDefaultLedger({ ...process.env, ZG_DATA: data, DATABASE_URL: '' });
    const sent = [];
    try {
      for (const content of ['村务公开栏长期未更新，请督促整改。', '示例村饮水工程报告已完成，但三组至今未通自来水。'])
        sent.push(
          (
            await receiveSubmission(
              l.db,
              id,
              { kind: 'opinion', content, name: '群众甲', phone: '13900000000' },
              { today: '2025-01-15', address: '203.0.113.5' },
            )
          ).ref,
        );
    } finally {
      await l.close();
    }
    const [first, second] = sent as [string, string];
    expect(zg('submissions', 'list', '--state', '待阅').out).toContain(`${first}  意见建议  待阅`);
    expect(zg('submissions', 'show', first).out).toContain('反映人：群**  联系电话：139****0000（加 --contact 显示完整联系方式）');
    expect(zg('submissions', 'show', first, '--contact').out).toContain('反映人：群众甲  联系电话：13900000000');
    expect(zg('submissions', 'reply', first, '--text', '已督促更新公开栏').out.trim()).toBe(`${first} 已答复`);
    const made = zg('submissions', 'problem', second, '--title', '三组饮水工程未通水');
    expect(made.out.trim()).toMatch(new RegExp(`^${second} 已新增问题：问题 XC2024-01-\\d{3}$`));
    const again = zg('submissions', 'problem', second, '--title', '再建一个');
    expect([again.code, again.err.trim()]).toEqual([
      2,
      `zg: 群众反映 ${second} 已关联问题 ${/问题 (XC2024-01-\d{3})/.exec(made.out)?.[1]}`,
    ]);
    expect(zg('submissions', 'list', '--state', '已办理').out).toContain(`${first}  意见建议  已办理`);
  });
});
