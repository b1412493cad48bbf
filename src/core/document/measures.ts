// Measures (整改措施): the "一是…二是…" / "①…②…" / "第一，…第二，…" items inside a problem's paragraphs.
// "一是…二是…四是" with no 三是 is still three measures; "统一是" or "唯一是" inside a word is not a marker.

import { lineAt, type Paragraph } from './text.ts';
import type { Measure } from './model.ts';

const MARKER =
  /(?:^|(?<=[。；;，,：:\s）)]))(?:([一二三四五六七八九十]{1,3})是|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])|第([一二三四五六七八九十]{1,3})[，,、])/g;

/** "整改措施：制定年度抽检计划，将农村集贸市场纳入抽检范围。" — a problem's measures said in one labelled sentence */
const LABELLED = /(?:^|[。；;])\s*(?:整改措施|整改举措|主要措施|具体措施)\s*[:：]\s*([^。；;]{3,})/;

export function measuresIn(paras: readonly Paragraph[]): Measure[] {
  const out: Measure[] = [];
  for (const p of paras) {
    const starts: number[] = [];
    for (const m of p.folded.matchAll(MARKER)) starts.push(m.index ?? 0);
    const labelled = starts.length === 0 ? LABELLED.exec(p.folded) : null;
    if (labelled?.[1]) {
      // the label's own words are not the measure: it starts after "整改措施："
      const at = (labelled.index ?? 0) + labelled[0].length - labelled[1].length;
      out.push({ text: p.text.slice(at, at + labelled[1].length).trim(), line: lineAt(p, at) });
    }
    starts.forEach((s, i) => {
      const end = starts[i + 1] ?? p.text.length;
      const text = p.text
        .slice(s, end)
        .trim()
        .replace(/[；;，,]$/, '');
      if (text.length > 2) out.push({ text, line: lineAt(p, s) });
    });
  }
  return out;
}
