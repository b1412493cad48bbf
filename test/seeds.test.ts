// Golden tests over the five real documents. Every expected value below was checked by hand against the text.
import { describe, expect, it } from 'vitest';
import { readReports } from '../src/core/read-reports.ts';
import { allProblems } from '../src/core/document/problems.ts';
import type { Claim, Report } from '../src/core/document/model.ts';
import { haveSeeds, seedText } from './support/seeds.ts';

// vitest runs a skipped describe's body to collect its tests: without the seeds there is nothing to read
const read = (prefix: string) => (haveSeeds ? readReports(seedText(prefix)) : []);
const meta = (r: Report) =>
  Object.fromEntries(
    Object.entries(r.meta)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, [(v as { value: unknown }).value, (v as { line: number | null }).line]]),
  );
const claims = (r: Report, metric?: Claim['metric']) =>
  r.claims.filter((c) => (metric ? c.metric === metric : c.metric !== 'money')).map((c) => [c.metric, c.value, c.scope, c.line]);
const findings = (r: Report) => r.findings.map((f) => [f.rule, f.severity, f.lines, f.stated, f.computed]);

describe.skipIf(!haveSeeds)('seed 000: a city audit rectification report to the People’s Congress', () => {
  const [r, ...rest] = read('000');
  it('is one audit report with its dates', () => {
    expect(rest).toHaveLength(0);
    expect(r?.kind).toBe('audit-rectification');
    expect(r?.lines).toEqual([3, 97]);
    expect(meta(r as Report)).toEqual({
      title: ['关于清远市 2022 年度市级预算执行和其他财政收支审计查出问题整改情况的报告', 3],
      reportDate: ['2023-12-28', 97], // "(2023年12月28日经市八届人大常委会第二十四次会议审议通过)"
      asOf: ['2023-11-30', 19], // "截至2023年11月底"
    });
  });
  it('reads the four categories, and the problems of their areas with the status each one’s own sentences give', () => {
    expect(r?.outline.map((o) => [o.numbering, o.title.slice(0, 8), o.line, o.lastLine])).toEqual([
      ['一、', '审计整改工作落实', 7, 19],
      ['二、', '审计工作报告反映', 21, 79],
      ['三、', '尚未完全整改到位', 81, 97],
    ]);
    // the areas ("1. 市级财政管理及决算草案审计方面") group problems; the "一是…二是…" items are the problems
    expect(r?.aspects.map((a) => [a.title, a.line, a.problems.length, new Set(a.problems.map((p) => p.area)).size])).toEqual([
      ['财政管理审计发现问题整改情况', 23, 14, 3],
      ['重大政策措施落实跟踪审计情况', 37, 14, 5],
      ['重点民生和重大投资项目审计情况', 57, 16, 4],
      ['国资国企审计情况', 73, 10, 3],
    ]);
    const first = r?.aspects[0]?.problems ?? [];
    expect(first.slice(0, 4).map((p) => [p.number, p.title, p.status, p.area, p.line])).toEqual([
      ['一是', '预算编制不够完整、细化问题', 'in-progress', '市级财政管理及决算草案审计方面', 25], // 市财政局承诺…
      ['二是', '预算管理不规范问题', 'in-progress', '市级财政管理及决算草案审计方面', 27],
      ['三是', '部分上级转移支付资金分解下达不及时问题', 'in-progress', '市级财政管理及决算草案审计方面', 27],
      ['四是', '收支预算执行不严格问题', 'completed', '市级财政管理及决算草案审计方面', 27], // 已将…缴入国库
    ]);
    expect(first[3]?.statusText).toBe('市财政局已将罚没收入及共管户利息收入合计24146.92万元缴入国库');
    // an item whose sentences say nothing of its rectification stays unknown, to be shown as such
    const all = r?.aspects.flatMap((a) => a.problems) ?? [];
    expect(all.filter((p) => p.status === 'unknown').length).toBeGreaterThan(0);
    expect(all.every((p) => p.measures.length === 0 && p.children.length === 0)).toBe(true);
    // the status is in what was done, not in the problem's name: "部分林业发展规划任务未完成问题。…已完成…约90%"
    expect(all.find((p) => p.title === '部分林业发展规划任务未完成问题')?.statusText).not.toMatch(/^一是/);
  });
  it('states its totals, per-category counts and outcomes', () => {
    expect(claims(r as Report)).toEqual([
      ['completed', 137, null, 19],
      ['problems', 185, null, 19],
      ['completion-rate', 74.05, null, 19],
      ['institutions', 6, null, 19],
      ['institutions', 64, null, 19],
      ['accountable', 11, null, 19],
      ['completed', 33, '财政管理审计发现问题整改情况', 23],
      ['problems', 43, '财政管理审计发现问题整改情况', 23],
      ['institutions', 8, '财政管理审计发现问题整改情况', 31],
      ['completed', 43, '重大政策措施落实跟踪审计情况', 37],
      ['problems', 57, '重大政策措施落实跟踪审计情况', 37],
      ['completed', 44, '重点民生和重大投资项目审计情况', 57],
      ['problems', 57, '重点民生和重大投资项目审计情况', 57],
      ['institutions', 6, '重点民生和重大投资项目审计情况', 65],
      ['completed', 16, '国资国企审计情况', 73],
      ['problems', 28, '国资国企审计情况', 73],
      ['institutions', 6, '国资国企审计情况', 79],
    ]);
    expect(claims(r as Report, 'money')[0]).toEqual(['money', '368400', null, 19]); // 36.84亿元 in 万元
  });
  it('keeps every amount exact in its own unit', () => {
    expect(r?.amounts).toHaveLength(32);
    const at = (line: number, value: string) => r?.amounts.find((a) => a.line === line && a.value === value);
    expect(at(19, '36.84')).toMatchObject({ unit: '亿元', wan: '368400', approx: false });
    expect(at(61, '200599.76')).toMatchObject({ unit: '元', wan: '20.059976' });
    expect(at(59, '552')).toMatchObject({ unit: '万元', approx: true }); // "约 552 万元"
    expect(at(61, '14.49')).toMatchObject({ unit: '亿元', wan: '144900' });
  });
  it('names the institutions it made, with their editions', () => {
    const titles = r?.institutions.map((i) => `${i.title}|${i.edition ?? ''}`);
    expect(titles).toContain('关于进一步加强审计整改督促检查工作的措施（试行）|试行');
    expect(titles).toContain('清远市国有资产经营有限公司财务收支审批管理办法（2023 年版）|2023年版');
    expect(titles).toContain('清远市先进制造业和高技术制造业企业扶优计划（修订）|修订');
    // cited, not made: the central opinion the report is based on
    expect(titles?.some((t) => t.startsWith('关于建立健全审计查出问题整改长效机制的意见'))).toBe(false);
  });
  it('finds the headline that does not add up and the notice cited under two titles', () => {
    expect(findings(r as Report)).toEqual([
      ['parts-vs-total', 'error', [19, 23, 37, 57, 73], 137, 136],
      [
        'name-variants',
        'warning',
        [65],
        '清远市教育局关于重申学校食品安全管理工作要求的通知',
        '清远市教育局关于重申学校食品安全管理工作有要求的通知',
      ],
    ]);
  });
});

describe.skipIf(!haveSeeds)('seed 001: a finance bureau’s public progress report (web page text)', () => {
  const [r, ...rest] = read('001');
  it('skips the web navigation and reads the meta', () => {
    expect(rest).toHaveLength(0);
    expect(r?.kind).toBe('inspection-progress');
    expect(r?.lines).toEqual([3, 401]);
    expect(meta(r as Report)).toEqual({
      title: ['中共中山市财政局党组关于十五届市委第六轮巡察整改进展情况的通报', 3],
      issuer: ['中共中山市财政局党组', 399],
      inspectedUnit: ['市财政局党组', 6],
      team: ['市委第一巡察组', 6],
      round: ['十五届市委第六轮巡察', 3],
      inspectionStart: ['2024-09-23', 6],
      inspectionEnd: ['2024-12-20', 6],
      feedbackDate: ['2025-01-10', 6],
      reportDate: ['2025-09-12', 401],
      publicationPeriod: [{ start: '2025-09-12', end: '2025-09-26' }, 396],
      contacts: [
        [
          { kind: 'phone', value: '0760-88266496' },
          { kind: 'email', value: 'czrs406@163.com' },
          { kind: 'address', value: '中山市兴中道63号406室' },
          { kind: 'postcode', value: '528403' },
        ],
        396,
      ],
    });
  });
  it('reads 4 categories → 13 themes → 31 items → measures, and the 6 long-term items', () => {
    const aspects = r?.aspects ?? [];
    expect(aspects.map((a) => [a.title, a.problems.length])).toEqual([
      ['聚焦巡察整改和成果运用情况', 1],
      ['聚焦党中央决策部署在基层贯彻落实情况', 7],
      ['聚焦群众身边不正之风和腐败问题方面', 2],
      ['聚焦基层党组织和党员队伍建设方面', 3],
      ['需长期整改事项进展情况', 6],
    ]);
    const themes = aspects.slice(0, 4).flatMap((a) => a.problems);
    expect(themes.map((p) => p.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const items = themes.flatMap((p) => p.children);
    expect(items.map((c) => c.ordinal)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // "16)" whose "(" was lost is still item 16
    expect(items[15]).toMatchObject({ number: '16)', title: '持续采取务实管用的措施,筑牢兜实基层“三保”底线', line: 170 });
    expect(items[0]?.measures.map((m) => m.line)).toEqual([28, 30, 32, 34]);
    expect(items[6]?.measures).toHaveLength(5); // (7) 一是…五是
    const longTerm = aspects[4]?.problems ?? [];
    expect(longTerm.every((p) => p.longTerm && p.status === 'in-progress')).toBe(true);
    expect(longTerm[1]?.measures).toHaveLength(5);
  });
  it('states meetings and measures, no totals', () => {
    expect(claims(r as Report)).toEqual([
      ['meetings', 17, null, 16],
      ['measures', 14, '聚焦基层党组织和党员队伍建设方面', 256],
      ['meetings', 8, '需长期整改事项进展情况', 372],
    ]);
  });
  it('finds the item numbers that lost their bracket', () => {
    expect(findings(r as Report)).toEqual([['numbering-format', 'warning', [170, 208, 282, 288, 294, 304, 314, 324], 8, null]]);
  });
});

describe.skipIf(!haveSeeds)('seed 002: 17 reports compiled behind a table of contents', () => {
  const reports = read('002');
  it('finds each report on its own, after the table of contents and before the advertisements', () => {
    expect(reports.map((r) => r.lines[0])).toEqual([26, 108, 177, 205, 265, 284, 412, 465, 554, 631, 675, 714, 743, 842, 878, 910, 1065]);
    expect(reports.every((r) => r.kind === 'inspection-progress')).toBe(true);
    expect(reports[16]?.lines).toEqual([1065, 1108]); // the ads from line 1111 on are not the report's
    expect(reports[11]?.meta.title?.value).toBe('共青团XX区委员会关于巡察整改进展情况的通报');
  });
  it('reads each report’s inspection facts, resolving dates without a year', () => {
    expect(
      reports.map((r) => [
        r.meta.team?.value,
        r.meta.inspectionStart?.value,
        r.meta.inspectionEnd?.value,
        r.meta.feedbackDate?.value,
        r.meta.reportDate?.value ?? null,
      ]),
    ).toEqual([
      ['区委第一巡察组', '2022-10-08', '2022-11-15', '2023-04-12', '2023-08-11'],
      ['区委第一轮第二批巡察二组', '2022-05-24', '2022-06-23', '2022-09-06', null],
      ['区委第一巡察组', '2022-10-10', '2022-11-28', '2023-01-11', null],
      ['区委第四巡察组', '2022-02-17', '2022-04-15', '2022-08-30', null], // "8月30日": no report date, after the inspection
      ['县委第三巡察组', '2022-08-29', '2023-02-24', '2023-02-24', '2023-08-10'],
      ['省委第八巡视组', '2022-10-08', '2022-12-20', '2023-04-07', '2023-08-30'],
      ['省委第二巡视组', '2022-10-09', '2022-12-20', '2023-04-07', '2023-08-30'],
      ['省委第五巡视组', '2022-10-09', '2022-12-20', '2023-04-08', null],
      ['县委第三巡察组', '2023-08-29', '2023-02-05', '2023-02-24', '2023-08-16'],
      ['县委第二巡察组', '2022-12-01', '2023-01-15', '2023-03-06', '2023-08-06'],
      ['州委第四巡察组', '2022-11-10', '2022-12-10', '2023-02-13', '2023-08-01'],
      ['区委第二巡察组', '2022-07-25', '2022-11-30', '2023-03-02', '2023-08-25'], // "3月2日" in a report of 2023-08-25
      ['区委第四巡察组', '2022-10-24', '2022-11-29', '2023-03-17', '2023-08-09'],
      ['十三届县委第三巡察组', '2022-07-20', '2022-09-07', '2022-10-14', '2023-08-18'],
      ['区委第三巡察组', '2022-02-15', '2022-04-15', '2022-08-25', null],
      ['市委第四巡察组', '2022-10-10', '2023-01-20', '2023-03-10', '2023-08-25'],
      ['十三届县委第二巡察组', '2022-07-20', '2022-09-07', '2022-10-14', '2023-08-18'],
    ]);
  });
  it('reads each report’s heading tree', () => {
    const flat = (ns: Report['outline']): Report['outline'] => ns.flatMap((n) => [n, ...flat(n.children)]);
    expect(reports.map((r) => [flat(r.outline).length, Math.max(...flat(r.outline).map((o) => o.level))])).toEqual([
      [42, 3],
      [24, 3],
      [21, 3],
      [47, 3],
      [6, 2],
      [61, 3],
      [33, 2],
      [45, 2],
      [18, 3],
      [20, 2],
      [30, 3],
      [13, 3],
      [53, 4],
      [21, 3],
      [13, 2],
      [51, 3],
      [38, 4],
    ]);
    expect(reports.every((r) => r.outline.map((o) => o.numbering).join('') === '一、二、三、')).toBe(true);
    // report 13: "1．" with a full-width dot, and "（1）…（4）" under it
    expect(reports[12]?.outline[1]?.children[0]?.children[1]).toMatchObject({ numbering: '2．', level: 3, line: 758, lastLine: 766 });
  });

  it('reads each layout’s aspects and problems', () => {
    expect(reports.map((r) => [r.aspects.length, r.aspects.reduce((s, a) => s + a.problems.length, 0)])).toEqual([
      [3, 8],
      [3, 12],
      [3, 9],
      [5, 33],
      [3, 0],
      [2, 52],
      [1, 30],
      [1, 36],
      [3, 12],
      [1, 14],
      [3, 18],
      [3, 4],
      [3, 15],
      [3, 12],
      [3, 0],
      [9, 34],
      [3, 9],
    ]);
    // report 1: top-level 聚焦 sections are the aspects, "（一）" the problems, "1." the 31 specific problems
    expect(allProblems(reports[0]?.aspects ?? []).filter((p) => p.children.length === 0)).toHaveLength(31);
    // report 2: "基本完成的事项" updates two problems listed above instead of adding two
    expect(reports[1]?.aspects[1]?.problems.map((p) => p.status)).toEqual(['phased', 'unknown', 'unknown', 'phased', 'unknown']);
    // report 6: groups by status
    expect(reports[5]?.aspects.map((a) => [a.title, [...new Set(a.problems.map((p) => p.status))]])).toEqual([
      ['集中整改期内已完成的整改事项', ['completed']],
      ['按计划持续推进的整改事项', ['in-progress']],
    ]);
    // report 9: 47 problems stated, written as "一是…" paragraphs under 12 headings
    expect(allProblems(reports[8]?.aspects ?? []).filter((p) => p.children.length === 0)).toHaveLength(47);
    // report 13: statuses on each item, "在整改时限内有序推进整改" is in progress
    const leaves13 = allProblems(reports[12]?.aspects ?? []).filter((p) => p.children.length === 0);
    expect(leaves13.filter((p) => p.status === 'in-progress').map((p) => p.line)).toEqual([781, 822, 824]);
    // report 15: per-aspect counts with nothing listed
    expect(claims(reports[14] as Report, 'problems').slice(2)).toEqual([
      ['problems', 14, '“推动财政工作高质量发展有不足”方面', 892],
      ['problems', 7, '“班子建设、干部队伍建设有待加强”方面', 894],
      ['problems', 3, '“内控制度执行不到位”方面', 896],
    ]);
  });
  it('reads the overall figures of each report', () => {
    const figures = (i: number) =>
      claims(reports[i] as Report)
        .filter((c) => ['problems', 'completed', 'phased', 'in-progress', 'long-term', 'completion-rate'].includes(c[0] as string))
        .map((c) => `${c[0]}=${c[1]}`);
    expect(figures(1)).toEqual(['problems=12', 'phased=2', 'completed=10', 'problems=12']);
    expect(figures(4)).toEqual(['problems=32', 'completed=31', 'in-progress=1', 'completion-rate=97']);
    // "…方面问题7个，…方面问题12个，…方面问题28个": each aspect's count, named by the aspect the clause names
    expect(figures(8)).toEqual(['problems=47', 'problems=7', 'problems=12', 'problems=28', 'problems=47']);
    // its 31个具体问题 with the 28 done and the 3 under way (line 746), and all three again, the 31 as 31条问题 (line 751)
    expect(figures(12)).toEqual(['problems=31', 'completed=28', 'in-progress=3', 'completed=28', 'in-progress=3', 'problems=31']);
    expect(figures(13)).toEqual(['problems=24', 'problems=12']);
  });
  it('finds the real inconsistencies, each on its lines', () => {
    const all = reports.flatMap((r, i) => r.findings.map((f) => [i + 1, ...(findings({ ...r, findings: [f] })[0] as unknown[])]));
    expect(all).toEqual([
      // "5个方面41项问题", listed as 18 done and 34 continuing: 52 entries, 38 distinct titles
      [6, 'stated-vs-grouped', 'warning', [291, 294], 41, 38],
      [7, 'stated-vs-listed', 'error', [419, 421], 31, 30], // "四个方面31项具体问题", thirty listed
      [8, 'sentence-parts', 'warning', [483], 3884, 3904], // 3884户: 1186 delivered + 2718 to come — a hint
      [8, 'sentence-parts', 'warning', [509], 39, 36], // 39处: 22 let, 8 disposed of, 6 idle — a hint
      [8, 'measure-sequence', 'warning', [535], 4, 3], // 一是, 二是, 四是: no 三是
      [9, 'dates-order', 'error', [556], '2023-02-05', '2023-08-29'], // "2023年8月29日至2023年2月5日"
      [9, 'counts-swapped', 'error', [558, 571, 606], 12, 28], // states 7/12/28 for aspects that list 7/28/12
      [11, 'numbering-format', 'warning', [688], 1, null], // "5继续完善…": the dot lost
      [12, 'stated-vs-listed', 'error', [719, 721], 3, 4], // "反馈的3个具体问题" with four numbered
      // report 13 states 31 problems, 28 done, and lists exactly that once "3．" with its own status line and
      // sub-items "（2）…（4）" counts as the lost "（1）" — no error there, only the numbering gap
      [13, 'numbering-gap', 'warning', [767, 769], 2, 1], // "3．" goes straight to "（2）"
      [17, 'measure-sequence', 'warning', [1084], 2, 3], // "二是" twice
    ]);
  });
});

describe.skipIf(!haveSeeds)('seed 003: a performance self-evaluation pack', () => {
  const [r, ...rest] = read('003');
  it('is one self-evaluation: data table, 自评表 and 自评报告 together', () => {
    expect(rest).toHaveLength(0);
    expect(r?.kind).toBe('performance-self-evaluation');
    expect(r?.lines).toEqual([3, 288]);
    expect(r?.meta.title).toEqual({ value: '2023 年度岳阳市城市管理综合行政执法支队 直属三大队单位整体支出绩效自评报告', line: 84 });
    expect(r?.otherTitles.map((t) => t.line)).toEqual([3, 39, 92]);
    expect(r?.meta.inspectedUnit).toEqual({ value: '岳阳市城市管理综合行政执法支队直属三大队', line: 41 });
    expect(r?.meta.reportDate).toEqual({ value: '2024-05-20', line: 88 });
  });
  it('reads the budget block and the 17 indicators with carried-down levels', () => {
    const p = r?.performance;
    expect(p?.budget).toEqual({ initial: '865.82', executed: '899.13', weight: 10, score: 10, rate: 100, line: 43 });
    expect(p?.funding.map((f) => [f.source, f.amount])).toEqual([
      ['一般公共预算', '889.95'],
      ['政府性基金拨款', '0'],
      ['纳入专户管理的非税收入拨款', '0'],
      ['其他资金', '9.18'],
    ]);
    expect(p?.spending.map((s) => [s.type, s.amount])).toEqual([
      ['基本支出', '899.13'],
      ['项目支出', '0'],
    ]);
    expect(p?.indicators).toHaveLength(17);
    expect(p?.indicators[5]).toEqual({
      level1: '产出指标',
      level2: '质量指标',
      level3: '履职工作任务完成准时率',
      target: '100%',
      actual: '99%',
      weight: 5,
      score: 4,
      deviation: null,
      line: 58,
    });
    expect(p?.indicators[13]).toMatchObject({
      level1: '满意度指标',
      level3: '社会公众满意度',
      target: '96%',
      actual: '95%',
      weight: 10,
      score: 9,
    });
    expect(p?.indicators.reduce((s, i) => s + (i.weight ?? 0), 0)).toBe(90);
    expect(p?.indicators.reduce((s, i) => s + (i.score ?? 0), 0)).toBe(88);
    expect(p?.totals).toEqual({ weight: 100, score: 98, line: 70 });
  });
  it('reads the narrative’s problems and the inspection figures it quotes', () => {
    expect(r?.aspects.map((a) => [a.title, a.problems.length])).toEqual([['存在的问题及原因分析', 3]]);
    expect(claims(r as Report).filter((c) => c[0] !== 'meetings')).toEqual([
      ['problems', 33, null, 254],
      ['problems', 9, null, 254],
      ['completed', 29, null, 260],
      ['long-term', 4, null, 260],
      ['problems', 33, null, 260],
    ]);
  });
  it('finds the rates no figure gives, the signature spelled two ways, the unexplained shortfalls', () => {
    expect(findings(r as Report)).toEqual([
      ['control-rate', 'error', [6], 85.19, 100],
      ['name-variants', 'warning', [30, 74], '胡网新', '胡明新'],
      ['execution-rate', 'warning', [43], 100, 103.85],
      ['shortfall-without-reason', 'warning', [58], 4, 5],
      ['shortfall-without-reason', 'warning', [66], 9, 10],
      [
        'name-variants',
        'warning',
        [84, 92],
        '2023 年度岳阳楼区岳阳市城市管理综合行政执法支队 直属三大队单位整体支出绩效自评报告',
        '2023 年度岳阳市城市管理综合行政执法支队 直属三大队单位整体支出绩效自评报告',
      ],
      ['numbering-restart', 'warning', [140, 144], 1, 7],
      ['numbering-gap', 'warning', [244, 262], 7, 6],
      ['numbering-duplicate', 'warning', [280, 286], 9, 10],
    ]);
  });
});

describe.skipIf(!haveSeeds)('seed 004: "存在问题N：" / "整改落实情况：…" for 32 problems', () => {
  const [r] = read('004');
  it('joins the title broken over two lines', () => {
    expect(r?.meta.title).toEqual({ value: '中共广东清远高新技术产业开发区工作委员会关于巡察整改情况的通报', line: 1 });
    expect(meta(r as Report)).toMatchObject({
      team: ['市委第二巡察组', 5],
      inspectionStart: ['2020-07-29', 5],
      inspectionEnd: ['2020-11-02', 5],
      feedbackDate: ['2021-03-25', 5],
      reportDate: ['2021-09-27', 193],
    });
    expect(r?.meta.contacts?.value.filter((c) => c.kind === 'person').map((c) => c.value)).toEqual(['钟键', '钟敏华']);
  });
  it('reads 4 aspects, 32 problems, each with its status as written', () => {
    const problems = r?.aspects.flatMap((a) => a.problems) ?? [];
    expect(r?.aspects.map((a) => a.problems.length)).toEqual([11, 16, 4, 1]);
    expect(problems.map((p) => p.ordinal)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(problems.filter((p) => p.status === 'phased').map((p) => p.ordinal)).toEqual([5, 6, 7, 8, 22, 25, 26]);
    expect(problems.every((p) => p.longTerm)).toBe(true);
    expect(problems[4]).toMatchObject({ statusText: '阶段性完成整改，并长期坚持', statusLine: 42 });
    expect(problems[7]?.children.map((c) => c.title)).toEqual([
      '园区工业垃圾随意堆积',
      '园区内污水处理管网体系未完全建好，污水处理面临挑战',
    ]);
  });
  it('states 32 problems, 125 measures, 32 "完成" of which 7 phased', () => {
    expect(claims(r as Report)).toEqual([
      ['meetings', 2, null, 12],
      ['problems', 32, null, 12],
      ['measures', 125, null, 12],
      ['phased', 7, null, 16],
      ['completed', 32, null, 16],
      ['problems', 32, null, 16],
    ]);
    expect(findings(r as Report)).toEqual([
      ['phased-counted-as-completed', 'warning', [16, 42, 45, 49, 54, 128, 142, 147], 32, 25],
      // "截至5月19日…至2021年底的会计账册已自查完毕": the end of 2021 had not come yet
      ['period-after-date', 'warning', [71], '2021年底', '2021-05-19'],
    ]);
  });
});

describe.skipIf(!haveSeeds)('the rule catalogue', () => {
  it('lists every rule a finding can carry', async () => {
    const { RULES } = await import('../src/core/check/check-report.ts');
    const ids = new Set(RULES.map((r) => r.id));
    const seen = ['000', '001', '002', '003', '004'].flatMap((p) => read(p).flatMap((r) => r.findings.map((f) => [f.rule, f.severity])));
    for (const [rule, severity] of seen) {
      expect(ids.has(rule as string)).toBe(true);
      // a rule's severity is its own, except where a rule names its milder case in the catalogue
      if (rule !== 'execution-rate' && rule !== 'status-parts-sum') expect(RULES.find((r) => r.id === rule)?.severity).toBe(severity);
    }
  });
});
