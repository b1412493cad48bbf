// The heading tree of one report. Levels come from the order in which numbering styles first appear (the first style
// seen is level 1, a new style below it level 2, …); meeting a style already open closes everything below it. So a
// report whose top headings are "（一）" gets them at level 1, and "1." directly under "二、" is level 2.

import { bareNumbering, lineNumbering, type Numbering } from './numbering.ts';
import type { OutlineNode } from './model.ts';
import type { SourceText } from './text.ts';

/** The heading's title: up to its first full stop when body text follows on the same line. */
export function headingTitle(rest: string): string {
  const t = rest.trim();
  const stop = t.search(/[。]/);
  if (stop > 0 && stop < t.length - 1) return t.slice(0, stop).trim();
  return t.replace(/[。]$/, '').trim();
}

export function buildOutline(src: SourceText, from: number, to: number, skip: ReadonlySet<number>): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = []; // the path from a root to the last heading
  for (let n = from; n <= to; n++) {
    if (skip.has(n)) continue;
    const f = src.folded[n - 1] as string;
    if (f.includes('\t')) continue; // table rows are cells, not headings
    let nb: Numbering | null = lineNumbering(f);
    if (!nb) {
      // an Arabic item whose dot was lost continues the open Arabic sequence ("5继续完善…" after "4.")
      const lastArabic = [...open].reverse().find((o) => o.style === 'arabic-dot');
      if (lastArabic) nb = bareNumbering(f, lastArabic.ordinal + 1);
      if (!nb) continue;
    }
    const raw = src.lines[n - 1] as string;
    const lead = f.length - f.trimStart().length;
    const numbering = raw.slice(lead, nb.length).trim();
    const title = headingTitle(raw.slice(nb.length).replace(/^[\s:：、，,.．]+/, ''));
    const depth = open.findIndex((o) => o.style === nb.style);
    if (depth >= 0) open.length = depth;
    const node: OutlineNode = {
      numbering,
      style: nb.style,
      ordinal: nb.ordinal,
      level: open.length + 1,
      title,
      line: n,
      lastLine: n,
      children: [],
    };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    open.push(node);
  }
  // A heading's last line is the line before the next heading at its level or above, trimmed of blank lines.
  const close = (nodes: OutlineNode[], end: number) => {
    nodes.forEach((node, i) => {
      const next = nodes[i + 1];
      let last = next ? next.line - 1 : end;
      while (last > node.line && (src.folded[last - 1] as string).trim() === '') last--;
      node.lastLine = last;
      close(node.children, last);
    });
  };
  close(roots, to);
  return roots;
}
