// Layouts the world writes that the seeds do not show, in small texts of our own: each names the rule it pins.
import { describe, expect, it } from 'vitest';
import { readReports } from '../read-reports.ts';

const read = (lines: string[]) => readReports(lines.join('\n'));

describe('a self-evaluation table laid out one cell per line', () => {
  const r = read([
    '示例中心2024年度项目支出绩效自评表',
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '实际完成值',
    '分值',
    '得分',
    '产出指标',
    '数量指标',
    '培训人次',
    '≥300人次',
    '320人次',
    '20',
    '20',
    '质量指标',
    '培训合格率',
    '≥95%',
    '96%',
    '20',
    '20',
    '效益指标',
    '社会效益指标',
    '238.93',
    '≥200',
    '238.93',
    '30',
    '28',
    '合计',
    '70',
    '68',
  ])[0];
  it('reads each row with its carried-down levels, and the total', () => {
    expect(r?.kind).toBe('performance-self-evaluation');
    expect(r?.performance?.indicators.map((i) => [i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score, i.line])).toEqual([
      ['产出指标', '数量指标', '培训人次', '≥300人次', '320人次', 20, 20, 11],
      ['产出指标', '质量指标', '培训合格率', '≥95%', '96%', 20, 20, 17],
      ['效益指标', '社会效益指标', '238.93', '≥200', '238.93', 30, 28, 24],
    ]);
    expect(r?.performance?.totals).toEqual({ weight: 70, score: 68, line: 30 });
  });
  it('does not take a figure such as 238.93 at the start of a line for an item number', () => {
    expect(r?.outline).toEqual([]);
  });
});

describe('structure as people write it', () => {
  it('reads "关于…的问题" paragraphs under an aspect heading as its problems, each with its own status', () => {
    const [r] = read([
      '中共示例镇委员会关于巡察整改进展情况的通报',
      '根据县委统一部署，县委第一巡察组对示例镇党委开展了巡察。现将整改进展情况予以公布。',
      '一、整改落实情况',
      '（一）党的建设方面',
      '关于理论学习不深入的问题。整改情况：已完成整改。一是制定学习计划。',
      '关于组织生活不规范的问题。整改情况：正在整改。一是开展专项检查。',
      '（二）全面从严治党方面',
      '关于监督检查不到位的问题。整改情况：已完成整改。一是建立检查台账。',
    ]);
    const problems = r?.aspects.flatMap((a) => a.problems.flatMap((p) => (p.children.length ? p.children : [p])));
    expect(problems?.map((p) => [p.title, p.status])).toEqual([
      ['理论学习不深入', 'completed'],
      ['组织生活不规范', 'in-progress'],
      ['监督检查不到位', 'completed'],
    ]);
  });

  it('keeps a title repeated as a page header inside one report', () => {
    const title = '中共示例局党组关于巡察整改进展情况的通报';
    const reports = read([
      title,
      '根据区委统一部署，区委第二巡察组对示例局党组开展了巡察。现将整改进展情况予以公布。',
      '一、整改落实情况',
      '1.关于制度执行不严的问题。整改情况：已完成整改。',
      title,
      '2.关于台账管理混乱的问题。整改情况：正在整改。',
      '中共示例局党组',
      '2024年6月30日',
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.aspects.flatMap((a) => a.problems).map((p) => p.status)).toEqual(['completed', 'in-progress']);
  });
});

describe('no accusation where the text is consistent', () => {
  const errors = (lines: string[]) => read(lines).flatMap((r) => r.findings.filter((f) => f.severity === 'error').map((f) => f.rule));
  const head = ['中共示例局党组关于巡察整改进展情况的通报', ''];
  it('checks a part’s rate against the part, not the whole', () => {
    const text = [
      ...head,
      '截至2024年3月15日，巡察组反馈的40个问题，已完成整改36个，整改完成率90%。其中，社区层面问题10个，已完成整改8个，完成率80%。',
      '其中，立行立改问题15个，已全部完成。限期整改问题25个，已完成21个，完成率84%。',
    ];
    expect(errors(text)).toEqual([]);
    const [r] = read(text);
    expect(r?.claims.filter((c) => c.metric === 'completion-rate').map((c) => [c.value, c.scope])).toEqual([
      [90, null],
      [80, '社区层面'],
      [84, '限期整改'],
    ]);
  });
  it('reads "17个问题已完成整改15个" as 17 problems, 15 done', () => {
    const [r] = read([...head, '截至2024年3月31日，17个问题已完成整改15个，整改完成率88.2%。']);
    expect(r?.claims.filter((c) => c.scope === null).map((c) => [c.metric, c.value])).toEqual([
      ['completed', 15],
      ['problems', 17],
      ['completion-rate', 88.2],
    ]);
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('keeps the figures of an aspect heading with nothing numbered under it to that aspect', () => {
    const text = [
      ...head,
      '巡察组反馈问题47个，截至2024年8月31日，已完成整改41个，整改完成率87.2%。',
      '（一）党的领导弱化方面问题15个，已完成13个。',
      '（二）党的建设缺失方面问题20个，已完成17个。',
      '（三）全面从严治党不力方面问题12个，已完成11个。',
    ];
    expect(errors(text)).toEqual([]);
  });
  it('takes a listing of one problem out of 32 for a partial listing, not a contradiction', () => {
    const text = [
      ...head,
      '巡察组共反馈问题32个，已完成整改29个，正在整改3个。',
      '一、整改落实情况',
      '1.关于干部作风不实的问题。整改情况：已完成整改。',
    ];
    expect(read(text)[0]?.findings.map((f) => [f.rule, f.severity])).toEqual([['listed-partly', 'warning']]);
  });
});

describe('figures a sentence states about its neighbour', () => {
  const head = ['中共示例局党组关于巡察整改进展情况的通报', ''];
  it('reads the statuses of a total stated in the sentence before', () => {
    const [r] = read([...head, '巡察组共反馈问题32个。截至2024年9月30日，已完成整改29个，正在整改3个，整改完成率90.6%。']);
    expect(r?.claims.filter((c) => c.scope === null).map((c) => [c.metric, c.value])).toEqual([
      ['problems', 32],
      ['completed', 29],
      ['in-progress', 3],
      ['completion-rate', 90.6],
    ]);
  });
  it('keeps a rate of tasks or measures apart from the rate of problems', () => {
    const text = [
      ...head,
      '巡察组反馈问题17个，细化为整改任务52项，制定整改措施45条。截至目前，17个问题已完成整改15个，整改完成率88.2%；52项任务已完成48项，完成率92.3%；45条整改措施已落实42条，措施完成率93.3%。',
    ];
    const [r] = read(text);
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r?.claims.filter((c) => c.metric === 'completion-rate').map((c) => [c.value, c.scope])).toEqual([
      [88.2, null],
      [92.3, '整改任务'],
    ]);
  });
});

describe('the kind comes from what was found, not from who writes', () => {
  it('an audit office’s report on an inspection is an inspection report', () => {
    const [r] = read([
      '中共示例市审计局党组关于市委巡察反馈意见整改情况的报告',
      '市委第二巡察组共反馈问题12个。截至目前，已整改完成10个，2个取得阶段性成效。',
    ]);
    expect(r?.kind).toBe('inspection-progress');
    expect(r?.genre).toBe('report');
  });
  it('an audit office’s report on audit findings is still an audit report', () => {
    const [r] = read(['示例县审计局关于2023年度审计查出问题整改情况的报告', '应整改问题共计20个，已整改到位18个。']);
    expect(r?.kind).toBe('audit-rectification');
  });
});

describe('an audit report’s items: the problem is the title, what was done its status', () => {
  const [r] = read([
    '关于示例市2023年度市级预算执行和其他财政收支审计查出问题整改情况的报告',
    '一、总体情况',
    '审计工作报告反映的问题，应整改问题共计6个，已整改到位4个。',
    '二、具体整改情况',
    '（一）财政管理审计发现问题整改情况。应整改问题6个，4个已整改到位。',
    '1. 预算管理审计方面。一是已追回违规发放的津贴补贴12.5万元。某单位违规发放津贴补贴问题，已责令整改。二是部分项目预算执行进度缓慢问题。相关部门正在加快支出进度。三是政府采购程序不规范问题。涉及采购项目3个，金额860万元。',
    '2. 国有资产管理审计方面。一是部分资产未入账问题。市财政局已督促相关单位补登入账。二是资产处置收入未及时上缴问题，部分整改到位。',
  ]);
  const items = r?.aspects.flatMap((a) => a.problems) ?? [];
  it('names an item that opens with its outcome by the problem after it, the outcome being its status', () => {
    expect(items[0]).toMatchObject({
      title: '某单位违规发放津贴补贴问题',
      status: 'completed',
      statusText: '已追回违规发放的津贴补贴12.5万元',
    });
  });
  it('keeps a status run on after the problem’s name out of the title: 部分整改到位 is phased', () => {
    expect(items[4]).toMatchObject({ title: '资产处置收入未及时上缴问题', status: 'phased', statusText: '部分整改到位' });
  });
  it('leaves unknown an item whose sentences say nothing of its rectification', () => {
    expect(items.map((p) => [p.title, p.status])).toContainEqual(['政府采购程序不规范问题', 'unknown']);
  });
});

describe('a self-evaluation whose figures are stated in sentences', () => {
  const [r] = read([
    '示例县交通局2023年度项目支出绩效自评报告',
    '一、项目基本情况',
    '该项目年初预算数200万元，全年预算数250万元，全年执行数240万元，执行率96%。',
    '二、自评结论',
    '经自评，项目自评得分93.5分，等级为“优”。',
  ]);
  it('reads each budget figure by its own name, and the stated score', () => {
    expect(r?.performance?.budget).toEqual({
      initial: '200',
      adjusted: '250',
      executed: '240',
      rate: 96,
      weight: null,
      score: null,
      line: 3,
    });
    expect(r?.performance?.selfScore).toEqual({ value: 93.5, line: 5 });
  });
  it('checks the stated rate against the figures, and finds nothing wrong with consistent ones', () => {
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const [wrong] = read(['示例县交通局2023年度项目支出绩效自评报告', '全年预算数为250万元，全年执行数为240万元，预算执行率98%。']);
    expect(wrong?.findings.map((f) => f.rule)).toContain('execution-rate');
  });
});

describe('an audit category that lists its items itself, with no areas', () => {
  const [r] = read([
    '关于示例县2023年度县级预算执行和其他财政收支审计查出问题整改情况的报告',
    '一、审计查出问题整改具体情况',
    '（一）预算管理审计方面。应整改问题2个，已整改到位1个。一是专项资金未及时拨付800万元的问题，已拨付到位；二是预算编制不够细化的问题，正在推进。',
    '（二）国有资产管理审计方面。应整改问题3个，已整改到位3个。一是建立资产管理台账；二是开展资产清查。',
  ]);
  it('takes items that name problems as the category’s problems, each with its own status', () => {
    expect(r?.aspects[0]?.problems.map((p) => [p.number, p.title, p.status])).toEqual([
      ['一是', '专项资金未及时拨付800万元的问题', 'completed'],
      ['二是', '预算编制不够细化的问题', 'in-progress'],
    ]);
  });
  it('does not take what was done ("一是建立资产管理台账") for problems', () => {
    expect(r?.aspects[1]?.problems).toEqual([]);
  });
});

describe('an aspect whose problems are "一是…。整改情况：…" items', () => {
  const head = [
    '中共示例镇党委关于县委巡察整改进展情况的通报',
    '县委巡察组反馈问题3个。截至6月30日，已完成整改2个，正在整改1个。',
    '一、整改落实情况',
  ];
  const problems = (lines: string[]) =>
    (read([...head, ...lines])[0]?.aspects ?? []).map((a) => a.problems.map((p) => `${p.number}${p.title}:${p.status}@${p.line}`));

  it('reads each item as a problem with its own status, one item to a line or several on one', () => {
    const oneALine = [
      '（一）党的建设方面问题',
      '一是理论学习不深入。整改情况：已完成整改。',
      '二是组织生活不规范。整改情况：已完成整改。',
      '（二）全面从严治党方面问题',
      '一是公务接待不规范。整改情况：正在整改。',
    ];
    expect(problems(oneALine)).toEqual([
      ['一是理论学习不深入:completed@5', '二是组织生活不规范:completed@6'],
      ['一是公务接待不规范:in-progress@8'],
    ]);
    const together = ['（一）党的建设方面问题', '一是理论学习不深入。整改情况：已完成整改。二是组织生活不规范。整改情况：已完成整改。'];
    expect(problems(together)).toEqual([['一是理论学习不深入:completed@5', '二是组织生活不规范:completed@5']]);
    // the statuses stated add up with the items listed: nothing to report
    expect(read([...head, ...oneALine])[0]?.findings).toEqual([]);
  });

  it('leaves items that state no status of their own alone: they are what was done, not what was found', () => {
    expect(problems(['（一）党的建设方面问题', '一是成立整改领导小组；二是制定整改方案；三是建立工作台账。'])).toEqual([[]]);
    expect(problems(['（一）党的建设方面问题', '一是理论学习不深入。整改情况：已完成整改。二是组织生活不规范。'])).toEqual([[]]);
  });
});

describe('an audit report whose categories number their problems', () => {
  it('gives each numbered problem the status its own sentences give, and none where they give none', () => {
    const r = read([
      '关于示例县2023年度县级预算执行和其他财政收支审计查出问题整改情况的报告',
      '一、审计整改工作总体情况',
      '截至2024年11月30日，审计工作报告反映的4个问题，2个已整改到位。',
      '二、审计查出问题的整改情况',
      '（一）财政管理审计发现问题整改情况。',
      '1.非税收入未及时缴库问题。县财政局已将非税收入1860.5万元缴入国库。',
      '2.专项债券资金闲置问题。县发展改革局正在督促项目单位加快建设。',
      '3.政府采购程序不规范问题。县财政局对此高度重视。',
      '（二）国有资产管理审计情况。',
      '1.资产账实不符问题。县机关事务服务中心已完成资产清查。',
    ])[0];
    expect(r?.aspects.flatMap((a) => a.problems.map((p) => `${p.title}:${p.status}`))).toEqual([
      '非税收入未及时缴库问题:completed',
      '专项债券资金闲置问题:in-progress',
      '政府采购程序不规范问题:unknown',
      '资产账实不符问题:completed',
    ]);
    expect(r?.aspects[0]?.problems[0]?.statusText).toBe('县财政局已将非税收入1860.5万元缴入国库');
  });
});

describe('statuses where the text gives them', () => {
  const report = (lines: string[]) =>
    read([
      '中共示例县某局党组关于巡察整改进展情况的通报',
      '县委巡察组反馈问题3个。截至6月30日，已完成整改2个，阶段性完成1个。',
      ...lines,
    ])[0];
  const statuses = (lines: string[]) => report(lines)?.aspects.flatMap((a) => a.problems.map((p) => `${p.status}:${p.statusText}`));

  it('reads the verdict that closes a problem’s text, after what was done', () => {
    expect(
      statuses([
        '一、整改落实情况',
        '1.关于耕地保护不严的问题。复耕12.5亩。已完成整改。',
        '2.关于资金拨付滞后的问题',
        '整改情况：建立拨付台账，按月通报进度。已完成。',
        '3.关于年轻干部培养不够的问题',
        '整改情况：结对培养工作正在推进。取得阶段性成效。',
      ]),
    ).toEqual(['completed:已完成整改', 'completed:已完成', 'phased:取得阶段性成效']);
    // what was done, with its figures, is not the verdict: the sentence after it is
    expect(
      statuses([
        '一、整改落实情况',
        '1.关于清产核资不彻底的问题',
        '整改情况：已完成6个镇的清产核资复核工作，其余3个镇正在开展。正在推进。',
      ]),
    ).toEqual(['in-progress:正在推进']);
  });

  it('gives a problem whose every measure states its status the least advanced of them', () => {
    const r = report([
      '一、整改落实情况',
      '1.关于主体责任落实不到位问题的整改',
      '一是召开专题会议3次。整改情况：已完成。',
      '二是制定责任清单。整改情况：已完成。',
      '2.关于资金拨付滞后问题的整改',
      '整改情况：已完成整改。',
      '3.关于干部培养不够问题的整改',
      '一是制定培养计划。整改情况：已完成。',
      '二是开展跟班学习。整改情况：阶段性完成。',
    ]);
    expect(r?.aspects.flatMap((a) => a.problems.map((p) => p.status))).toEqual(['completed', 'completed', 'phased']);
    expect(r?.findings).toEqual([]);
  });

  it('reads a traditional-character report’s sections and problems as a simplified one', () => {
    const r = read([
      '中共示例縣交通運輸局黨組關於縣委巡察整改進展情況的通報',
      '巡察反饋問題共２個，已完成整改２個。',
      '二、問題整改情況',
      '（一）黨的建設方面',
      '１．關於黨員教育管理不嚴的問題。建立黨員積分管理臺賬。已完成整改。',
      '２．關於發展黨員工作不規範的問題。開展專項檢查。已完成整改。',
    ])[0];
    expect(r?.aspects.map((a) => a.title)).toEqual(['黨的建設方面']);
    expect(r?.aspects[0]?.problems.map((p) => `${p.title}:${p.status}`)).toEqual([
      '關於黨員教育管理不嚴的問題:completed',
      '關於發展黨員工作不規範的問題:completed',
    ]);
  });

  it('takes "关于…方面的问题" for a section of problems, whatever its words say of responsibility', () => {
    const r = report([
      '一、关于落实主体责任方面的问题',
      '1.关于主体责任落实不到位问题的整改',
      '整改情况：已完成整改。',
      '二、关于作风建设方面的问题',
      '2.关于文山会海问题的整改',
      '整改情况：已完成整改。',
      '3.关于督查检查过多问题的整改',
      '整改情况：阶段性完成。',
    ]);
    expect(r?.aspects.map((a) => a.problems.length)).toEqual([1, 2]);
  });

  it('adds up two wordings of one status in one sentence before checking them', () => {
    const r = read([
      '中共示例县某局党组关于巡察整改进展情况的通报',
      '县委巡察组反馈问题4个。截至6月30日，已完成整改1个，基本完成1个，阶段性完成并持续整改2个。',
      '一、整改落实情况',
      '1.甲问题',
      '整改情况：已完成整改。',
      '2.乙问题',
      '整改情况：基本完成。',
      '3.丙问题',
      '整改情况：阶段性完成并持续整改。',
      '4.丁问题',
      '整改情况：阶段性完成并持续整改。',
    ])[0];
    expect(r?.findings).toEqual([]);
  });
});

describe('a short report that numbers its problems with no section over them', () => {
  it('reads them as the problems of one aspect, and checks the statuses it states against theirs', () => {
    const r = read([
      '中共示例乡委员会关于县委巡察反馈问题整改情况的报告',
      '县委巡察组共指出问题3个。截至11月30日，已完成整改3个。现将具体整改情况报告如下：',
      '1.关于村务公开不及时的问题。整改情况：按季度公开村务。已完成整改。',
      '2.关于惠民资金审核不严的问题。整改情况：复核低保对象312户。已完成整改。',
      '3.关于耕地撂荒整治不到位的问题。整改情况：复耕86亩。阶段性完成。',
    ])[0];
    expect(r?.aspects.map((a) => [a.title, a.problems.length])).toEqual([['未分方面', 3]]);
    // 3 said to be done, the third's own line says 阶段性完成: counted as done though only phased
    expect(r?.findings.map((f) => f.rule)).toEqual(['phased-counted-as-completed']);
  });
});

describe('a report made as a speech', () => {
  it('is dated by the day under its title when it is not signed at the end', () => {
    const r = read([
      '关于示例市2023年度市级预算执行和其他财政收支审计查出问题整改情况的报告',
      '——2024年12月18日在示例市第十七届人民代表大会常务委员会第二十三次会议上',
      '市审计局局长  王示例',
      '主任、各位副主任、各位委员：',
      '截至2024年11月30日，审计工作报告反映的10个问题，8个已整改到位。',
    ])[0];
    expect(r?.meta.reportDate).toEqual({ value: '2024-12-18', line: 2 });
  });
});

describe('problems named without the word 问题, each saying where it stands', () => {
  it('reads numbered items as problems when every one states its status, "目前已整改到位" among them', () => {
    const r = read([
      '示例县自然资源局关于县委巡察反馈意见整改进展情况的通报',
      '县委巡察组共反馈问题3个。截至1月31日，已整改到位2个，正在推进1个。具体如下：',
      '1.国土空间规划编制滞后。总体规划已获批复，目前已整改到位。',
      '2.违法用地查处不及时。拆除复耕面积41亩，目前已整改到位。',
      '3.不动产登记历史遗留问题化解不力。已化解12宗，其余正在推进。正在整改。',
    ])[0];
    expect(r?.aspects[0]?.problems.map((p) => `${p.title}:${p.status}`)).toEqual([
      '国土空间规划编制滞后:completed',
      '违法用地查处不及时:completed',
      '不动产登记历史遗留问题化解不力:in-progress',
    ]);
    expect(r?.findings).toEqual([]);
  });

  it('leaves sections alone that say nothing of where they stand', () => {
    const r = read(['示例局关于巡察整改工作的报告', '一、加强组织领导', '成立领导小组。', '二、完善制度建设', '修订制度5项。'])[0];
    expect(r?.aspects).toEqual([]);
  });
});

describe('a 自评表 closed by 总分', () => {
  it('reads the 总分 row as the 合计, and checks the scores against it', () => {
    const r = read([
      '2024年度示例项目绩效自评表',
      '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
      '产出指标\t数量指标\t维修工程数\t20处\t20处\t50\t50',
      '效益指标\t社会效益指标\t群众满意度\t≥90%\t92%\t50\t48',
      '总分\t\t\t\t\t100\t99',
    ])[0];
    expect(r?.performance?.totals).toMatchObject({ weight: 100, score: 99 });
    expect(r?.findings.map((f) => f.rule)).toContain('scores-total');
  });
});

describe('a title broken over two lines with a short last line', () => {
  it('reads "…关于县委巡察整改进展" / "情况的通报" as one title, as a centred PDF title wraps', () => {
    const [r] = read([
      '中共示例县农业农村局党组关于县委巡察整改进展',
      '情况的通报',
      '根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对局党组开展了巡察。',
      '一、整改落实情况',
      '1.理论学习不深入。',
      '整改情况：已完成整改。',
    ]);
    expect(r?.meta.title?.value).toBe('中共示例县农业农村局党组关于县委巡察整改进展情况的通报');
    expect(r?.aspects.flatMap((a) => a.problems)).toHaveLength(1);
  });
});

describe('an audit office’s published results (审计结果公告)', () => {
  it('is one report under its heading, number and own title: the audit’s findings, issued by the audit office', () => {
    const r = read([
      '示例市审计局审计结果公告',
      '（2024年第3号）',
      '示例市市场监督管理局2023年度预算执行情况审计结果',
      '',
      '根据《中华人民共和国审计法》的规定，市审计局于2024年3月至5月对市市场监督管理局2023年度预算执行情况进行了审计。',
      '一、审计发现的主要问题',
      '（一）预算编制不够精准。年初预算未细化到具体项目资金320万元。',
      '（二）政府采购不规范。未按规定履行政府采购程序采购设备56万元。',
      '二、审计处理及整改情况',
      '市市场监督管理局已整改问题2个，整改金额376万元，制定完善制度3项。',
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'audit-rectification', genre: 'work-report' });
    expect(r[0]?.meta.issuer?.value).toBe('示例市审计局');
    expect(r[0]?.otherTitles.map((t) => t.value)).toEqual(['示例市市场监督管理局2023年度预算执行情况审计结果']);
    expect(r[0]?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('an audit report’s categories under a heading, listing their items themselves', () => {
  const body = [
    '关于2023年度县级预算执行和其他财政收支审计查出问题整改情况的报告',
    '县人民代表大会常务委员会：',
    '一、审计查出问题整改总体情况',
    '审计工作报告反映的问题共20个，已整改到位17个，整改完成率85%。',
    '二、审计查出问题整改具体情况',
    '（一）县级财政管理审计查出问题整改情况。应整改问题5个，已整改到位4个。一是部分非税收入未及时缴库。县财政局已将1200万元缴入国库。二是预算调整不规范。县财政局已修订预算调整办法。三是国有资本经营预算编制不完整。已纳入2024年预算编制。四是财政专户清理不到位。已撤销财政专户2个。五是往来款项长期挂账。正在清理，预计年底前完成。',
    '（二）部门预算执行审计查出问题整改情况。应整改问题15个，已整改到位13个。',
  ];
  it('takes the categories for the aspects and the 一是…五是 findings for their problems, each with its status', () => {
    const r = read(body)[0];
    expect(r?.aspects.map((a) => [a.title, a.problems.length])).toEqual([
      ['县级财政管理审计查出问题整改情况', 5],
      ['部门预算执行审计查出问题整改情况', 0],
    ]);
    expect(r?.aspects[0]?.problems.map((p) => [p.title, p.status])).toEqual([
      ['部分非税收入未及时缴库', 'completed'],
      ['预算调整不规范', 'completed'],
      ['国有资本经营预算编制不完整', 'completed'],
      ['财政专户清理不到位', 'completed'],
      ['往来款项长期挂账', 'in-progress'],
    ]);
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('checks the categories’ done against the whole', () => {
    const slipped = body.map((l) => l.replace('应整改问题5个，已整改到位4个', '应整改问题5个，已整改到位3个'));
    expect(read(slipped)[0]?.findings.map((f) => f.rule)).toContain('parts-vs-total');
  });

  it('leaves items that say what was done, not what was found, as they were', () => {
    const done = body.map((l) =>
      l.startsWith('（一）')
        ? '（一）县级财政管理审计查出问题整改情况。应整改问题5个，已整改到位4个。一是强化预算管理，修订了预算调整办法。二是加强非税收入征管。'
        : l,
    );
    expect(read(done)[0]?.aspects[0]?.problems).toEqual([]);
  });
});

describe('a project’s 自评表 whose budget figures are rows of a label and a value', () => {
  const lines = [
    '2024年度示例项目支出绩效自评表',
    '年度资金总额（万元）\t600',
    '其中：财政拨款（万元）\t540',
    '其他资金（万元）\t60',
    '执行数（万元）\t576',
    '预算执行率\t96%',
    '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
    '产出指标\t数量指标\t改造户数\t≥1200户\t1250户\t90\t90',
    '合计\t\t\t\t\t90\t90',
  ];
  it('reads the budget, its executed amount and rate, and its funding by source', () => {
    const p = read(lines)[0]?.performance;
    expect(p?.budget).toMatchObject({ initial: '600', executed: '576', rate: 96 });
    expect(p?.funding.map((f) => [f.source, f.amount])).toEqual([
      ['财政拨款', '540'],
      ['其他资金', '60'],
    ]);
    expect(read(lines)[0]?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('finds a rate that the amounts do not give, and sources that add up to neither amount', () => {
    const bad = lines.map((l) => l.replace('\t576', '\t566').replace('其他资金（万元）\t60', '其他资金（万元）\t70'));
    expect(read(bad)[0]?.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['execution-rate', 'funding-sum']));
  });
});

describe('a project’s table names its project and the department in charge', () => {
  it('takes 项目名称 for the evaluation and 主管部门 for the issuer', () => {
    const r = read([
      '2025年度农村户厕改造提升项目绩效目标表',
      '项目名称\t农村户厕改造提升项目',
      '主管部门\t北岗县农业农村局',
      '一级指标\t二级指标\t三级指标\t年度指标值\t分值',
      '产出指标\t数量指标\t改造农村户厕数量\t≥1200户\t100',
    ])[0];
    expect(r?.performance?.project?.value).toBe('农村户厕改造提升项目');
    expect(r?.meta.issuer?.value).toBe('北岗县农业农村局');
  });
});

describe('from the fresh-eyes pass of 2026-12-05', () => {
  it('reads a traditional-character status line as simplified: 階段性完成整改 is phased', () => {
    const r = read([
      '中共示例縣教育局黨組關於縣委巡察整改進展情況的通報',
      '針對反饋的２個問題，截至２０２４年１０月３１日，已完成整改１個，階段性完成１個。',
      '一、反饋問題整改落實情況',
      '１．義務教育優質均衡發展推進不力',
      '整改情況：已完成整改。一是制定結對幫扶方案；二是完成薄弱學校改造。',
      '２．教師職稱評審把關不嚴',
      '整改情況：階段性完成整改。一是修訂評審細則；二是逐份複核評審材料。',
    ])[0];
    expect(r?.aspects.flatMap((a) => a.problems.map((p) => p.status))).toEqual(['completed', 'phased']);
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a count inside a problem’s own text is not its aspect’s count', () => {
    const r = read([
      '中共示例市委关于省委巡视整改进展情况的通报',
      '一、巡视反馈问题整改情况',
      '（一）关于监督发现问题整改不到位的问题',
      '1.上轮巡视反馈问题整改不彻底',
      '整改情况：已完成整改。一是开展“回头看”；二是对整改不到位的6项问题重新整改。',
      '2.审计整改跟踪不及时',
      '整改情况：已完成整改。一是建立审计整改台账。',
      '（二）关于选人用人方面的问题',
      '3.干部选拔程序不规范',
      '整改情况：已完成整改。一是修订选拔任用办法。',
    ])[0];
    expect(r?.findings.map((f) => f.rule)).not.toContain('stated-vs-listed');
  });

  it('"1.关于…问题的整改" over a status line and (1), (2) of what was done: problems with their measures', () => {
    const r = read([
      '中共示例县市场监督管理局党组关于县委巡察整改情况的报告',
      '县委第二巡察组反馈了3个问题。截至2024年12月20日，已完成整改2个，正在整改1个。',
      '一、巡察反馈问题整改情况',
      '1.关于食品安全监管责任落实不到位问题的整改',
      '整改进展：已完成整改。',
      '（1）制定食品安全属地管理责任清单；',
      '（2）开展校园食品安全专项检查。',
      '2.关于行政执法不规范问题的整改',
      '整改进展：已完成整改。',
      '（1）修订行政处罚裁量基准；',
      '（2）开展执法案卷评查。',
      '3.关于财务管理不规范问题的整改',
      '整改进展：正在整改。',
      '（1）委托第三方机构开展财务专项检查。',
    ])[0];
    expect(r?.aspects.flatMap((a) => a.problems.map((p) => [p.status, p.measures.length, p.children.length]))).toEqual([
      ['completed', 2, 0],
      ['completed', 2, 0],
      ['in-progress', 1, 0],
    ]);
    expect(r?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('"（一）关于…的问题" over numbered problems stays an aspect', () => {
  it('keeps the aspects and their problems', () => {
    const r = read([
      '中共示例县委关于县委巡察整改进展情况的通报',
      '一、巡察反馈问题整改情况',
      '（一）关于落实主体责任不到位的问题',
      '1.党组会议研究巡察整改不及时',
      '整改情况：已完成整改。',
      '2.整改台账不完整',
      '整改情况：已完成整改。',
      '（二）关于干部作风不实的问题',
      '3.服务群众不主动',
      '整改情况：正在整改。',
    ])[0];
    expect(r?.aspects.map((a) => [a.title, a.problems.length])).toEqual([
      ['关于落实主体责任不到位的问题', 2],
      ['关于干部作风不实的问题', 1],
    ]);
  });
});

describe('a 绩效目标表 whose budget is one label and its figure', () => {
  it('reads "年初预算数\t500" as the year’s budget', () => {
    const p = read([
      '2025年度示例单位部门整体支出绩效目标表',
      '预算单位名称\t示例单位',
      '年初预算数\t500',
      '一级指标\t二级指标\t三级指标\t年度指标值\t分值',
      '产出指标\t数量指标\t培训人次\t≥100人次\t90',
    ])[0]?.performance;
    expect(p?.budget).toMatchObject({ initial: '500', executed: null });
  });
});

describe('an 审计结果公告 headed by its office, label and number above its own title', () => {
  it('is issued by the office above it, and states the rate of what was done', () => {
    const r = read([
      '示例市审计局',
      '审计结果公告',
      '2024年第3号（总第41号）',
      '',
      '示例市2023年度就业补助资金管理使用情况专项审计调查结果',
      '',
      '一、审计调查发现的主要问题',
      '（一）资金管理使用方面',
      '1.部分资金拨付不及时。',
      '二、审计调查发现问题的整改情况',
      '对审计调查发现的问题，有关部门已整改4个，整改率100%。',
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'audit-rectification', genre: 'work-report' });
    expect(r[0]?.meta.issuer?.value).toBe('示例市审计局');
    expect(r[0]?.claims.map((c) => `${c.metric}=${c.value}`)).toEqual(expect.arrayContaining(['completed=4', 'completion-rate=100']));
  });
});

describe('a 自评报告 stating its figures one label to a line', () => {
  const lines = [
    '示例县档案馆2023年度部门整体支出绩效自评报告',
    '一、部门基本情况',
    '编制数：45人',
    '在职人数：42人',
    '人员控制率：93.33%',
    '二、预算执行情况',
    '年初预算数：456.00万元',
    '全年预算数：480.00万元',
    '全年执行数：468.30万元',
    '执行率：97.56%',
  ];
  it('reads the budget and the staffing figure by figure', () => {
    const p = read(lines)[0]?.performance;
    expect(p?.budget).toMatchObject({ initial: '456', adjusted: '480', executed: '468.3', rate: 97.56 });
    expect(p?.staffing).toMatchObject({ authorized: 45, actual: 42, controlRate: 93.33 });
    expect(read(lines)[0]?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('finds a control rate the counts do not give', () => {
    const bad = lines.map((l) => l.replace('93.33%', '95.33%'));
    expect(read(bad)[0]?.findings.map((f) => f.rule)).toContain('control-rate');
  });
});

describe('a 自评表 whose 总分 row has its cells merged', () => {
  const lines = (total: string) => [
    '2023年度示例项目支出绩效自评表',
    '\t年度资金总额\t80.00\t80.00\t76.00\t10\t95.00%\t9.50',
    '绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
    '\t产出指标\t数量指标\t水质监测样品数\t1500份\t1520份\t45\t45',
    '\t效益指标\t社会效益指标\t预警及时率\t100%\t95%\t45\t42',
    `总分\t\t\t100\t${total}`,
  ];
  it('reads its last two figures as the weights and scores, and finds a total the scores do not give', () => {
    expect(read(lines('96.50'))[0]?.performance?.totals).toMatchObject({ weight: 100, score: 96.5 });
    // 9.5 + 45 + 42: the execution's 9.50 stated exactly is no slip, whatever the indicators' rounding
    expect(read(lines('96.50'))[0]?.findings.map((f) => f.rule)).toEqual(['shortfall-without-reason']);
    expect(read(lines('97.50'))[0]?.findings.map((f) => f.rule)).toContain('scores-total');
  });
});

describe('an aspect that counts its problems in its heading', () => {
  const lines = (second: string) => [
    '中共示例县某局党组关于县委巡察整改进展情况的通报',
    '县委巡察组反馈的2个方面5个问题，已全部完成整改。',
    '一、问题整改情况',
    '（一）贯彻落实决策部署方面（共2个问题）',
    '1.耕地保护不到位',
    '整改情况：已完成整改。',
    '2.规划编制滞后',
    '整改情况：已完成整改。',
    `（二）全面从严治党方面（共${second}个问题）`,
    '3.土地出让金收缴不及时',
    '整改情况：已完成整改。',
    '4.窗口服务作风不实',
    '整改情况：已完成整改。',
    '5.测绘项目委托不规范',
    '整改情况：已完成整改。',
  ];
  it('checks "（共N个问题）" against the problems listed under it', () => {
    expect(read(lines('3'))[0]?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(read(lines('4'))[0]?.findings.map((f) => f.rule)).toContain('stated-vs-listed');
  });
});

describe('specific problems that open with a verb keep their own status lines', () => {
  it('"（1）加强…" with its own 整改情况 under a problem that has one is a specific problem, not a measure', () => {
    const r = read([
      '中共示例县某局党组关于县委巡察整改进展情况的通报',
      '一、整改情况',
      '（一）全面从严治党方面',
      '1.主体责任落实方面',
      '整改情况：正在整改。',
      '（1）加强党风廉政建设',
      '整改情况：正在整改。一是组织学习；二是召开专题会议。',
      '（2）规范开展主体责任谈话',
      '整改情况：已完成整改。一是学习条例。',
    ])[0];
    const p = r?.aspects[0]?.problems[0];
    expect(p?.children.map((c) => c.status)).toEqual(['in-progress', 'completed']);
    expect(p?.measures).toEqual([]);
  });
});
