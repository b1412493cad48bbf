// Dates out of order: an inspection that ends before it starts, feedback before the inspection, a publication
// period that closes before it opens, work reported as done after the report was signed.

import { compareIso, findDates, parseIso, toIso } from '../../document/dates.ts';
import { finding, type Finding } from '../finding.ts';
import type { Located, Report } from '../../document/model.ts';
import type { SourceText } from '../../document/text.ts';

function before(a: Located<string> | null, b: Located<string> | null): boolean {
  return a !== null && b !== null && compareIso(a.value, b.value) < 0;
}

export function datesInOrder(r: Report, src: SourceText): Finding[] {
  const out: Finding[] = [];
  const m = r.meta;
  if (before(m.inspectionEnd, m.inspectionStart))
    out.push(
      finding(
        'dates-order',
        'error',
        `巡察结束日期${m.inspectionEnd?.value}早于开始日期${m.inspectionStart?.value}`,
        [m.inspectionStart?.line, m.inspectionEnd?.line],
        m.inspectionEnd?.value ?? null,
        m.inspectionStart?.value ?? null,
      ),
    );
  else if (before(m.feedbackDate, m.inspectionEnd))
    out.push(
      finding(
        'dates-order',
        'error',
        `反馈日期${m.feedbackDate?.value}早于巡察结束日期${m.inspectionEnd?.value}`,
        [m.feedbackDate?.line, m.inspectionEnd?.line],
        m.feedbackDate?.value ?? null,
        m.inspectionEnd?.value ?? null,
      ),
    );
  else if (before(m.feedbackDate, m.inspectionStart))
    out.push(
      finding(
        'dates-order',
        'error',
        `反馈日期${m.feedbackDate?.value}早于巡察开始日期${m.inspectionStart?.value}`,
        [m.feedbackDate?.line, m.inspectionStart?.line],
        m.feedbackDate?.value ?? null,
        m.inspectionStart?.value ?? null,
      ),
    );
  if (before(m.reportDate, m.feedbackDate))
    out.push(
      finding(
        'dates-order',
        'error',
        `报告日期${m.reportDate?.value}早于反馈日期${m.feedbackDate?.value}`,
        [m.reportDate?.line, m.feedbackDate?.line],
        m.reportDate?.value ?? null,
        m.feedbackDate?.value ?? null,
      ),
    );
  if (before(m.reportDate, m.asOf))
    out.push(
      finding(
        'dates-order',
        'error',
        `统计截止日期${m.asOf?.value}晚于报告日期${m.reportDate?.value}`,
        [m.asOf?.line, m.reportDate?.line],
        m.asOf?.value ?? null,
        m.reportDate?.value ?? null,
      ),
    );
  const pp = m.publicationPeriod;
  if (pp && compareIso(pp.value.end, pp.value.start) < 0)
    out.push(
      finding(
        'dates-order',
        'error',
        `公开期限的结束日期${pp.value.end}早于开始日期${pp.value.start}`,
        [pp.line],
        pp.value.end,
        pp.value.start,
      ),
    );

  // Work dated after the signature: a full date in the body later than the report date, unless it is a plan.
  const ref = m.reportDate ? parseIso(m.reportDate.value) : null;
  if (m.reportDate && ref) {
    for (let n = r.lines[0]; n <= r.lines[1]; n++) {
      if (n === m.reportDate.line || n === m.publicationPeriod?.line) continue;
      const f = src.folded[n - 1] as string;
      for (const d of findDates(f)) {
        if (d.year === null || d.day === null) continue;
        const iso = toIso(d, ref) as string;
        if (compareIso(iso, m.reportDate.value) <= 0) continue;
        const after = f.slice(d.index + d.length, d.index + d.length + 6);
        const beforeText = f.slice(Math.max(0, d.index - 8), d.index);
        if (/^(前|之前|以前|起|开始)|^[—\-至]/.test(after) || /计划|预计|将于|力争|拟于|争取|截至|至$|—$/.test(beforeText)) continue;
        out.push(
          finding(
            'action-after-report',
            'warning',
            `第${n}行所记日期${iso}晚于报告日期${m.reportDate.value}`,
            [n, m.reportDate.line],
            iso,
            m.reportDate.value,
          ),
        );
      }
    }
  }
  return out;
}
