// What the documents in ../shared/corpus state, verified by hand against each text (line numbers count the SOURCE and
// COMPLETE header lines, as the reader sees the file). Figures only: the texts themselves stay in ../shared.
//
// `figures` are the figures a document states about itself as a whole — its totals, statuses, rate, money,
// institutions, accountability, meetings. `parts` are figures of one part (a town, a category, one city's
// meetings): the reader may report them with a scope, never as the whole report's. `listed` is the number of
// problems a complete document itemises. `consistent` is our verdict after checking every sum and rate by hand.
import type { Genre, Metric, ReportKind } from '../../src/core/document/model.ts';

/** What a self-evaluation states, beside the claim metrics of the other kinds. */
export type PerfMetric =
  | 'budget' // 预算数 (年初 / 全年) or a funding row's amount
  | 'executed' // 执行数
  | 'income' // 收入
  | 'spending' // 支出 and its kinds (基本支出, 项目支出, 人员经费 …)
  | 'staffing-authorized'
  | 'staffing-actual'
  | 'indicators' // how many indicator rows the table has (where the text has them all)
  | 'total-score'; // 合计

export interface Figure {
  readonly metric: Metric | PerfMetric;
  readonly value: number; // money and budgets in 万元
  readonly line: number;
  readonly part?: string; // the part the figure is about; absent: the whole document
  readonly approx?: boolean; // 多 / 余 / 约
  readonly or?: Metric; // a second metric that says the same thing ("申请延期整改" is not done and still in progress)
}

export interface CorpusFacts {
  readonly file: string;
  readonly kind: ReportKind;
  readonly genre: Genre;
  readonly complete: boolean;
  readonly consistent: boolean;
  readonly figures: readonly Figure[];
  readonly parts?: readonly Figure[];
  readonly listed?: number;
  readonly title?: string;
  readonly issuer?: string | null;
  /** the same document in simplified characters: the reader must read both alike */
  readonly simplifiedOf?: string;
  readonly inconsistencies?: readonly string[];
}

export const CORPUS_FACTS: readonly CorpusFacts[] = [
  // ---- audit ----
  {
    file: 'audit_beijing_2020.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    issuer: '北京市审计局',
  },
  {
    file: 'audit_dazu_chongqing_news_2024.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'audit_fuzhou_workreport_2024_traditional.txt',
    kind: 'audit-rectification',
    genre: 'work-report',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'audit_hainan_2019.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    issuer: '海南省审计厅',
    figures: [
      { metric: 'problems', value: 713, line: 9 },
      { metric: 'completed', value: 685, line: 9 },
      { metric: 'in-progress', value: 28, line: 9 },
      { metric: 'completion-rate', value: 96.07, line: 9 },
      { metric: 'money', value: 1500400, line: 9 },
      { metric: 'institutions', value: 77, line: 9 },
      { metric: 'accountable', value: 79, line: 9 },
    ],
    // 海口市政府 held 2 常务会议 and 15 专题会议: one city's meetings, not the province's
    parts: [
      { metric: 'meetings', value: 2, line: 10, part: '海口市' },
      { metric: 'meetings', value: 15, line: 10, part: '海口市' },
    ],
  },
  {
    file: 'audit_honghu_jingzhou_news_2019.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: true,
    consistent: true,
    figures: [],
    listed: 0,
  },
  {
    file: 'audit_jiangxi_2023.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    issuer: '省审计厅',
  },
  {
    file: 'audit_jiangxi_news_2022_reworded.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'problems', value: 2212, line: 17 },
      { metric: 'completed', value: 1970, line: 17 },
      { metric: 'completion-rate', value: 89.06, line: 17 },
    ],
    parts: [{ metric: 'completion-rate', value: 96.19, line: 17, part: '立行立改' }],
  },
  {
    file: 'audit_luohu_shenzhen_2023.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    title: '罗湖区2023年度本级预算执行和其他财政收支审计查出问题整改情况的报告',
  },
  {
    file: 'audit_national_news_2021.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [
      { metric: 'money', value: 66327400, line: 6 },
      { metric: 'institutions', value: 2800, line: 6, approx: true },
      { metric: 'accountable', value: 14000, line: 6 },
      { metric: 'problems', value: 6639, line: 8 },
    ],
  },
  {
    file: 'audit_national_news_2024_traditional.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'money', value: 104000000, line: 7 }, // 1.04兆元: 兆 is 万亿 in Taiwan's usage
      { metric: 'accountable', value: 3420, line: 7, approx: true },
      { metric: 'institutions', value: 1090, line: 11, approx: true },
    ],
    parts: [
      { metric: 'problems', value: 2186, line: 11, part: '立行立改' },
      { metric: 'completion-rate', value: 98, line: 11, part: '立行立改' },
      { metric: 'problems', value: 1299, line: 11, part: '分阶段整改' },
      { metric: 'problems', value: 753, line: 11, part: '持续整改' },
      { metric: 'money', value: 3318900, line: 13, part: '税务部门' },
      { metric: 'money', value: 5580800, line: 13, part: '土地出让收入' },
      { metric: 'money', value: 6475000, line: 15, part: '专项债券' },
      { metric: 'money', value: 75300, line: 15, part: '专项债券' },
    ],
  },
  {
    file: 'audit_neimenggu_2022.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    issuer: '自治区审计厅',
  },
  {
    file: 'audit_neimenggu_2023.txt',
    kind: 'audit-rectification',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    title: '关于自治区本级预算执行和其他财政收支2023年度审计查出问题整改情况的报告',
  },
  // "确保整改100%落实到位" is a goal, not a rate the report states
  {
    file: 'audit_yubei_chongqing_news_2017.txt',
    kind: 'audit-rectification',
    genre: 'news',
    complete: true,
    consistent: true,
    figures: [],
    listed: 0,
  },

  // ---- inspection (巡察) ----
  {
    file: 'xuncha_asctjt_group_news_undated.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [{ metric: 'meetings', value: 5, line: 3 }],
  },
  {
    file: 'xuncha_asctjt_group_news_undated_traditional.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [{ metric: 'meetings', value: 5, line: 3 }],
    simplifiedOf: 'xuncha_asctjt_group_news_undated.txt',
  },
  {
    file: 'xuncha_ganyu_news_2018.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'problems', value: 306, line: 3 },
      { metric: 'completed', value: 279, line: 3 },
      { metric: 'completion-rate', value: 91.18, line: 3 },
    ],
  },
  // 24 党政纪处理, 5 诫勉谈话, 10 组织处理: three kinds of accountability, no stated total
  {
    file: 'xuncha_gulou_kaifeng_news_undated.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [{ metric: 'institutions', value: 19, line: 3 }],
    parts: [
      { metric: 'accountable', value: 24, line: 3, part: '党政纪处理' },
      { metric: 'accountable', value: 5, line: 3, part: '诫勉谈话' },
      { metric: 'accountable', value: 10, line: 3, part: '组织处理' },
    ],
  },
  {
    file: 'xuncha_honghe_news_2019.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [
      { metric: 'problems', value: 8483, line: 3 },
      { metric: 'accountable', value: 223, line: 3 },
    ],
    parts: [{ metric: 'problems', value: 417, line: 6, part: '泸西县' }],
  },
  {
    file: 'xuncha_huiji_zhengzhou_xzsp_2024.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'xuncha_jinxian_minhe_2023.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'measures', value: 151, line: 8 },
      { metric: 'meetings', value: 6, line: 8 },
    ],
  },
  {
    file: 'xuncha_qiaojia_maozu_2023.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    issuer: '中共茂租镇委员会',
  },
  // 26 problems fed back to the town and 84 to its five villages, broken down into 106 tasks of which 98 are done:
  // the completed count is of tasks, the problem counts are of two levels, none is the whole
  {
    file: 'xuncha_shanting_xuzhuang_2023.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    issuer: '徐庄镇党委',
    figures: [
      { metric: 'measures', value: 106, line: 16 },
      { metric: 'completed', value: 98, line: 16 },
    ],
    parts: [
      { metric: 'problems', value: 26, line: 16, part: '镇党委' },
      { metric: 'problems', value: 84, line: 16, part: '村级党组织' },
    ],
  },
  {
    file: 'xuncha_shuangta_feedback_2025.txt',
    kind: 'inspection-progress',
    genre: 'feedback',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'xuncha_village_feedback_news_2019_traditional.txt',
    kind: 'inspection-progress',
    genre: 'feedback',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'xuncha_xianning_news_2018.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [
      { metric: 'problems', value: 471, line: 7 },
      { metric: 'completed', value: 453, line: 7 },
      { metric: 'completion-rate', value: 96.18, line: 7 },
      { metric: 'not-done', value: 18, line: 7, or: 'in-progress' },
      { metric: 'money', value: 23471.6, line: 7 },
      { metric: 'accountable', value: 552, line: 7 },
      { metric: 'institutions', value: 768, line: 7 },
    ],
  },
  // "仍有8个方面问题" counts aspects still open, not problems
  {
    file: 'xuncha_ycit_mech_2021.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    listed: 0,
    figures: [
      { metric: 'problems', value: 32, line: 4 },
      { metric: 'institutions', value: 6, line: 4 },
    ],
    parts: [{ metric: 'problems', value: 8, line: 4, part: '8个方面' }],
  },
  {
    file: 'xuncha_zhongshan_guzhen_2025.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    issuer: '中共中山市古镇镇委员会',
    figures: [{ metric: 'meetings', value: 3, line: 16 }],
  },

  // ---- inspection (巡视) ----
  {
    file: 'xunshi_central_provinces_news_2025_traditional.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'xunshi_central_round1_news_2018.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [],
  },
  // 11 of 13 units (84.6%) share one problem: a share of units, not a completion rate; 23 tasks are 江苏's alone
  {
    file: 'xunshi_central_round2_news_2014_traditional.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [],
    parts: [{ metric: 'measures', value: 23, line: 4, part: '江苏' }],
  },
  {
    file: 'xunshi_central_round4_news_2020.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: false,
    consistent: true,
    figures: [],
  },
  {
    file: 'xunshi_central_round5_news_2021.txt',
    kind: 'inspection-progress',
    genre: 'news',
    complete: true,
    consistent: true,
    figures: [],
    listed: 0,
    issuer: null,
  },
  { file: 'xunshi_hebei_round3_news_2023.txt', kind: 'inspection-progress', genre: 'news', complete: false, consistent: true, figures: [] },
  { file: 'xunshi_moe_2016.txt', kind: 'inspection-progress', genre: 'report', complete: false, consistent: true, figures: [] },
  {
    file: 'xunshi_moe_round7_2022.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
    title: '中共教育部党组关于十九届中央第七轮巡视整改进展情况的通报',
    issuer: '中共教育部党组',
  },
  {
    file: 'xunshi_moe_round7_2022_traditional.txt',
    kind: 'inspection-progress',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
  },

  // ---- performance self-evaluation ----
  {
    file: 'perf_dyrmt_fragment_undated.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'indicators', value: 4, line: 3 },
      { metric: 'total-score', value: 100, line: 3 },
    ],
  },
  {
    file: 'perf_gd_fazhanyanjiu_template_undated.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [],
  },
  // the table's 年度资金总额 row reads 0 0 0 while its 本年财政拨款 row reads 90 89.974 89.974
  {
    file: 'perf_guichi_tangxi_2022.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: false,
    inconsistencies: ['年度资金总额 0 is less than its part 本年财政拨款 90'],
    figures: [
      { metric: 'budget', value: 90, line: 3 },
      { metric: 'executed', value: 89.974, line: 3 },
      { metric: 'indicators', value: 9, line: 3 },
    ],
  },
  {
    file: 'perf_hainan_pingshan_hospital_undated.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [{ metric: 'budget', value: 1110, line: 35 }],
  },
  {
    file: 'perf_nanxian_zhengxie_2021.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'income', value: 792.22, line: 13 },
      { metric: 'spending', value: 799.12, line: 14 },
      { metric: 'spending', value: 434.89, line: 14 },
      { metric: 'spending', value: 77.4, line: 14 },
      { metric: 'spending', value: 286.83, line: 14 },
    ],
  },
  {
    file: 'perf_xuchang_hehu_2022.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'budget', value: 803.74, line: 4 },
      { metric: 'spending', value: 757.49, line: 4 },
      { metric: 'spending', value: 46.25, line: 4 },
    ],
  },
  {
    file: 'perf_yueyang_cgzx_2018.txt',
    kind: 'performance-self-evaluation',
    genre: 'report',
    complete: false,
    consistent: true,
    figures: [
      { metric: 'staffing-authorized', value: 21, line: 48 },
      { metric: 'staffing-actual', value: 21, line: 52 },
    ],
  },
];
