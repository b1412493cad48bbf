// A finding: one thing a report gets wrong or leaves doubtful, with the lines that show it.

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly rule: string; // stable id, e.g. "parts-vs-total"
  readonly severity: Severity; // error: the document contradicts itself; warning: suspicious or incomplete
  readonly message: string; // Chinese, for the reader of the report
  readonly lines: number[];
  readonly stated: number | string | null;
  readonly computed: number | string | null;
}

export function finding(
  rule: string,
  severity: Severity,
  message: string,
  lines: readonly (number | null | undefined)[],
  stated: number | string | null = null,
  computed: number | string | null = null,
): Finding {
  const ls = [...new Set(lines.filter((l): l is number => typeof l === 'number'))].sort((a, b) => a - b);
  // a figure no JSON can carry (a rate over next to nothing) is no figure to show
  const figure = (v: number | string | null) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  return { rule, severity, message, lines: ls, stated: figure(stated), computed: figure(computed) };
}

/** Findings with their lines said the way the file has them ("工作表“自评表”第12行" for a workbook's). */
export function placedFindings(findings: readonly Finding[], origin: (line: number) => string): (Finding & { where: string[] })[] {
  return findings.map((f) => ({ ...f, where: f.lines.map(origin) }));
}
