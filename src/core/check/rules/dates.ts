// Dates out of order: an inspection that ends before it starts, feedback before the inspection, a publication
// period that closes before it opens, work reported as done after the report was signed.

import { compareIso, daysInMonth, findDates, parseIso, plausibleYear, toIso } from '../../document/dates.ts';
import { finding, type Finding } from '../finding.ts';
import { chineseDate } from '../../official/wording.ts';
import type { Located, Report } from '../../document/model.ts';
import type { SourceText } from '../../document/text.ts';

/** a date with a year no report means is not compared: it is said to be doubtful instead (implausibleYears) */
const plausible = (iso: string) => plausibleYear(Number(iso.slice(0, 4)));

function before(a: Located<string> | null, b: Located<string> | null): boolean {
  return a !== null && b !== null && plausible(a.value) && plausible(b.value) && compareIso(a.value, b.value) < 0;
}

/** "2921年5月10日": a year no report means, said once where it stands (a slip of the pen, or of recognition). */
function implausibleYears(r: Report, src: SourceText): Finding[] {
  const out: Finding[] = [];
  for (let n = r.lines[0]; n <= r.lines[1]; n++) {
    const f = src.folded[n - 1] ?? '';
    for (const d of findDates(f)) {
      if (d.year === null || plausibleYear(d.year)) continue;
      const written = f.slice(d.index, d.index + d.length);
      out.push(
        finding(
          'date-implausible',
          'warning',
          `第${n}行的日期“${written}”中的年份${d.year}不像真实年份，可能是笔误或识别错误，请核对`,
          [n],
          written,
          null,
        ),
      );
    }
  }
  return out;
}

/** "截至2024年2月30日": a day its month does not have — the reader cannot take it, and the report should not say it. */
function impossibleDays(r: Report, src: SourceText): Finding[] {
  const out: Finding[] = [];
  for (let n = r.lines[0]; n <= r.lines[1]; n++) {
    const f = src.folded[n - 1] ?? '';
    for (const m of f.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!plausibleYear(year) || month < 1 || month > 12 || (day >= 1 && day <= daysInMonth(year, month))) continue;
      out.push(
        finding(
          'date-impossible',
          'error',
          `第${n}行的日期“${m[0]}”不存在：${year}年${month}月只有${daysInMonth(year, month)}天`,
          [n],
          m[0],
          null,
        ),
      );
    }
  }
  return out;
}

export function datesInOrder(r: Report, src: SourceText): Finding[] {
  const out: Finding[] = [...implausibleYears(r, src), ...impossibleDays(r, src)];
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
  const ref = m.reportDate && plausible(m.reportDate.value) ? parseIso(m.reportDate.value) : null;
  if (m.reportDate && ref) {
    for (let n = r.lines[0]; n <= r.lines[1]; n++) {
      if (n === m.reportDate.line || n === m.publicationPeriod?.line) continue;
      const f = src.folded[n - 1] as string;
      for (const d of findDates(f)) {
        if (d.year === null || d.day === null || !plausibleYear(d.year)) continue;
        const iso = toIso(d, ref) as string;
        if (compareIso(iso, m.reportDate.value) <= 0) continue;
        const after = f.slice(d.index + d.length, d.index + d.length + 6);
        const beforeText = f.slice(Math.max(0, d.index - 8), d.index);
        if (/^(前|之前|以前|起|开始)|^[—\-至]/.test(after) || /计划|预计|将于|力争|拟于|争取|截至|至$|—$/.test(beforeText)) continue;
        // a web page's own date line ("发布日期：2025-09-12") says when the page went up, not when work was done
        if (/(?:发布|更新|发稿)(?:日期|时间)[:：]?\s*$/.test(beforeText)) continue;
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
  out.push(...periodAfterItsDate(r, src, ref));
  return out;
}

/**
 * Work said to be done over a period that had not ended when it was said: "截至5月19日…至2021年底的会计账册已自查
 * 完毕" in a report signed 2021-09-27 (seed 004 line 71). Probably a year typed wrong, so a hint.
 */
function periodAfterItsDate(r: Report, src: SourceText, ref: { year: number; month: number; day: number } | null): Finding[] {
  const out: Finding[] = [];
  for (let n = r.lines[0]; n <= r.lines[1]; n++) {
    for (const sentence of (src.folded[n - 1] ?? '').split(/[。；;!?！？]/)) {
      if (!/已[^，,]{0,12}(完毕|完成|结束)/.test(sentence)) continue;
      // "至2021年底", "至2021年5月" — not "截至2021年5月27日", which is the date itself
      const end = /(?<!截)至\s*(\d{4})\s*年\s*(?:(底|末)|(\d{1,2})\s*月\s*(?:底|末)?(?!\s*\d))/.exec(sentence);
      if (!end) continue;
      const endIso = end[2] ? `${end[1]}-12-31` : `${end[1]}-${String(end[3]).padStart(2, '0')}-28`;
      const asOf = /截至\s*((?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)/.exec(sentence);
      const said = asOf ? findDates(asOf[1] as string)[0] : undefined;
      const saidIso = said ? toIso(said, ref) : (r.meta.reportDate?.value ?? null);
      if (!saidIso || compareIso(endIso, saidIso) <= 0) continue;
      const period = end[0].replace(/^至\s*/, '');
      out.push(
        finding(
          'period-after-date',
          'warning',
          `称截至${chineseDate(saidIso)}已完成的工作涵盖到${period}，那时这一期间尚未结束，请核对年份`,
          [n],
          period,
          saidIso,
        ),
      );
    }
  }
  return out;
}
