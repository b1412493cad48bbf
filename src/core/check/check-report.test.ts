// Each rule of the catalogue on a small report written to break it, and its quiet case.
import { describe, expect, it } from 'vitest';
import { readReports } from '../read-reports.ts';

const rules = (lines: string[]) =>
  readReports(lines.join('\n')).flatMap((r) => r.findings.map((f) => [f.rule, f.severity, f.lines, f.stated, f.computed]));
const head = [
  '中共示例局党组关于巡察整改进展情况的通报',
  '根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对示例局党组开展了巡察。5月20日反馈了巡察意见。',
];

describe('counts', () => {
  it('parts-vs-total: categories that do not add up to the headline', () => {
    expect(
      rules([
        '关于示例县2023年度审计查出问题整改情况的报告',
        '一、总体情况',
        '截至2024年6月底，审计工作报告反映的20个问题，15个已整改到位，整改完成率75%。',
        '二、审计查出问题的整改情况',
        '（一）财政管理方面。应整改问题12个，9个已整改到位。',
        '（二）部门预算执行方面。应整改问题9个，6个已整改到位。',
      ]),
    ).toEqual([['parts-vs-total', 'error', [3, 5, 6], 20, 21]]); // completed 9 + 6 = 15 agrees
  });

  it('rate-vs-counts: a rate the counts do not give, at its own precision', () => {
    const found = rules(['关于示例县审计查出问题整改情况的报告', '一、总体情况', '反映的185个问题，137个已整改到位，整改完成率74.10%。']);
    expect(found).toEqual([['rate-vs-counts', 'error', [3], 74.1, 74.05]]);
    expect(rules(['关于示例县审计查出问题整改情况的报告', '一、总体情况', '反映的185个问题，137个已整改到位，整改完成率74.05%。'])).toEqual(
      [],
    );
  });

  it('counts-swapped: two aspects whose stated counts are each other’s listed counts', () => {
    const found = rules([
      ...head,
      '一、整改落实情况',
      '（一）党的建设方面。巡察指出3个问题。',
      '1.甲问题',
      '2.乙问题',
      '（二）全面从严治党方面。巡察指出2个问题。',
      '3.丙问题',
      '4.丁问题',
      '5.戊问题',
    ]);
    // one swap, one finding: both aspects' lines on it
    expect(found.map((f) => f[0])).toEqual(['counts-swapped']);
    expect(found[0]?.slice(2)).toEqual([[4, 7], 3, 2]);
  });

  it('status-counts and status-parts-sum: statuses that do not match what is said of them', () => {
    const found = rules([
      ...head,
      '截至目前，反馈的3个问题中，已完成整改3个，正在整改1个。',
      '一、整改落实情况',
      '1.甲问题',
      '整改情况：已完成整改。',
      '2.乙问题',
      '整改情况：已完成整改。',
      '3.丙问题',
      '整改情况：正在整改。',
      '示例局党组',
      '2024年9月1日',
    ]);
    expect(found).toEqual([
      ['status-counts', 'error', [3], 3, 2],
      ['status-parts-sum', 'error', [3], 3, 4],
    ]);
  });

  it('status-parts-sum: what is not done, said again beside those in progress, is not one more part', () => {
    const report = (notDone: number) =>
      rules([
        '关于示例县2023年度审计查出问题整改情况的报告',
        '一、总体情况',
        '审计工作报告反映的问题共计40个，已整改到位31个，正在整改9个。',
        '二、下一步工作',
        `尚未整改到位的${notDone}个问题，主要涉及历史遗留事项，需要较长时间解决。`,
      ]);
    // 31 + 9 = 40, and the 9 not done are those 9: nothing to find (it once said 49 against 40)
    expect(report(9)).toEqual([]);
    // the parts named still have to add up
    expect(
      rules([
        '关于示例县2023年度审计查出问题整改情况的报告',
        '一、总体情况',
        '审计工作报告反映的问题共计40个，已整改到位31个，正在整改12个。',
      ]),
    ).toContainEqual(['status-parts-sum', 'error', [3], 40, 43]);
  });

  it('rate-without-counts: a rate nothing in its sentence gives', () => {
    expect(rules([...head, '一、整改落实情况', '1.甲问题', '整改情况：持续推进，整改完成率达到90%。'])).toEqual([
      ['rate-without-counts', 'warning', [5], 90, null],
    ]);
  });

  it('sentence-parts: parts of a whole in one sentence, a phased part among them, as a hint', () => {
    // 22 + 5 + 3 = 30: the phased 3 is a part like the others, so nothing to say
    expect(rules([...head, '一、总体情况', '涉及的30个事项中，已办结22个，正在推进5个，阶段性完成3个。'])).toEqual([]);
    expect(rules([...head, '一、总体情况', '涉及的30个事项中，已办结22个，正在推进5个，阶段性完成2个。'])).toEqual([
      ['sentence-parts', 'warning', [4], 30, 29],
    ]);
  });

  it('parts-vs-total: the three rectification classes are all the problems, up to what is said of each after 分别', () => {
    expect(
      rules([...head, '一、总体情况', '巡察反馈问题共20个，其中立行立改的7个、限期整改的9个、长期坚持的3个，分别完成7个、8个、1个。']),
    ).toEqual([['parts-vs-total', 'error', [4], 20, 19]]);
    expect(
      rules([...head, '一、总体情况', '巡察反馈问题共20个，其中立行立改的7个、限期整改的10个、长期坚持的3个，分别完成7个、8个、1个。']),
    ).toEqual([]);
  });

  it('parts-vs-total: the three classes told in clauses of their own, the total paragraphs before', () => {
    const said = (longTerm: number) =>
      rules([
        ...head,
        '一、总体情况',
        '区委巡察组共反馈问题24个。',
        '截至12月15日，已完成整改17个，整改完成率70.8%。',
        `其中，立行立改问题9个，已全部完成；限期整改问题11个，已完成8个，其余3个正在按期推进；长期整改问题${longTerm}个，均已取得阶段性成效。`,
      ]);
    expect(said(4)).toEqual([]);
    expect(said(5)).toEqual([['parts-vs-total', 'error', [4, 6], 24, 25]]);
    // two of the three told: the third may be anything, nothing to say
    expect(
      rules([
        ...head,
        '一、总体情况',
        '区委巡察组共反馈问题24个，已完成整改17个，整改完成率70.8%。其中立行立改问题9个，已全部完成；限期整改问题11个，已完成8个。',
      ]),
    ).toEqual([]);
  });

  it('sentence-parts: not said again as a hint where an error already says the same sum', () => {
    const found = rules([
      ...head,
      '截至目前，反馈的8个问题中，已完成整改6个，阶段性完成2个，正在整改1个。',
      '一、整改落实情况',
      ...Array.from({ length: 8 }, (_, i) => [`${i + 1}.问题${i + 1}`, '整改情况：已完成整改。']).flat(),
    ]);
    expect(found).toContainEqual(['status-parts-sum', 'error', [3], 8, 9]);
    expect(found.filter((f) => f[0] === 'sentence-parts')).toEqual([]);
  });
});

describe('dates', () => {
  it('dates-order: feedback before the inspection ended; report before feedback; as-of after the report', () => {
    expect(
      rules([
        '中共示例局党组关于巡察整改进展情况的通报',
        '根据统一部署，2024年3月1日至4月30日，县委第一巡察组对示例局党组开展了巡察。2024年4月20日反馈了巡察意见。',
      ]),
    ).toEqual([['dates-order', 'error', [2], '2024-04-20', '2024-04-30']]);
    expect(
      rules([...head, '截至2024年10月31日，反馈的2个问题已全部整改完成。', '示例局党组', '2024年9月1日']).map((f) => f.slice(0, 4)),
    ).toEqual([['dates-order', 'error', [3, 5], '2024-10-31']]);
  });

  it('date-implausible: a year no report means is said to be doubtful, and not compared with the others', () => {
    // "2924" for 2024, as recognition misreads a 0: not "the as-of date is after the report"
    expect(
      rules([...head, '截至2924年8月31日，反馈的2个问题已全部整改完成。', '示例局党组', '2024年9月1日']).map((f) => f.slice(0, 4)),
    ).toEqual([['date-implausible', 'warning', [3], '2924年8月31日']]);
    expect(rules([...head, '1921年建党以来，党的优良传统一以贯之。'])).toEqual([]);
  });

  it('money-parts: the amounts listed after 其中 against the amount they are of, as a hint', () => {
    const text = (parts: string) =>
      ['关于2023年度县级预算执行和其他财政收支审计查出问题整改情况的报告', `已整改金额7.92亿元，其中：${parts}。`].join('\n');
    const hint = readReports(text('上缴财政资金1.35亿元，归还原资金渠道2.16亿元，盘活存量资金1.87亿元，调账处理2.44亿元'))[0];
    expect(hint?.findings.map((f) => [f.rule, f.severity, f.stated, f.computed])).toEqual([['money-parts', 'warning', '79200', '78200']]);
    expect(readReports(text('上缴财政资金1.35亿元，归还原资金渠道2.16亿元，盘活存量资金1.97亿元，调账处理2.44亿元'))[0]?.findings).toEqual(
      [],
    );
  });

  it('finds a day its month does not have', () => {
    const r = readReports(
      ['中共示例县某局党组关于县委巡察整改进展情况的通报', '截至2024年2月30日，反馈的4个问题已全部完成整改。'].join('\n'),
    )[0];
    expect(r?.findings.map((f) => [f.rule, f.severity, f.stated])).toEqual([['date-impossible', 'error', '2024年2月30日']]);
    const leap = readReports(
      ['中共示例县某局党组关于县委巡察整改进展情况的通报', '截至2024年2月29日，反馈的4个问题已全部完成整改。'].join('\n'),
    )[0];
    expect(leap?.findings).toEqual([]);
  });

  it('action-after-report: work dated after the signature, but not a plan', () => {
    const found = rules([
      ...head,
      '一、整改落实情况',
      '1.甲问题',
      '2024年10月8日召开专题会议；计划于2024年12月1日前完成。',
      '示例局党组',
      '2024年9月1日',
    ]);
    expect(found).toEqual([['action-after-report', 'warning', [5, 7], '2024-10-08', '2024-09-01']]);
  });
});

describe('self-evaluation tables', () => {
  const table = (rows: string[]) =>
    rules([
      '2023年度部门整体支出绩效自评表',
      '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
      ...rows,
    ]);
  it('score-above-weight, weights-total and scores-total', () => {
    expect(
      table([
        '\t产出指标\t数量指标\t办案数\t100件\t100件\t40\t45\t',
        '\t效益指标\t社会效益\t满意度\t95%\t95%\t50\t50\t',
        '\t合计\t—\t—\t—\t—\t100\t90\t',
      ]),
    ).toEqual([
      ['score-above-weight', 'error', [3], 45, 40],
      ['scores-total', 'error', [5], 90, 95],
      ['weights-total', 'error', [5], 100, 90],
    ]);
  });
  it('table-cell: text where a figure goes, an empty weight, columns shifted', () => {
    expect(
      table([
        '\t产出指标\t数量指标\t办案数\t100件\t100件\t五\t5\t',
        '\t效益指标\t社会效益\t满意度\t95%\t95%\t\t5\t',
        '\t效益指标\t95%\t95%\t10\t10\t\t\t',
      ]),
    ).toEqual([
      ['table-cell', 'error', [3], '五', null],
      ['table-cell', 'error', [4], '', null],
      ['table-cell', 'error', [5], '95%', null],
      ['table-cell', 'error', [5], '', null],
    ]);
  });
  it('a shortfall with its reason written is not a finding', () => {
    expect(
      table([
        '\t产出指标\t数量指标\t办案数\t100件\t90件\t50\t45\t案件来源减少',
        '\t效益指标\t社会效益\t满意度\t95%\t95%\t50\t50\t',
        '\t合计\t—\t—\t—\t—\t100\t95\t',
      ]),
    ).toEqual([]);
  });
  it('funding-sum and an execution rate the figures do not give', () => {
    const found = rules([
      '2023年度部门整体支出绩效自评表',
      '年度预算申请\t年初预算数\t100\t全年执行数\t90\t分值\t10',
      '\t年度资金总额:\t100\t90\t10\t95.00%\t9.5',
      '\t一般公共预算:\t80\t\t其中:基本支出:\t90\t',
      '\t政府性基金拨款:\t5\t\t',
      '\t\t\t\t项目支出:\t0.00\t',
    ]);
    expect(found.map((f) => f.slice(0, 5))).toEqual([
      ['execution-rate', 'error', [3], 95, 90],
      ['funding-sum', 'error', [3, 4, 5], '90', '85'],
      // 10 points at a 90% execution rate are 9, not 9.5
      ['score-vs-rule', 'warning', [3], 9.5, 9],
    ]);
  });
});
