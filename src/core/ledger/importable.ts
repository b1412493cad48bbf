// Which reports of a file the ledger takes. One rule for the import and for the screen that offers to import.

interface ReportLike {
  readonly kind: string;
  readonly aspects: readonly unknown[];
  readonly claims: readonly unknown[];
  readonly amounts: readonly unknown[];
}

/**
 * A report the ledger can take: one of a known kind, or one with aspects of problems; and one that says something —
 * a title with nothing under it (another report's, linked at the foot of a saved page; a photo's caption) is no source.
 */
export const importable = (report: ReportLike): boolean =>
  !(report.kind === 'unknown' && report.aspects.length === 0) &&
  (report.aspects.length > 0 || report.claims.length > 0 || report.amounts.length > 0);

/** The refusal of a file with none, naming it. */
export const noReportIn = (fileName: string): string => `文件“${fileName}”中没有找到整改报告：应有报告标题和编号列出的问题`;
