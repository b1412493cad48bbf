// Finding the reports in one input: a single report, a self-evaluation pack (data table + 自评表 + 自评报告), or a
// compilation of many reports behind a table of contents (seed 002 holds 17).

import type { SourceText } from './text.ts';
import type { ReportKind } from './model.ts';
import { lineNumbering } from './numbering.ts';

export interface Segment {
  readonly first: number; // 1-based line of the title (or first text line)
  readonly last: number;
  readonly titleLines: number[]; // every line of every title (a title may be broken over two lines)
  readonly title: string | null;
  readonly titleLine: number | null;
  readonly otherTitles: { text: string; line: number }[]; // a pack's other titles (数据表, 自评表, a repeated 自评报告)
  readonly kind: ReportKind;
}

/** "…关于巡察整改进展情况的通报", "…审计查出问题整改情况的报告", "…整体支出绩效自评表" */
const TITLE =
  /(关于.{0,60}(整改|巡察|巡视|审计).{0,40}(通报|报告|情况|公告|公示)$)|(整改.{0,20}(通报|报告)$)|(绩效(自评|评价).{0,20}(表|报告)$)/;
const SENTENCE_PUNCT = /[。；，,;!?！？:：]/;

export function classify(title: string, opening: string): ReportKind {
  const t = `${title}\n${opening}`;
  if (/绩效(自评|评价)|自评表|自评报告/.test(title)) return 'performance-self-evaluation';
  if (/审计/.test(title) && /整改/.test(title)) return 'audit-rectification';
  if (/(巡察|巡视)/.test(title) && /整改/.test(title)) return 'inspection-progress';
  if (/审计查出问题|审计工作报告/.test(t) && /整改/.test(t)) return 'audit-rectification';
  if (/(巡察|巡视)(组|意见|反馈)/.test(t) && /整改/.test(t)) return 'inspection-progress';
  if (/绩效(自评|评价)/.test(t)) return 'performance-self-evaluation';
  return 'unknown';
}

/** A table-of-contents entry: a title followed by a tab and a page number (or an empty cell). */
function isTocEntry(folded: string): boolean {
  return /\t\s*\d*\s*$/.test(folded) && !/\t.*\t/.test(folded.trim());
}

/** Markers of pasted advertisements and paywall fences in documents collected from sharing sites. */
export function isJunkLine(folded: string): boolean {
  const t = folded.trim();
  if (/^##[a-z]+##$/i.test(t)) return true;
  return /^【[^】]{1,12}】/.test(t) && /(会员|素材|代笔|客服|网盘|微信|VIP|svip)/i.test(t);
}

function isDateLine(folded: string): boolean {
  return /^\s*\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*$/.test(folded);
}

export function isTitleLine(folded: string): boolean {
  const t = folded.trim();
  if (t.length < 6 || t.length > 90) return false;
  if (/\t/.test(t) || SENTENCE_PUNCT.test(t.replace(/[（(][^）)]*[）)]/g, ''))) return false;
  if (/汇编/.test(t) || lineNumbering(t) !== null) return false; // "（一）关于…方面的整改进展情况" is a heading
  return TITLE.test(t);
}

export function segmentReports(src: SourceText): Segment[] {
  const n = src.folded.length;
  const toc = new Set<number>();
  // The table of contents: after a line "目录", entries until the first line that is not one.
  for (let i = 0; i < n; i++) {
    if ((src.folded[i] as string).trim() !== '目录') continue;
    toc.add(i + 1);
    for (let j = i + 1; j < n; j++) {
      const f = src.folded[j] as string;
      if (f.trim() === '' || isJunkLine(f) || isTocEntry(f)) toc.add(j + 1);
      else break;
    }
  }

  const starts: { line: number; titleLines: number[]; title: string }[] = [];
  for (let i = 0; i < n; i++) {
    const f = src.folded[i] as string;
    if (toc.has(i + 1) || !isTitleLine(f)) continue;
    const titleLines = [i + 1];
    let title = (src.lines[i] as string).trim();
    // A title broken over two lines ("中共广东清远高新技术产业开发区工作" / "委员会关于巡察整改情况的通报"):
    // the piece before it is short, has no punctuation, is not a date, and opens the file or follows a gap.
    let k = i - 1;
    while (k >= 0 && (src.folded[k] as string).trim() === '') k--;
    if (k >= 0 && i - k <= 2) {
      const prev = (src.folded[k] as string).trim();
      let gapBefore = k - 1;
      while (gapBefore >= 0 && (src.folded[gapBefore] as string).trim() === '') gapBefore--;
      const opensFile = gapBefore < 0 || k - gapBefore >= 3;
      if (prev.length >= 2 && prev.length < 40 && !SENTENCE_PUNCT.test(prev) && !isDateLine(prev) && opensFile && !toc.has(k + 1)) {
        titleLines.unshift(k + 1);
        title = (src.lines[k] as string).trim() + title;
      }
    }
    starts.push({ line: titleLines[0] as number, titleLines, title });
  }

  // A self-evaluation pack is one report: its data table, 自评表 and 自评报告 titles do not start new reports; the
  // report is named by its 自评报告, else its 自评表.
  const merged: { line: number; titleLines: number[]; titles: { text: string; line: number }[] }[] = [];
  for (const s of starts) {
    const prev = merged[merged.length - 1];
    const title = { text: s.title, line: s.line };
    if (
      prev &&
      classify(prev.titles[0]?.text ?? '', '') === 'performance-self-evaluation' &&
      classify(s.title, '') === 'performance-self-evaluation'
    ) {
      prev.titleLines.push(...s.titleLines);
      prev.titles.push(title);
      continue;
    }
    merged.push({ line: s.line, titleLines: [...s.titleLines], titles: [title] });
  }
  const naming = (ts: { text: string; line: number }[]) =>
    ts.find((t) => /自评报告/.test(t.text)) ?? ts.find((t) => /自评表/.test(t.text)) ?? (ts[0] as { text: string; line: number });

  const lastContentLine = (from: number, to: number): number => {
    let last = from;
    for (let l = from; l <= to; l++) {
      const f = src.folded[l - 1] as string;
      if (isJunkLine(f)) {
        // everything after an advertisement that follows the report's text is not the report's
        if (l > from + 5) break;
        continue;
      }
      if (f.trim() !== '') last = l;
    }
    return last;
  };

  if (merged.length === 0) {
    let first = 1;
    while (first <= n && ((src.folded[first - 1] as string).trim() === '' || toc.has(first))) first++;
    if (first > n) return [];
    const last = lastContentLine(first, n);
    const opening = src.folded.slice(first - 1, Math.min(n, first + 15)).join('\n');
    return [{ first, last, titleLines: [], title: null, titleLine: null, otherTitles: [], kind: classify('', opening) }];
  }

  return merged.map((s, idx) => {
    const next = merged[idx + 1];
    const end = next ? next.line - 1 : n;
    const last = lastContentLine(s.line, end);
    const opening = src.folded.slice(s.line - 1, Math.min(end, s.line + 15)).join('\n');
    const titleLines = s.titleLines.filter((l) => l <= last);
    const name = naming(s.titles);
    return {
      first: s.line,
      last,
      titleLines,
      title: name.text,
      titleLine: name.line,
      otherTitles: s.titles.filter((t) => t !== name),
      kind: classify(name.text, opening),
    };
  });
}
