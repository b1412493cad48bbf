// Stable human codes: a source "XC2025-01" (kind prefix, year, number in the year); its problems "XC2025-01-003";
// a specific problem "XC2025-01-003-02". Printed on every list and document, typed by people on the phone.

export type SourceKind = 'xunshi' | 'xuncha' | 'audit' | 'special-check' | 'self-evaluation' | 'other';

export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  xunshi: '巡视',
  xuncha: '巡察',
  audit: '审计',
  'special-check': '专项检查',
  'self-evaluation': '绩效自评',
  other: '其他',
};

const PREFIX: Record<SourceKind, string> = {
  xunshi: 'XS',
  xuncha: 'XC',
  audit: 'SJ',
  'special-check': 'ZX',
  'self-evaluation': 'ZP',
  other: 'QT',
};

export function sourceCodePrefix(kind: SourceKind, year: number): string {
  return `${PREFIX[kind]}${year}-`;
}

export function sourceCode(kind: SourceKind, year: number, seq: number): string {
  return `${sourceCodePrefix(kind, year)}${String(seq).padStart(2, '0')}`;
}

export function problemCode(sourceCode: string, ordinal: number): string {
  return `${sourceCode}-${String(ordinal).padStart(3, '0')}`;
}

export function childCode(parentCode: string, ordinal: number): string {
  return `${parentCode}-${String(ordinal).padStart(2, '0')}`;
}

/** A source's kind from what it says of itself: 巡视 (by a provincial committee), 巡察, 审计, 自评. */
export function sourceKindOf(reportKind: string, title: string, team: string | null): SourceKind {
  if (reportKind === 'audit-rectification') return 'audit';
  if (reportKind === 'performance-self-evaluation') return 'self-evaluation';
  if (/巡视/.test(`${title}${team ?? ''}`)) return 'xunshi';
  if (/巡察/.test(`${title}${team ?? ''}`)) return 'xuncha';
  if (/专项检查|督查/.test(title)) return 'special-check';
  return 'other';
}
