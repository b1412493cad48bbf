// text → reports: segments, then for each its outline, meta, aspects and problems, claims, amounts, institutions and,
// for a self-evaluation, its tables. Never throws on any input; every line number points into the input.

import { readAmounts } from './amounts.ts';
import { auditItemsAsProblems } from './audit-items.ts';
import { readClaims } from './claims.ts';
import { readInstitutions } from './institutions.ts';
import { readMeta } from './meta.ts';
import { startsItem } from './numbering.ts';
import { buildOutline } from './outline.ts';
import { readPerformance } from './performance.ts';
import { mergeStatusUpdates, promoteListedItems, readAspects } from './problems.ts';
import { segmentReports, type Segment } from './segment.ts';
import { paragraphs, sourceText, type SourceText } from './text.ts';
import type { Report } from './model.ts';

export function parseSegment(src: SourceText, seg: Segment): Report {
  const skip = new Set(seg.titleLines);
  const outline = buildOutline(src, seg.first, seg.last, skip);
  const paras = paragraphs(src, seg.first, seg.last, startsItem, skip);
  const read = mergeStatusUpdates(readAspects(src, outline, paras));
  const aspects = seg.kind === 'audit-rectification' ? auditItemsAsProblems(read, paras) : read;
  const meta = readMeta(src, seg, paras, aspects[0]?.line ?? null);
  const claims = readClaims(paras, aspects);
  const total = claims.find((c) => c.metric === 'problems' && c.scope === null);
  promoteListedItems(src, aspects, typeof total?.value === 'number' ? total.value : null);
  const report: Report = {
    kind: seg.kind,
    genre: seg.genre,
    lines: [seg.first, seg.last],
    meta,
    otherTitles: seg.otherTitles.map((t) => ({ value: t.text, line: t.line })),
    outline,
    aspects,
    claims,
    amounts: readAmounts(paras),
    institutions: readInstitutions(paras),
    findings: [],
  };
  if (seg.kind === 'performance-self-evaluation') {
    report.performance = readPerformance(src, seg.first, seg.last);
    if (!meta.inspectedUnit && report.performance.unit) meta.inspectedUnit = report.performance.unit;
    if (!meta.issuer && report.performance.unit) meta.issuer = report.performance.unit;
  }
  return report;
}

export function parseText(text: string): { src: SourceText; reports: Report[] } {
  const src = sourceText(text);
  return { src, reports: segmentReports(src).map((seg) => parseSegment(src, seg)) };
}
