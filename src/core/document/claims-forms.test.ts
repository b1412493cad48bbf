// Figures as people write them, in small texts of our own (issue 11, forms a fresh reader found misread): each test
// names the form. A claim is shown as "metric=value" for the whole report, "metric=value[part]" for a part.
import { describe, expect, it } from 'vitest';
import { readReports } from '../read-reports.ts';

const TITLE = '中共示例县某某局党组关于县委巡察整改进展情况的通报';
const read = (...body: string[]) => readReports([TITLE, ...body].join('\n'))[0];
const claims = (...body: string[]) => (read(...body)?.claims ?? []).map((c) => `${c.metric}=${c.value}${c.scope ? `[${c.scope}]` : ''}`);
const findings = (...body: string[]) => (read(...body)?.findings ?? []).map((f) => f.rule);

describe('"分别" lists: each figure to its own name', () => {
  it('names before 分别, figures after', () => {
    const c = claims('县委巡察组反馈问题23个，立行立改、限期整改、长期整改问题分别为12个、8个、3个。');
    expect(c).toContain('problems=23');
    expect(c).toEqual(expect.arrayContaining(['problems=12[立行立改]', 'problems=8[限期整改]', 'problems=3[长期整改]']));
    expect(c).not.toContain('problems=12');
  });

  it('names listed in the sentence before, done counts and their rates after', () => {
    const c = claims(
      '巡察组反馈问题共30个，其中立行立改的10个、限期整改的15个、长期坚持的5个。截至6月30日，分别完成10个、12个、3个（占100%、80%、60%），总体完成率83.3%。',
    );
    expect(c).toEqual(
      expect.arrayContaining([
        'problems=30',
        'problems=10[立行立改]',
        'problems=15[限期整改]',
        'problems=5[长期坚持]',
        'completed=10[立行立改]',
        'completed=12[限期整改]',
        'completed=3[长期坚持]',
        'completion-rate=80[限期整改]',
        'completion-rate=83.3',
      ]),
    );
    expect(c.filter((x) => x.startsWith('completed=') && !x.includes('['))).toEqual([]);
  });

  it('names that are statuses give each figure its status, for the whole', () => {
    const c = claims('巡察反馈问题24个。截至6月底，已完成整改、正在整改的问题分别为20个、4个。');
    expect(c).toEqual(expect.arrayContaining(['problems=24', 'completed=20', 'in-progress=4']));
    expect(claims('反馈问题28个。截至目前，已完成整改的问题和正在整改的问题分别为25个、3个。')).toEqual(
      expect.arrayContaining(['completed=25', 'in-progress=3']),
    );
  });

  it('each name as written, "问题" or not, joined by 、 or 和', () => {
    expect(claims('巡察组反馈问题17个，其中，立行立改问题、限期整改问题、长期整改问题分别有10个、5个和2个。')).toEqual(
      expect.arrayContaining(['problems=17', 'problems=10[立行立改]', 'problems=5[限期整改]', 'problems=2[长期整改]']),
    );
  });
});

describe('totals as written', () => {
  it('应整改问题共计N个', () => {
    expect(claims('审计查出应整改问题共计58个，已整改到位49个，整改率84.48%。')).toEqual(
      expect.arrayContaining(['problems=58', 'completed=49', 'completion-rate=84.48']),
    );
  });

  it('问题共N个，已全部完成: all of them done, and the rate has its counts', () => {
    const body = ['巡察组反馈我单位问题共8个，经整改，已全部整改完毕，整改率100%。'];
    expect(claims(...body)).toEqual(expect.arrayContaining(['problems=8', 'completed=8', 'completion-rate=100']));
    expect(findings(...body)).toEqual([]);
  });

  it('反馈我村问题N个: the whole, the unit named between', () => {
    expect(claims('镇党委巡察组反馈我村问题5个，现已整改4个，还有1个正在整改。')).toEqual(
      expect.arrayContaining(['problems=5', 'completed=4', 'in-progress=1']),
    );
  });

  it('"已全部完成" after a part is that part done', () => {
    expect(claims('反馈问题40个，已完成整改36个。其中，立行立改问题15个，已全部完成。')).toEqual(
      expect.arrayContaining(['problems=40', 'completed=36', 'problems=15[立行立改]', 'completed=15[立行立改]']),
    );
  });

  it('合计完成N个 is the whole, after the parts it adds up', () => {
    const c = claims(
      '县委巡察组共反馈机关党委问题10个、村级党组织问题30个。截至12月底，机关党委问题已完成整改9个，村级党组织问题已完成整改27个，合计完成36个，完成率90%。',
    );
    expect(c).toEqual(expect.arrayContaining(['completed=9[机关党委]', 'completed=27[村级]', 'completed=36', 'completion-rate=90']));
    expect(c).not.toContain('completed=9');
  });
});

describe('phased statuses', () => {
  it('基本完成 and 取得阶段性成果 are both phased, and the statuses add up without a warning', () => {
    const body = ['县委巡察组反馈问题20个。截至9月底，已完成整改16项，基本完成3项，取得阶段性成果1项。'];
    const c = claims(...body);
    expect(c).toEqual(expect.arrayContaining(['completed=16', 'phased=3', 'phased=1']));
    expect(findings(...body)).not.toContain('status-parts-sum');
  });

  it('部分整改到位 and 取得阶段性成效 are not completed', () => {
    expect(claims('审计指出的问题50个，已整改到位40个，部分整改到位7个，尚未整改3个。')).toEqual(
      expect.arrayContaining(['completed=40', 'phased=7', 'not-done=3']),
    );
    expect(claims('反馈的10项具体问题中，已整改完成8项，2项取得阶段性成效。')).toEqual(expect.arrayContaining(['completed=8', 'phased=2']));
  });
});

describe('the rest, by what is said of it', () => {
  it('其余N个…长期整改 is long-term, not a total of N', () => {
    const c = claims('反馈问题15个，已整改到位13个；其余2个问题因涉及历史原因，已列入长期整改事项。');
    expect(c).toContain('long-term=2');
    expect(c).not.toContain('problems=2');
  });

  it('剩余N个正在推进, 其余N个按计划推进 are in progress', () => {
    expect(claims('反馈问题30个，已完成整改27个，剩余3个问题正在按时序推进。')).toContain('in-progress=3');
    expect(claims('21个问题已整改完成19个，其余2个按计划推进。')).toContain('in-progress=2');
  });

  it('but not the rest of something else: "余下的26个村庄正在创建"', () => {
    expect(claims('反馈问题12个，已整改10个。已建成示范村5个，余下的26个村庄正在创建。')).not.toContain('in-progress=26');
  });
});

describe('parts named by their subject are never the whole', () => {
  it('各镇(街道)…问题N个，已完成M个: the towns’ figures', () => {
    const c = claims('市委巡察组反馈的54个问题，已完成整改50个。各镇（街道）共同步整改问题138个，已完成132个。');
    expect(c).toEqual(expect.arrayContaining(['problems=54', 'completed=50', 'completed=132[各镇]']));
    expect(c).not.toContain('completed=132');
  });

  it('县直单位…问题N个 in a sentence of its own, and an example’s subject, are parts', () => {
    const c = claims(
      '本轮巡察共反馈问题200个，已整改完成180个。县直单位反馈问题90个，已整改85个。如，某某街道针对反馈的20个问题，已完成整改18个。',
    );
    expect(c).toEqual(
      expect.arrayContaining([
        'problems=200',
        'completed=180',
        'problems=90[县直单位]',
        'completed=85[县直单位]',
        'completed=18[某某街道]',
      ]),
    );
    expect(c.filter((x) => /^(problems|completed)=/.test(x) && !x.includes('[')).sort()).toEqual(['completed=180', 'problems=200']);
  });

  it('a list after 其中 runs on past a semicolon: each audit category is a part', () => {
    const c = readReports(
      [
        '示例县2023年度审计查出问题整改情况',
        '县审计局共查出问题100个，已整改90个，整改率90%。其中，预算执行审计查出问题40个，已整改38个；经济责任审计查出问题60个，已整改52个。',
      ].join('\n'),
    )[0]?.claims.map((x) => `${x.metric}=${x.value}${x.scope ? `[${x.scope}]` : ''}`);
    expect(c).toEqual(
      expect.arrayContaining(['problems=100', 'completed=90', 'problems=60[经济责任审计查出]', 'completed=52[经济责任审计查出]']),
    );
    expect(c).not.toContain('problems=60');
    expect(c).not.toContain('completed=52');
  });

  it('a part named after 其中 in the middle of a sentence, and its list past the semicolon', () => {
    const c = claims('共反馈问题60个，其中机关问题20个，已整改18个；基层站所问题40个，已整改35个。');
    expect(c).toEqual(
      expect.arrayContaining(['problems=60', 'problems=20[机关]', 'completed=18[机关]', 'problems=40[基层站所]', 'completed=35[基层站所]']),
    );
    expect(c.filter((x) => x.startsWith('completed=') && !x.includes('['))).toEqual([]);
  });

  it('tasks and nodes are not problems: "63个工作节点已完成58个，21个问题已整改完成19个"', () => {
    const c = claims('截至12月31日，40个工作节点已完成35个，12个问题已整改完成10个，其余2个按计划推进。');
    expect(c).toEqual(expect.arrayContaining(['completed=35[整改任务]', 'completed=10', 'in-progress=2']));
    expect(c).not.toContain('completed=35');
  });
});

describe('accountability', () => {
  it('问责N人，其中…M人: N is the whole, M a part', () => {
    const c = claims('反馈问题20个，已整改18个。共修订制度5项，问责30人，其中党纪政务处分8人。');
    expect(c).toContain('accountable=30');
    expect(c).toContain('accountable=8[党纪政务处分]');
  });

  it('问责干部N人', () => {
    expect(claims('通过整改，全区建立完善制度40项，问责干部15人。')).toContain('accountable=15');
  });

  it('kinds without a total are parts, named by their kind; talks counted in 人次 are not people', () => {
    const c = claims('反馈问题9个，已全部整改。对2名干部进行了提醒谈话，给予1人党内警告处分，诫勉谈话3人，批评教育4人。');
    expect(c).toEqual(
      expect.arrayContaining([
        'accountable=2[提醒谈话]',
        'accountable=1[党内警告处分]',
        'accountable=3[诫勉谈话]',
        'accountable=4[批评教育]',
      ]),
    );
    expect(claims('开展提醒谈话21人次，做到早发现早纠正。')).not.toContain('accountable=21');
  });
});

describe('tasks', () => {
  it('主要任务N项、具体任务M项 are tasks, kept apart from the problems and their statuses', () => {
    const body = [
      '市委巡察组反馈问题3大类10项具体问题。局党组明确主要任务6项、具体任务30项。截至目前，30项具体任务已完成27项，剩余3项正在推进，需长期坚持。10项具体问题中，已整改完成8项，2项取得阶段性成效。',
    ];
    const c = claims(...body);
    expect(c).toEqual(expect.arrayContaining(['measures=6', 'measures=30', 'problems=10', 'completed=8', 'phased=2']));
    expect(c).not.toContain('completed=27');
    expect(c).not.toContain('in-progress=3');
    expect(c).not.toContain('long-term=3');
    expect(findings(...body)).not.toContain('status-parts-sum');
  });

  it('measures counted as done and the rest of them are measures, not problems: "98条整改措施已落实到位86条，其余12条正在推进"', () => {
    const body = [
      '巡察组反馈问题12个。局党组制定整改措施98条，截至10月31日，98条整改措施已落实到位86条，其余12条正在推进。12个问题已完成整改10个，整改完成率83.3%。',
    ];
    const c = claims(...body);
    expect(c).toEqual(expect.arrayContaining(['problems=12', 'measures=98', 'completed=10', 'completion-rate=83.3']));
    expect(c).not.toContain('in-progress=12');
    expect(findings(...body)).toEqual([]);
  });

  it('措施 the problems were refined or formed into are measures: "细化形成整改措施83项"', () => {
    expect(claims('针对反馈的5个方面21个问题，细化形成整改措施83项，明确63个工作节点。')).toEqual(
      expect.arrayContaining(['problems=21', 'measures=83']),
    );
  });
});

describe('from a second fresh-eyes pass', () => {
  it('尚未整改到位的N个问题 are the ones not done, not a total of problems', () => {
    const c = claims('审计查出问题52个，已整改到位38个。尚未整改到位的14个问题，主要涉及历史遗留问题。');
    expect(c).toEqual(expect.arrayContaining(['problems=52', 'completed=38', 'not-done=14']));
    expect(c).not.toContain('problems=14');
  });

  it('a unit’s own self-check, 各村(社区)对照…问题开展自查, is a part, never the whole', () => {
    const c = claims('全镇42项问题中，已完成整改35项。此外，各村（社区）对照巡察反馈问题开展自查，共查找问题57个，已整改49个。');
    expect(c).toEqual(expect.arrayContaining(['problems=42', 'completed=35', 'problems=57[各村]', 'completed=49[各村]']));
    expect(c).not.toContain('completed=49');
  });

  it('tasks a level carries (市本级承担的19项任务已完成16项) are tasks, not problems done', () => {
    const c = claims('共查出问题18项，全部完成整改。市本级承担的19项任务已完成16项，各县承担的22项任务已完成18项。');
    expect(c).toEqual(expect.arrayContaining(['problems=18', 'completed=18']));
    expect(c).not.toContain('completed=16');
    expect(c.filter((x) => x === 'completed=18')).toHaveLength(1);
  });

  it('阶段性完成并持续整改N个 is phased, of the whole, and the statuses add up', () => {
    const body = ['共发现问题24个。截至2023年12月底，已完成整改20个，阶段性完成并持续整改4个，整改完成率83.3%。'];
    expect(claims(...body)).toEqual(expect.arrayContaining(['problems=24', 'completed=20', 'phased=4', 'completion-rate=83.3']));
    expect(findings(...body)).not.toContain('status-parts-sum');
  });

  it('其中立行立改N个, with neither 的 nor 类, is that class’s part of the whole', () => {
    const body = ['共发现问题24个，其中立行立改8个。截至2023年12月底，已完成整改20个，阶段性完成4个。'];
    expect(claims(...body)).toEqual(expect.arrayContaining(['problems=24', 'problems=8[立行立改]', 'completed=20', 'phased=4']));
    expect(claims(...body)).not.toContain('problems=8');
    expect(findings(...body)).toEqual([]);
  });

  it('a newspaper’s byline makes a news item, though its title says 我市 as a city’s own paper does', () => {
    const text = ['我市巡察整改工作取得明显成效', '', '本报讯（记者 王示例）十二届市委第四轮巡察反馈问题215个，已完成整改192个。'].join(
      '\n',
    );
    expect(readReports(text)[0]?.genre).toBe('news');
    expect(readReports(['我市关于巡察整改情况的通报', '我市共反馈问题20个，已完成整改18个。'].join('\n'))[0]?.genre).toBe('report');
  });
});

describe('per-aspect counts in running text', () => {
  const body = (counts: string) => [
    `县委巡察组反馈问题共5个，其中${counts}。截至6月30日，已完成整改5个。`,
    '一、整改落实情况',
    '（一）党的建设方面',
    '1.理论学习不深入',
    '整改情况：已完成整改。',
    '2.组织生活不规范',
    '整改情况：已完成整改。',
    '（二）全面从严治党方面',
    '3.公务接待不规范',
    '整改情况：已完成整改。',
    '4.财务管理不严格',
    '整改情况：已完成整改。',
    '5.选人用人不规范',
    '整改情况：已完成整改。',
  ];

  it('gives each aspect its count without the word 问题, and checks it against the items listed', () => {
    expect(claims(...body('党的建设方面2个、全面从严治党方面3个'))).toEqual(
      expect.arrayContaining(['problems=2[党的建设方面]', 'problems=3[全面从严治党方面]', 'problems=5']),
    );
    expect(findings(...body('党的建设方面2个、全面从严治党方面3个'))).toEqual([]);
    expect(findings(...body('党的建设方面3个、全面从严治党方面2个'))).toEqual(['counts-swapped']);
  });

  it('does not take what an aspect has done for its count', () => {
    expect(claims(...body('党的建设方面2个问题已完成整改')).filter((c) => c.includes('[党的建设方面]'))).toEqual([
      'completed=2[党的建设方面]',
    ]);
  });
});

describe('what is left, not the whole', () => {
  it('reads 剩余的N个问题 and 尚未整改的N项问题 as not done, never as the number of problems', () => {
    const c = claims('全县反馈问题126个，已整改109个。我们将对剩余的17个问题实行挂牌督办。');
    expect(c).toEqual(expect.arrayContaining(['problems=126', 'completed=109', 'not-done=17']));
    expect(c).not.toContain('problems=17');
    const d = claims('审计共查出问题11项。截至9月30日，已整改问题9项，整改率81.8%。尚未整改的2项问题，已制定整改计划。');
    expect(d).toContain('not-done=2');
    expect(d).not.toContain('problems=2');
  });
});

describe('a level’s problems counted in the clauses after it', () => {
  it('gives the done of 镇级 and 村级 problems their level, and reads a total of 具体问题 before its statuses', () => {
    const c = claims(
      '本轮巡察共反馈3大类40项具体问题。截至11月30日，已完成整改34项，整改完成率85%；6项正在整改中。',
      '从层级看，涉及镇级问题26项，已完成23项；涉及村级问题14项，已完成11项。',
    );
    expect(c).toEqual(
      expect.arrayContaining(['completed=34', 'in-progress=6', 'completed=23[镇级]', 'problems=26[镇级]', 'completed=11[村级]']),
    );
    expect(c).not.toContain('completed=23');
    expect(
      findings(
        '本轮巡察共反馈3大类40项具体问题。截至11月30日，已完成整改34项，整改完成率85%；6项正在整改中。',
        '从层级看，涉及镇级问题26项，已完成23项。',
      ),
    ).toEqual([]);
  });
});

describe('statuses said after the count', () => {
  it('reads N项完成阶段性整改 as phased and 尚有N项正在整改 as under way', () => {
    expect(claims('巡视组反馈问题18个。截至12月25日，18个问题中，已完成整改11项，7项完成阶段性整改。')).toEqual(
      expect.arrayContaining(['problems=18', 'completed=11', 'phased=7']),
    );
    expect(claims('审计共查出问题25项，截至11月20日，已整改22项，整改率88%；尚有3项正在整改。')).toEqual(
      expect.arrayContaining(['problems=25', 'completed=22', 'in-progress=3']),
    );
  });
});

describe('from the fresh-eyes passes of 2026-12-03', () => {
  it('reads the done of a total stated sentences before, with other sentences between', () => {
    const c = claims('巡察组共反馈问题15个。乡党委对照问题清单，逐条明确责任人。截至11月15日，已整改到位12个，整改完成率80%。');
    expect(c).toEqual(expect.arrayContaining(['problems=15', 'completed=12', 'completion-rate=80']));
  });

  it('reads N个方面问题M项 as the whole', () => {
    expect(claims('巡察反馈4个方面问题26项。截至1月10日，已整改到位22项，正在整改4项。')).toEqual(
      expect.arrayContaining(['problems=26', 'completed=22', 'in-progress=4']),
    );
  });
});

describe('the rest said to be long-term', () => {
  it('其余N个为需要长期整改的问题', () => {
    const c = claims('共指出问题32个。截至2024年12月31日，已完成整改26个，其余6个为需要长期整改的问题，均已制定分年度整改计划。');
    expect(c).toEqual(expect.arrayContaining(['problems=32', 'completed=26', 'long-term=6']));
    expect(c).not.toContain('problems=6');
  });
});

describe('parts opened by the way the whole divides (按领域分)', () => {
  it('each domain its problems, its done and its rate, named by the domain', () => {
    const body = [
      '共反馈问题120个，已完成整改96个。',
      '按领域分，党的建设方面问题54个，占45%；民生领域问题38个，占31.7%；经济领域问题28个，占23.3%。其中，党的建设方面问题已完成整改46个，完成率85.2%；民生领域问题已完成整改30个，完成率78.9%；经济领域问题已完成整改20个，完成率71.4%。',
    ];
    expect(claims(...body)).toEqual(
      expect.arrayContaining([
        'problems=54[党的建设方面]',
        'problems=38[民生领域]',
        'completed=46[党的建设方面]',
        'completion-rate=85.2[党的建设方面]',
        'completed=20[经济领域]',
      ]),
    );
    expect(findings(...body)).toEqual([]);
    // a domain's rate that its own counts do not give
    expect(findings(body[0] as string, (body[1] as string).replace('完成率71.4%', '完成率75.4%'))).toEqual(['rate-vs-counts']);
  });
});

describe('a 分别 list of parts with no names of its own', () => {
  it('gives no whole from its first figure: "三个方面分别反馈问题6个、5个、4个"', () => {
    const c = claims('县委巡察组反馈问题15个。三个方面分别反馈问题6个、5个、4个，已完成整改分别为6个、4个、3个。');
    expect(c).toContain('problems=15');
    expect(c).not.toContain('problems=6');
  });
});

describe('partly done, said as 部分整改', () => {
  it('is phased, never done, in the whole and in a category; what is left is not a total', () => {
    const body = [
      '审计工作报告反映的46个问题，已整改到位38个，部分整改8个，整改完成率82.6%。',
      '截至目前，尚有8个问题部分整改，需分阶段推进。',
    ];
    const c = claims(...body);
    expect(c).toEqual(expect.arrayContaining(['problems=46', 'completed=38', 'phased=8']));
    expect(c).not.toContain('completed=8');
    expect(c).not.toContain('problems=8');
    expect(findings(...body)).toEqual([]);
  });
});

describe('money due beside money done', () => {
  it('keeps what was rectified, not what was due, as the outcome', () => {
    const c = claims(
      '审计工作报告反映的问题共52个，已整改到位45个。审计查出应整改问题金额3.62亿元，已整改金额3.18亿元，占应整改金额的87.8%。',
    );
    expect(c.filter((x) => x.startsWith('money='))).toEqual(['money=31800']);
    // one amount alone in its sentence is what it is
    expect(claims('审计工作报告反映的问题共52个，已整改到位45个。通过上缴国库等方式整改问题金额3.62亿元。')).toContain('money=36200');
  });

  it('money due said a sentence before what was done with it is not an outcome either', () => {
    const c = claims(
      '审计工作报告反映的问题共40个，应整改金额2.85亿元。截至11月30日，已整改到位33个，正在整改7个；已整改金额2.41亿元，占应整改金额的84.6%。',
      '（一）市级财政管理方面。应整改问题12个，涉及金额1.20亿元；已整改10个，正在整改2个，已整改金额1.05亿元。',
    );
    const money = c.filter((x) => x.startsWith('money='));
    expect(money).toContain('money=24100');
    expect(money.filter((x) => x.startsWith('money=28500') || x.startsWith('money=12000'))).toEqual([]);
  });

  it('a rate of money is not the problems’ rate: "资金整改率87.8%", or 整改率 right after the amounts', () => {
    const named = ['审计查出问题共42个，已整改到位38个，整改率90.5%。应整改问题金额5000万元，已整改金额4390万元，资金整改率87.8%。'];
    expect(claims(...named)).toEqual(expect.arrayContaining(['problems=42', 'completed=38', 'completion-rate=90.5']));
    expect(findings(...named)).toEqual([]);
    const after = ['审计查出问题共42个，已整改到位38个，整改率90.5%；应整改问题金额5000万元，已整改4390万元，整改率87.8%。'];
    expect(claims(...after)).toContain('completion-rate=87.8[金额]');
    expect(findings(...after)).toEqual([]);
    // the problems' own rate, wrong, is still found
    expect(findings(after[0]?.replace('90.5%', '95.5%') as string)).toEqual(['rate-vs-counts']);
  });
});
