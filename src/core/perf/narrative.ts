// The words of a 自评报告 that only the unit can write — its duties and organisation, what the year's work achieved,
// how the result will be used and published, anything else to say — kept with the evaluation so each generation of
// the report starts from them. Read from a pack whose report is there (seed 003 holds its tables and its report
// together); written or changed on the evaluation's page. Every figure of the report is computed elsewhere.

export const NARRATIVE_SECTIONS = ['basics', 'performance', 'rectification', 'application', 'other'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Partial<Record<NarrativeSection, string>>;

export const NARRATIVE_LABEL: Record<NarrativeSection, string> = {
  basics: '单位基本情况（职能职责、机构设置）',
  performance: '单位整体支出绩效情况（全年工作及成效）',
  rectification: '巡察、审计整改工作情况（报告未指定台账来源时使用）',
  application: '自评结果拟应用和公开情况',
  other: '其他需要说明的情况',
};

/**
 * The sections a report leaves a marked gap for until the unit writes them: 其他 is 无 when empty, and the unit's own
 * account of its rectification gives way to the ledger's or is left out.
 */
export function unwrittenSections(n: Narrative | undefined): NarrativeSection[] {
  return NARRATIVE_SECTIONS.filter((k) => k !== 'other' && k !== 'rectification' && !n?.[k]?.trim());
}

/** The report's own top-level sections, as real reports title them: where each narrative starts and where it ends. */
const SECTION_TITLES: readonly [NarrativeSection | null, RegExp][] = [
  ['basics', /^(?:单位|部门)基本情况/],
  [null, /^一般公共预算支出情况/],
  [null, /^政府性基金预算支出情况/],
  [null, /^国有资本经营预算支出情况/],
  [null, /^社会保险基金预算支出情况/],
  ['performance', /^(?:单位|部门)整体(?:支出)?绩效情况/],
  [null, /^(?:主要)?存在的?(?:主要)?问题/],
  [null, /^下一步/],
  ['application', /结果.{0,6}(?:应用|公开)/],
  ['other', /^其他需要说明的(?:情况|问题)/],
];

const TOP_HEADING = /^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(.+?)\s*$/;

/**
 * The unit's words under each of its report's sections, from the text of a pack: the lines from one known section's
 * heading to the next known one (a numbered heading of the report's own inside a section — "一、以思想建设为统领" in
 * 单位整体支出绩效情况 — is part of the section). A section met twice keeps its first.
 */
export function narrativeFromText(lines: readonly string[]): Narrative {
  const out: Narrative = {};
  let open: NarrativeSection | null = null;
  let taken: string[] = [];
  const close = () => {
    const text = taken
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    if (open && text && out[open] === undefined) out[open] = text.slice(0, 20_000);
    open = null;
    taken = [];
  };
  for (const line of lines) {
    const m = TOP_HEADING.exec(line);
    const known = m ? SECTION_TITLES.find(([, title]) => title.test(m[1] as string)) : undefined;
    if (known) {
      close();
      open = known[0];
      continue;
    }
    // the tables after the report (a second 自评表, signatures) are not its words
    if (open && (line.includes('\t') || /^(?:单位负责人签字|填表人|联系电话)/.test(line.trim()))) {
      close();
      continue;
    }
    if (open) taken.push(line);
  }
  close();
  return withRectificationApart(out);
}

/** A part of the year's work headed as rectification ("五、以促进发展为目标，抓实巡察整改各项工作。") */
const RECTIFICATION_HEADING = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])[^。]*整改/;

/**
 * The year's work with its rectification part apart: a report that names a source on the ledger says that part
 * from the ledger, and the figures the unit once typed ("33个具体问题，已完成整改29个") must not stand beside them.
 */
function withRectificationApart(n: Narrative): Narrative {
  const lines = n.performance?.split('\n') ?? [];
  const at = lines.findIndex((l) => RECTIFICATION_HEADING.test(l));
  if (at < 0 || n.rectification !== undefined) return n;
  const before = lines.slice(0, at).join('\n');
  return { ...n, performance: before || undefined, rectification: lines.slice(at).join('\n') };
}
