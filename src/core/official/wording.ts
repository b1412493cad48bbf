// How generated documents say things: dates, heading numbers, status phrases, measures as "一是…；二是…", money
// by what was done with it. The phrases are the ones real reports use, so the report reader reads them back.
import { toChineseNumeral } from '../document/numerals.ts';
import { formatRate } from '../ledger/completion-rate.ts';
import type { LedgerStatus } from '../ledger/problem-state.ts';
import type { HeadingLevel, SnapshotMeasure } from './model.ts';
import { MONEY_KIND_LABEL, MONEY_KINDS, type MoneyKind } from '../vocabulary.ts';

/** "2024-12-02" → "2024年12月2日" (成文日期 in Arabic numerals, as GB/T 9704-2012 writes it). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The heading number of the n-th item at a level: 一、 （一） 1. （1） */
export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${toChineseNumeral(n)}、`;
    case 2:
      return `（${toChineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * A numbered heading. "28." before a title that opens with a figure ("2个县落实…") would read "28.2个县"; a space
 * keeps the number and the title apart for a reader, and for ours.
 */
export function numberedHeading(level: HeadingLevel, n: number, title: string): string {
  const number = headingNumber(level, n);
  return /\.$/.test(number) && /^\s*\d/.test(title) ? `${number} ${title.trimStart()}` : `${number}${title}`;
}

/**
 * The status phrase of an item on its own line ("整改情况：已完成整改，并长期坚持。"). A pending closure request is
 * still being rectified until it is accepted.
 */
export function statusPhrase(status: LedgerStatus, longTerm: boolean): string {
  const keep = longTerm ? '，并长期坚持' : '';
  switch (status) {
    case 'completed':
      return `已完成整改${keep}`;
    case 'phased':
      return `阶段性完成整改${keep}`;
    case 'in-progress':
    case 'closure-requested':
      return `正在整改${keep}`;
    case 'not-started':
      return '尚未启动整改';
  }
}

/** Measures as reports list them: "一是制定…；二是建立…。" Each text loses its own closing punctuation. */
export function measuresSentence(measures: readonly Pick<SnapshotMeasure, 'text'>[]): string {
  const parts = measures
    .map((m) =>
      m.text
        .trim()
        .replace(/^[一二三四五六七八九十百]+是/, '')
        .replace(/[。；;，,、\s]+$/u, ''),
    )
    .filter((t) => t !== '');
  if (parts.length === 0) return '';
  return `${parts.map((t, i) => `${toChineseNumeral(i + 1)}是${t}`).join('；')}。`;
}

/** A completion rate as reports print it: at most two decimals, no trailing zeros ("75%", "74.05%"). */
export function ratePercent(rate: number | null): string {
  if (rate === null) return '0%';
  return `${formatRate(rate, 2).replace(/\.?0+$/, '')}%`;
}

/** What was done with money, in the words reports use for it (and the reader recognises): "追回资金". */
const moneyWords = (kind: string): string =>
  kind in MONEY_KIND_LABEL && kind !== 'other' ? `${MONEY_KIND_LABEL[kind as MoneyKind]}资金` : '整改金额';

/** "追回资金12.36万元，上缴国库资金3万元" — kinds in a fixed order, zero sums left out. */
export function moneyClauses(byKind: Readonly<Record<string, string>>): string[] {
  const order: readonly string[] = MONEY_KINDS;
  const kinds = Object.keys(byKind).sort(
    (a, b) => order.indexOf(a) + 99 * Number(!order.includes(a)) - (order.indexOf(b) + 99 * Number(!order.includes(b))),
  );
  return kinds.filter((k) => Number(byKind[k]) !== 0).map((k) => `${moneyWords(k)}${byKind[k]}万元`);
}

/** "清远市委第二巡察组" → "清远市委": whose 统一部署 an inspection team works under. */
export function deployingBody(team: string | null): string | null {
  const m = team ? /^(.+?(?:省委|市委|县委|区委|旗委|州委|党委|党组|委员会))/.exec(team) : null;
  return m ? (m[1] as string) : null;
}
