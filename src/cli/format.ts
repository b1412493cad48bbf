// How `zg parse` and `zg check` print for a person: Chinese, line numbers, the quoted line.

import type { FileReports } from '../services/read-reports.ts';
import type { FormatsHere, ReadableHere } from '../services/readable-formats.ts';
import { INSTALL_HINT, OCR_INSTALL_HINT, recognisedNote } from '../core/document/formats.ts';
import type { Finding } from '../core/check/finding.ts';
import {
  GENRE_LABEL,
  META_LABEL,
  METRIC_LABEL,
  REPORT_KIND_LABEL,
  REPORTED_STATUS_LABEL,
  SEVERITY_MARK,
  STATUS_MARK,
} from '../core/vocabulary.ts';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function metaValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((c: { value: string }) => c.value).join('，');
  if (v && typeof v === 'object' && 'start' in v && 'end' in v) return `${String(v.start)} 至 ${String(v.end)}`;
  return String(v);
}

/** Each file under its name; a file that could not be read says why and nothing more. */
function perFile(results: readonly FileReports[], body: (f: FileReports, out: string[]) => void): string {
  const out: string[] = [];
  for (const f of results) {
    out.push(`文件：${f.file}`);
    if (f.error) out.push(`  无法读取：${f.error.message}`);
    else {
      if (f.ocr?.length) out.push(`  ${recognisedNote(f.ocr)}`);
      body(f, out);
    }
  }
  return out.join('\n');
}

export function formatParse(results: readonly FileReports[]): string {
  return perFile(results, (f, out) => {
    f.reports.forEach((r, i) => {
      const what = r.genre === 'report' ? REPORT_KIND_LABEL[r.kind] : `${GENRE_LABEL[r.genre]}，属${REPORT_KIND_LABEL[r.kind]}类`;
      out.push(`  [${i + 1}] ${what}，第${r.lines[0]}—${r.lines[1]}行`);
      for (const [k, label] of Object.entries(META_LABEL)) {
        const m = (r.meta as unknown as Record<string, { value: unknown; line: number | null } | null>)[k];
        if (m) out.push(`      ${label}：${clip(metaValue(m.value), 60)}${m.line ? `（第${m.line}行）` : ''}`);
      }
      const problems = r.aspects.reduce((s, a) => s + a.problems.length, 0);
      out.push(`      方面 ${r.aspects.length} 个，问题 ${problems} 个`);
      for (const a of r.aspects) {
        out.push(`      ▸ ${clip(a.title, 40)}（第${a.line}行）`);
        for (const p of a.problems) {
          const st = p.status === 'unknown' ? '' : `【${REPORTED_STATUS_LABEL[p.status]}${p.longTerm ? `·${STATUS_MARK.longTerm}` : ''}】`;
          out.push(
            `          ${p.number} ${clip(p.title, 36)} ${st}措施${p.measures.length}项${p.children.length ? `，具体问题${p.children.length}个` : ''}（第${p.line}行）`,
          );
        }
      }
      if (r.claims.length) {
        out.push('      所述数字：');
        for (const c of r.claims.filter((c) => c.metric !== 'money'))
          out.push(`          ${METRIC_LABEL[c.metric]} ${c.value}${c.scope ? `（${clip(c.scope, 16)}）` : ''}  第${c.line}行`);
        const money = r.claims.filter((c) => c.metric === 'money');
        if (money.length) out.push(`          整改涉及金额 ${money.length} 笔`);
      }
      out.push(`      金额 ${r.amounts.length} 笔，制度 ${r.institutions.length} 项，核验发现 ${r.findings.length} 条`);
      if (r.performance) {
        const p = r.performance;
        if (p.project) out.push(`      项目：${p.project.value}（第${p.project.line}行）`);
        out.push(`      绩效指标 ${p.indicators.length} 项，合计分值 ${p.totals?.weight ?? '—'}，得分 ${p.totals?.score ?? '—'}`);
      }
    });
  });
}

/** The quoted line, cut around the stated figure when the line is long. */
function quote(line: string, stated: Finding['stated']): string {
  const t = line.trim();
  if (t.length <= 70) return t;
  const at = stated === null ? -1 : (['个', '%', '项', '人', ''].map((u) => t.indexOf(`${stated}${u}`)).find((i) => i >= 0) ?? -1);
  if (at < 50) return clip(t, 70);
  const from = Math.max(0, at - 35);
  return `…${clip(t.slice(from), 68)}`;
}

function findingLines(f: Finding, lines: readonly string[]): string[] {
  return f.lines.slice(0, 4).map((n) => `      ${String(n).padStart(5)}│ ${quote(lines[n - 1] ?? '', f.stated)}`);
}

export function formatCheck(results: readonly FileReports[]): string {
  return perFile(results, (f, out) => {
    for (const r of f.reports) {
      const errors = r.findings.filter((x) => x.severity === 'error').length;
      out.push(
        `  ${clip(r.meta.title?.value ?? REPORT_KIND_LABEL[r.kind], 50)}（第${r.lines[0]}—${r.lines[1]}行）：错误 ${errors} 条，提示 ${r.findings.length - errors} 条`,
      );
      for (const x of r.findings) {
        out.push(`    ${SEVERITY_MARK[x.severity]} [${x.rule}] ${x.message}（第${x.lines.join('、')}行${onPages(f, x.lines)}）`);
        out.push(...findingLines(x, f.lines));
      }
    }
  });
}

/** `zg formats`: what this installation reads, by use, and what a missing one needs. */
export function formatFormats(here: FormatsHere): string {
  const out: string[] = [];
  const section = (use: ReadableHere['use'], heading: string) => {
    out.push(heading);
    for (const f of here.formats.filter((x) => x.use === use)) {
      const note = f.note ? `（${f.note}）` : '';
      const via = f.converter === 'libreoffice' ? '，经 LibreOffice 转换' : '';
      out.push(`  ${f.available ? '可读取  ' : '不可读取'}  ${f.extensions.join(' ').padEnd(12)} ${f.label}${note}${via}`);
    }
  };
  section('report', '报告文档（zg parse、zg check、zg import；网页“导入报告”；佐证材料预览）：');
  section('workbook', '台账与自评表工作簿（zg import-ledger、zg perf；网页“导入台账”）：');
  out.push(here.soffice ? `LibreOffice：${here.soffice}` : `LibreOffice：未找到，经它转换的格式不可读取（其余不受影响）。${INSTALL_HINT}`);
  out.push(
    here.tesseract
      ? `文字识别：${here.tesseract}（简体中文）${here.pdftoppm ? `；扫描的 PDF 由 ${here.pdftoppm} 逐页渲染` : '；未找到 pdftoppm，扫描的 PDF 不可识别'}`
      : `文字识别：不可用，扫描件和照片不可读取：${here.formats.find((f) => f.converter === 'ocr')?.missing ?? OCR_INSTALL_HINT}`,
  );
  return out.join('\n');
}

/** For recognised text, the pages of the scan the lines are on: "，扫描件第2、3页". */
function onPages(f: FileReports, lines: readonly number[]): string {
  if (!f.ocr?.length) return '';
  const pageOf = (line: number) => [...(f.ocr ?? [])].reverse().find((p) => p.firstLine <= line)?.page ?? 1;
  return `，扫描件第${[...new Set(lines.map(pageOf))].sort((a, b) => a - b).join('、')}页`;
}
