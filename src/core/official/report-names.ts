// The documents generated from the ledger, by the names an office gives them: apart from their composition, so that
// naming one (the command line's help, a file's name) does not load every composer.
export type ReportKind = 'tongbao' | 'plan' | 'npc';

export const REPORT_NAME: Record<ReportKind, string> = {
  tongbao: '整改进展情况的通报',
  plan: '整改方案',
  npc: '审计查出问题整改情况的报告',
};
