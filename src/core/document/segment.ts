// Finding the reports in one input: a single report, a self-evaluation pack (data table + 自评表 + 自评报告), or a
// compilation of many reports behind a table of contents (seed 002 holds 17).

import type { SourceText } from './text.ts';
import type { Genre, ReportKind } from './model.ts';
import { lineNumbering } from './numbering.ts';

export interface Segment {
  readonly first: number; // 1-based line of the title (or first text line)
  readonly last: number;
  readonly titleLines: number[]; // every line of every title (a title may be broken over two lines)
  readonly title: string | null;
  readonly titleLine: number | null;
  readonly otherTitles: { text: string; line: number }[]; // a pack's other titles (数据表, 自评表, a repeated 自评报告)
  readonly kind: ReportKind;
  readonly genre: Genre;
}

/** "…关于巡察整改进展情况的通报", "…审计查出问题整改情况的报告", "…整体支出绩效自评表", "…绩效目标表", "…审计结果公告" */
const TITLE =
  /(关于.{0,60}(整改|巡察|巡视|审计).{0,40}(通报|报告|情况|公告|公示)$)|(整改.{0,20}(通报|报告)$)|(绩效(自评|评价).{0,20}(表|报告)$)|(绩效目标(申报)?表$)|(.{2,40}审计(?:调查)?结果(公告)?$)/;
const SENTENCE_PUNCT = /[。；，,;!?！？:：]/;

export function classify(title: string, opening: string): ReportKind {
  const t = `${title}\n${opening}`;
  // a 绩效目标表 set at budget time is read as the same table, without its actual values and scores
  if (/绩效(自评|评价|目标表|目标申报表)|自评表|自评报告/.test(title)) return 'performance-self-evaluation';
  // what the report is about follows 关于: "市审计局党组关于市委巡察反馈意见整改情况的报告" is an audit office's
  // report on an inspection — the kind comes from what was found, not from who writes
  const about = title.includes('关于') ? title.slice(title.indexOf('关于')) : title;
  if (/审计/.test(about) && /整改|审计工作报告|审计(?:调查)?结果(公告)?$/.test(about)) return 'audit-rectification';
  if (/(巡察|巡视)/.test(about) && /整改/.test(about)) return 'inspection-progress';
  if (/审计/.test(title) && /整改|审计工作报告/.test(title)) return 'audit-rectification';
  if (/审计(查出|查明|发现)?问题|审计整改|审计工作报告/.test(t) && /整改/.test(t)) return 'audit-rectification';
  if (/(巡察|巡视)(组|意见|反馈|整改)/.test(t) && /整改/.test(t)) return 'inspection-progress';
  // a self-evaluation table pasted without its title still has its indicator columns
  if (/绩效(自评|评价)|(产出|效益|满意度)指标.{0,40}(产出|效益|满意度)指标/.test(t)) return 'performance-self-evaluation';
  return 'unknown';
}

/** The unit speaking of itself: "现将整改情况予以公布", "请予审议", "我局", a signature's 报告如下. */
const OWN_FORMAL = /现将.{0,24}(予以公布|报告如下|通报如下|公布如下)|请(予|予以)?审议/;
const OWN_VOICE = /我(局|镇|县|市|区|厅|委|中心|单位|院|校|办|部|司|公司|乡|街道)[^们]/;
/** A newspaper's or agency's byline: "本报讯（记者 …）", "新华社…电", "通讯员 …" */
const BYLINE = /本报讯|(?:记者|通讯员)\s*[\u4e00-\u9fff]{1,4}|新华社|中新社/;
/** A reporter's: bylines, datelines, "据悉", "该区…" */
const NEWS_VOICE =
  /记者|本报|通讯员|新闻|[日晚]报|新华社|中新社|消息[（(]|讯[（(]|电[）)】]|据悉|据了解|据统计|据.{1,12}介绍|该(区|市|县|镇|院|局|校|集团)|[（(][^（）()]{2,10}\s[^（）()]{2,10}[）)]\s*$/m;
/** The inspection's findings made public (巡察反馈情况), before any rectification is reported */
const FEEDBACK = /(巡察|巡视)反馈情况|反馈(了)?(巡察|巡视)情况/;

/**
 * What sort of text it is (see `Genre`): a work report by its title; then who speaks — the unit itself ("现将…予以
 * 公布", "请予审议", "我局"), a reporter, the inspection publishing its feedback. A self-evaluation is the unit's own
 * report; a text with none of these marks is the unit's report when it has a report's title, else an item about it.
 */
export function genreOf(kind: ReportKind, title: string, text: string): Genre {
  const head = text.slice(0, 200);
  // an audit work report, or an audit office's published results (审计结果公告): what was found, not what was fixed
  if (/审计工作报告$|审计(?:调查)?结果(公告)?$/.test(title) || (!title && /审计工作报告/.test(head) && !/整改/.test(head)))
    return 'work-report';
  if (kind === 'performance-self-evaluation' || OWN_FORMAL.test(text)) return 'report';
  // a byline at the top is a newspaper's, though it says 我市 as the city's own paper does
  if (BYLINE.test(head)) return 'news';
  if (OWN_VOICE.test(text)) return 'report';
  if (NEWS_VOICE.test(text)) return 'news';
  if (FEEDBACK.test(text) && !/整改(进展|情况)/.test(title)) return 'feedback';
  return title ? 'report' : 'news';
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

  // each title as written (what the user reads) and folded (what the patterns read: simplified, half-width)
  const starts: { line: number; titleLines: number[]; title: string; folded: string }[] = [];
  /** The piece a title broken over two lines starts with, when the line before line `i` can be one: its index, or -1. */
  const headOf = (i: number, f: string): number => {
    let k = i - 1;
    while (k >= 0 && (src.folded[k] as string).trim() === '') k--;
    if (k < 0 || i - k > 2) return -1;
    const prev = (src.folded[k] as string).trim();
    let gapBefore = k - 1;
    while (gapBefore >= 0 && (src.folded[gapBefore] as string).trim() === '') gapBefore--;
    const opensFile = gapBefore < 0 || k - gapBefore >= 3;
    // "深圳市罗湖区人民政府" above "罗湖区2023年度…报告" is the site's banner over a whole title, not its first half
    const banner = /(人民政府|委员会|党委|党组|局|厅|办公室|公司)$/.test(prev) && !/^关于/.test(f.trim());
    const fits = prev.length >= 2 && prev.length < 40 && !SENTENCE_PUNCT.test(prev) && !isDateLine(prev);
    return fits && opensFile && !banner && !toc.has(k + 1) ? k : -1;
  };
  for (let i = 0; i < n; i++) {
    const f = src.folded[i] as string;
    if (toc.has(i + 1)) continue;
    // a title whose last line is too short to be one alone ("…关于县委巡察整改进展" / "情况的通报"), read with its head
    const tail = f.trim().length >= 2 && f.trim().length < 6;
    if (!isTitleLine(f)) {
      const k = tail ? headOf(i, f) : -1;
      if (k < 0 || !isTitleLine((src.folded[k] as string).trim() + f.trim())) continue;
    }
    const titleLines = [i + 1];
    let title = (src.lines[i] as string).trim();
    let folded = f.trim();
    // A title broken over two lines ("中共广东清远高新技术产业开发区工作" / "委员会关于巡察整改情况的通报"):
    // the piece before it is short, has no punctuation, is not a date, and opens the file or follows a gap.
    const k = headOf(i, f);
    if (k >= 0) {
      titleLines.unshift(k + 1);
      title = (src.lines[k] as string).trim() + title;
      folded = (src.folded[k] as string).trim() + folded;
    }
    starts.push({ line: titleLines[0] as number, titleLines, title, folded });
  }

  // A self-evaluation pack is one report: its data table, 自评表 and 自评报告 titles do not start new reports; the
  // report is named by its 自评报告, else its 自评表.
  type Title = { text: string; folded: string; line: number };
  const merged: { line: number; titleLines: number[]; titles: Title[] }[] = [];
  // A report's own title again, with its items running on after it ("2.关于…" after "1.关于…"), is a page header
  // repeated in the copy; the same title followed by a report's opening or "一、" starts another report.
  const opensReport = (line: number) => {
    for (let k = line + 1, seen = 0; k <= n && seen < 2; k++) {
      const t = (src.folded[k - 1] as string).trim();
      if (t === '') continue;
      seen++;
      if (/^(根据|按照|为深入|为认真|近日|现将)|^一[、,，]/.test(t) || lineNumbering(t)?.ordinal === 1) return true;
      if (lineNumbering(t) || /^(整改情况|[一二三四五六七八九十]+是)/.test(t)) return false;
    }
    return true;
  };
  // "示例市审计局审计结果公告" / "（2024年第3号）" / "…预算执行情况审计结果": a heading and its own title, with at most a
  // document number between them, are one report's
  const headed = (prevLast: number, line: number) => {
    for (let l = prevLast + 1; l < line; l++) {
      const t = (src.folded[l - 1] as string).trim();
      if (t !== '' && !/^[（(]?\s*(?:\d{4}\s*年\s*)?第\s*\d+\s*号\s*[）)]?$|〔\d{4}〕\s*\d+\s*号$/.test(t)) return false;
    }
    return line - prevLast <= 3;
  };
  for (const s of starts) {
    const prev = merged[merged.length - 1];
    const title = { text: s.title, folded: s.folded, line: s.line };
    if (prev && headed(prev.titleLines[prev.titleLines.length - 1] as number, s.line)) {
      prev.titleLines.push(...s.titleLines);
      prev.titles.push(title);
      continue;
    }
    if (prev && prev.titles[0]?.folded === s.folded && !opensReport(s.titleLines[s.titleLines.length - 1] as number)) {
      prev.titleLines.push(...s.titleLines);
      continue;
    }
    if (
      prev &&
      classify(prev.titles[0]?.folded ?? '', '') === 'performance-self-evaluation' &&
      classify(s.folded, '') === 'performance-self-evaluation'
    ) {
      prev.titleLines.push(...s.titleLines);
      prev.titles.push(title);
      continue;
    }
    merged.push({ line: s.line, titleLines: [...s.titleLines], titles: [title] });
  }
  const naming = (ts: Title[]) => ts.find((t) => /自评报告/.test(t.folded)) ?? ts.find((t) => /自评表/.test(t.folded)) ?? (ts[0] as Title);

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
    const body = src.folded.slice(first - 1, last).join('\n');
    const kind = classify('', opening);
    return [{ first, last, titleLines: [], title: null, titleLine: null, otherTitles: [], kind, genre: genreOf(kind, '', body) }];
  }

  return merged.map((s, idx) => {
    const next = merged[idx + 1];
    const end = next ? next.line - 1 : n;
    const last = lastContentLine(s.line, end);
    const opening = src.folded.slice(s.line - 1, Math.min(end, s.line + 15)).join('\n');
    const titleLines = s.titleLines.filter((l) => l <= last);
    const name = naming(s.titles);
    const kind = classify(name.folded, opening);
    return {
      first: s.line,
      last,
      titleLines,
      title: name.text,
      titleLine: name.line,
      otherTitles: s.titles.filter((t) => t !== name).map((t) => ({ text: t.text, line: t.line })),
      kind,
      genre: genreOf(kind, name.folded, src.folded.slice(s.line - 1, last).join('\n')),
    };
  });
}
