// 整改成效评估: how well a unit rectified what one source found, scored from its own ledger. A deduction model out of
// 100: each category starts full and loses points for facts on the ledger, every deduction naming the facts (problem
// codes, the report's lines) behind it; a veto item (一票否决) fails the whole whatever the points. The model is data:
// categories, points per fact and caps can be changed per assessment.
import type { ClaimDifference } from '../ledger/claim-differences.ts';

export interface AssessedProblem {
  readonly code: string;
  readonly status: 'not-started' | 'in-progress' | 'closure-requested' | 'phased' | 'completed';
  readonly deadline: string | null;
  /** first day it was completed (or phase-complete), if it was */
  readonly closedOn: string | null;
  readonly leadUnit: boolean;
  readonly leadLeader: boolean;
  readonly responsiblePerson: boolean;
  readonly measures: number;
  readonly relapses: number;
}

export interface EffectivenessFacts {
  readonly day: string;
  readonly problems: readonly AssessedProblem[];
  /** the source's published figures beside the ledger's */
  readonly claims: readonly ClaimDifference[];
  /** whether the rectification was made public (the source came from a published report, or has publication settings) */
  readonly published: boolean;
  readonly missedReports: readonly { readonly code: string; readonly due: string }[];
}

export type Category = 'organisation' | 'responsibility' | 'completion' | 'timeliness' | 'disclosure' | 'consolidation';

export const CATEGORY_LABEL: Record<Category, string> = {
  organisation: '组织领导',
  responsibility: '责任落实',
  completion: '任务完成',
  timeliness: '按期推进',
  disclosure: '公开公示',
  consolidation: '成果巩固',
};

export interface EffectivenessModel {
  readonly points: Readonly<Record<Category, number>>;
  readonly per: {
    readonly noLeader: number;
    readonly noLeadUnit: number;
    readonly noResponsible: number;
    readonly noMeasures: number;
    readonly openPastDeadline: number;
    readonly openInTime: number;
    readonly closedLate: number;
    readonly missedReport: number;
    readonly unpublished: number;
    readonly relapse: number;
  };
  /** a published figure that contradicts the ledger fails the assessment */
  readonly vetoOnContradiction: boolean;
}

export const DEFAULT_MODEL: EffectivenessModel = {
  points: { organisation: 10, responsibility: 20, completion: 35, timeliness: 15, disclosure: 10, consolidation: 10 },
  per: {
    noLeader: 2,
    noLeadUnit: 2,
    noResponsible: 0.5,
    noMeasures: 1,
    openPastDeadline: 3,
    openInTime: 0.5,
    closedLate: 1,
    missedReport: 0.5,
    unpublished: 10,
    relapse: 3,
  },
  vetoOnContradiction: true,
};

/** A model written out by a person (JSON, possibly partial) over the default: points per category, points per fact. */
export function modelOf(stored: unknown): EffectivenessModel {
  const o = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const nums = <T extends Record<string, number>>(base: T, v: unknown): T => {
    const src = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(base).map(([k, d]) => [
        k,
        typeof src[k] === 'number' && (src[k] as number) >= 0 && (src[k] as number) <= 100 ? src[k] : d,
      ]),
    ) as T;
  };
  return {
    points: nums(DEFAULT_MODEL.points, o.points),
    per: nums(DEFAULT_MODEL.per, o.per),
    vetoOnContradiction: typeof o.vetoOnContradiction === 'boolean' ? o.vetoOnContradiction : DEFAULT_MODEL.vetoOnContradiction,
  };
}

export interface Deduction {
  readonly category: Category;
  readonly points: number;
  readonly reason: string;
  /** the ledger facts behind it: problem codes, or "第N行" of the published report */
  readonly facts: readonly string[];
}

export interface Effectiveness {
  readonly total: number;
  readonly byCategory: Readonly<Record<Category, { readonly full: number; readonly score: number }>>;
  readonly deductions: readonly Deduction[];
  readonly veto: { readonly reason: string; readonly facts: readonly string[] } | null;
  readonly result: '优秀' | '良好' | '合格' | '不合格';
}

const round = (x: number) => Math.round(x * 100) / 100;

export function assessEffectiveness(f: EffectivenessFacts, model: EffectivenessModel = DEFAULT_MODEL): Effectiveness {
  const deductions: Deduction[] = [];
  const per = (category: Category, each: number, reason: string, codes: readonly string[]) => {
    if (codes.length && each > 0)
      deductions.push({
        category,
        points: round(each * codes.length),
        reason: `${reason}（${codes.length}项，每项${each}分）`,
        facts: codes,
      });
  };
  const open = (p: AssessedProblem) => p.status !== 'completed' && p.status !== 'phased';
  per(
    'organisation',
    model.per.noLeader,
    '未明确责任领导',
    f.problems.filter((p) => !p.leadLeader).map((p) => p.code),
  );
  per(
    'responsibility',
    model.per.noLeadUnit,
    '未明确牵头单位',
    f.problems.filter((p) => !p.leadUnit).map((p) => p.code),
  );
  per(
    'responsibility',
    model.per.noResponsible,
    '未明确责任人',
    f.problems.filter((p) => !p.responsiblePerson).map((p) => p.code),
  );
  per(
    'responsibility',
    model.per.noMeasures,
    '没有整改措施',
    f.problems.filter((p) => p.measures === 0).map((p) => p.code),
  );
  per(
    'completion',
    model.per.openPastDeadline,
    '超过整改时限仍未完成',
    f.problems.filter((p) => open(p) && p.deadline !== null && p.deadline < f.day).map((p) => p.code),
  );
  per(
    'completion',
    model.per.openInTime,
    '尚在整改时限内、未完成',
    f.problems.filter((p) => open(p) && (p.deadline === null || p.deadline >= f.day)).map((p) => p.code),
  );
  per(
    'timeliness',
    model.per.closedLate,
    '晚于整改时限完成',
    f.problems.filter((p) => p.closedOn !== null && p.deadline !== null && p.closedOn > p.deadline).map((p) => p.code),
  );
  per(
    'timeliness',
    model.per.missedReport,
    '未按时报送整改进展',
    f.missedReports.map((m) => `${m.code}（${m.due}）`),
  );
  if (!f.published)
    deductions.push({
      category: 'disclosure',
      points: model.per.unpublished,
      reason: '整改进展情况未向社会公开（没有已公开的报告，也没有公开设置）',
      facts: [],
    });
  per(
    'consolidation',
    model.per.relapse,
    '回头看发现问题反弹',
    f.problems.filter((p) => p.relapses > 0).map((p) => p.code),
  );

  const cats = Object.keys(model.points) as Category[];
  const byCategory = Object.fromEntries(
    cats.map((c) => {
      const lost = deductions.filter((d) => d.category === c).reduce((t, d) => t + d.points, 0);
      return [c, { full: model.points[c], score: round(Math.max(0, model.points[c] - lost)) }];
    }),
  ) as Record<Category, { full: number; score: number }>;
  const total = round(cats.reduce((t, c) => t + byCategory[c].score, 0));
  const contradictions = f.claims.filter((c) => !c.agrees);
  const veto =
    model.vetoOnContradiction && contradictions.length
      ? {
          reason: `公开的整改情况与台账不符：${contradictions.map((c) => `称${c.stated}、台账为${c.computed}`).join('；')}`,
          facts: contradictions.map((c) => `报告第${c.line}行`),
        }
      : null;
  const result = veto ? '不合格' : total >= 90 ? '优秀' : total >= 75 ? '良好' : total >= 60 ? '合格' : '不合格';
  return { total, byCategory, deductions, veto, result };
}
