// The heavy work — reading documents and workbooks, checking reports, writing .docx and .xlsx — as named jobs over
// plain data, so that the same job runs in this thread (the command line) or in a worker (the server, where it must
// never hold the event loop: services/worker-pool.ts). Jobs take and return only what survives structured cloning,
// and fail only with UserErrors that `reviveError` can rebuild on the other side.
import { tableCells } from '../core/check/rules/performance.ts';
import type { Report } from '../core/document/model.ts';
import { decodeText, readDocumentBytes, sniffFormat, type ReadDocument } from '../io/read-document.ts';
import { readReports } from '../core/read-reports.ts';
import { evaluationFromReport, type Evaluation } from '../core/perf/evaluation.ts';
import { narrativeFromText } from '../core/perf/narrative.ts';
import { scoreEvaluation, type ScoreOptions, type ScoredEvaluation } from '../core/perf/score-evaluation.ts';
import { LedgerWorkbookError, PerfImportError, UserError } from '../core/errors.ts';
import type { ReportKind } from '../core/official/report-names.ts';
import type { LedgerSnapshot, OfficialDocument } from '../core/official/model.ts';
import type { PublicationSettings } from '../core/official/publication.ts';
import type { TongbaoOptions } from '../core/official/tongbao.ts';
import type { Finding } from '../core/check/finding.ts';
import type { writeLedgerWorkbook } from '../io/ledger-workbook.ts';
import type { writePerfWorkbook } from '../io/perf-workbook.ts';
import type { writeWeeklySheet } from '../io/supervision-sheet.ts';
import type { writeMonitoringSheets } from '../io/perf-monitoring-sheet.ts';
import { comparableWords } from '../core/document/fingerprint.ts';
import { type DocumentFormat, namesOf, OCR_CAVEAT, WORKBOOK_FORMATS, type WorkbookFormat } from '../core/document/formats.ts';
import { reportProgress } from './job-progress.ts';
import { append } from '../core/append.ts';

// Each job loads what only it uses when it first runs: reading a text report (`zg check`, the commonest job) loads
// neither the workbook readers and writers, nor the composer of official documents, nor zlib, nor node:crypto.
const workbooks = () => import('../io/ledger-workbook.ts');
const perfWorkbooks = () => import('../io/perf-workbook.ts');

/** A problem as recurrence matching needs it: its words as stored, or null when never segmented. */
interface Titled {
  readonly id: number;
  readonly title: string;
  readonly words: string | null;
}

export interface ReadForImport {
  readonly doc: ReadDocument;
  readonly reports: Report[];
  /** the text's fingerprint: the same report in another format or encoding has the same one */
  readonly fingerprint: string;
}

export interface ReadReport {
  readonly file: string;
  readonly format: ReadDocument['format'];
  readonly encoding: ReadDocument['encoding'];
  readonly ocr: ReadDocument['ocr'];
  readonly lines: string[];
  readonly reports: Report[];
}

export interface ReadEvaluationData {
  readonly evaluation: Evaluation;
  readonly scored: ScoredEvaluation;
  /** where each line came from, by line number ("工作表“自评表”第12行"); empty for text */
  readonly origins: string[];
  readonly format: DocumentFormat | WorkbookFormat;
}

const isXlsx = (bytes: Uint8Array) =>
  sniffFormat(bytes) === 'zip' && new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096))).includes('xl/');

/**
 * A workbook as .xlsx, which the workbook readers take: an old Excel .xls or a WPS .et (both OLE files holding a
 * workbook), or an OpenDocument .ods, converted by LibreOffice; anything else as it is, for those readers to judge.
 */
async function workbookAsXlsx(name: string, bytes: Uint8Array): Promise<{ bytes: Uint8Array; format: WorkbookFormat }> {
  const kind = sniffFormat(bytes);
  const { oleKind } = await import('../core/document/file-signature.ts');
  const ods = kind === 'zip' && new TextDecoder('latin1').decode(bytes.subarray(0, 200)).includes('opendocument.spreadsheet');
  const from: WorkbookFormat | null =
    kind === 'ole' && oleKind(bytes) === 'excel' ? (/\.et$/i.test(name) ? 'et' : 'xls') : ods ? 'ods' : null;
  if (!from) return { bytes, format: 'xlsx' };
  const { converted } = await import('../io/read-document.ts');
  return { bytes: await converted(name, bytes, from, 'xlsx'), format: from };
}

/** An .xlsx read by `read`, its failures in the words of the use case (`refusal` builds its error). */
async function workbook<T>(name: string, read: () => Promise<T>, refusal: (reasons: string[]) => UserError): Promise<T> {
  try {
    return await read();
  } catch (e) {
    const { WorkbookFormatError, WorkbookTooLargeError } = await workbooks();
    if (e instanceof WorkbookTooLargeError) {
      const { MAX_WORKBOOK_UNPACKED } = await import('../io/zip-limits.ts');
      throw refusal([`文件“${name}”解压后超过 ${MAX_WORKBOOK_UNPACKED / 1024 / 1024} MB（可能是压缩炸弹），未予读取`]);
    }
    if (e instanceof WorkbookFormatError)
      throw refusal([`文件“${name}”不是可读取的 Excel 工作簿（支持 ${namesOf(WORKBOOK_FORMATS)}），或已损坏`]);
    throw e;
  }
}

/**
 * A document's reports, checked. On recognised text every finding says so: a figure that does not add up may be the
 * recogniser's misreading, not the report's mistake.
 */
function readChecked(doc: ReadDocument): Report[] {
  const reports = readReports(doc.text);
  if (!doc.ocr) return reports;
  return reports.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, message: `${f.message}${OCR_CAVEAT}` })) }));
}

/** How much of a kept file's words a preview shows: enough to judge it by, not a whole archive on one page. */
export const PREVIEW_CHARS = 200_000;

/** The .docx writer (the docx package) loads with the first document written. */
const writeOfficialDocx = async (doc: OfficialDocument): Promise<Uint8Array> =>
  (await import('../io/official-docx.ts')).writeOfficialDocx(doc);

export const heavyJobs = {
  /**
   * The words of a kept evidence file, for the reviewer to read in the browser: text as it is (UTF-8 or GBK), a Word
   * document's paragraphs, a workbook's rows. Whatever cannot be read says so instead of failing the page.
   */
  async evidenceText(name: string, mime: string, bytes: Uint8Array): Promise<{ text: string; truncated: boolean }> {
    let text: string;
    try {
      if (mime.includes('spreadsheet') || mime === 'application/vnd.ms-excel')
        text = (await (await perfWorkbooks()).perfWorkbookText((await workbookAsXlsx(name, bytes)).bytes)).text;
      else if (mime === 'text/plain' || mime === 'text/csv') text = decodeText(bytes).text;
      else text = (await readDocumentBytes(name, bytes, bytes.length + 1)).text;
    } catch (e) {
      const { WorkbookFormatError, WorkbookTooLargeError } = await workbooks();
      if (e instanceof UserError || e instanceof WorkbookFormatError || e instanceof WorkbookTooLargeError)
        return { text: `（无法读取“${name}”的文字：${e.message}。请下载后查看。）`, truncated: false };
      throw e;
    }
    return { text: text.slice(0, PREVIEW_CHARS), truncated: text.length > PREVIEW_CHARS };
  },

  /** `algorithm`: the ledger's chosen hash (its event chain's), which its documents' fingerprints are made with too */
  async readForImport(name: string, bytes: Uint8Array, maxBytes?: number, algorithm: 'sha256' | 'sm3' = 'sha256'): Promise<ReadForImport> {
    const doc = await readDocumentBytes(name, bytes, maxBytes, { onProgress: reportProgress });
    const { createHash } = await import('node:crypto');
    return {
      doc,
      reports: readChecked(doc),
      fingerprint: createHash(algorithm).update(comparableWords(doc.text)).digest('hex'),
    };
  },

  async readReport(name: string, bytes: Uint8Array, maxBytes?: number): Promise<ReadReport> {
    const doc = await readDocumentBytes(name, bytes, maxBytes, { onProgress: reportProgress });
    return {
      file: doc.file,
      format: doc.format,
      encoding: doc.encoding,
      ocr: doc.ocr,
      lines: doc.text.split(/\r\n|\r|\n/),
      reports: readChecked(doc),
    };
  },

  /**
   * The same, already as the UTF-8 JSON the server answers with: a 20 MB one-line text makes a 20 MB answer, and
   * serialising and encoding it on the server's thread held every other request for a quarter of a second.
   */
  async readReportJson(name: string, bytes: Uint8Array, maxBytes?: number): Promise<Uint8Array> {
    return new TextEncoder().encode(JSON.stringify(await heavyJobs.readReport(name, bytes, maxBytes)));
  },

  /** A self-evaluation from any file, scored; PerfImportError names every cell that cannot be read. */
  async readEvaluation(name: string, bytes: Uint8Array, opts: ScoreOptions = {}): Promise<ReadEvaluationData> {
    let text: string;
    let format: ReadEvaluationData['format'] = 'xlsx';
    let origins: string[] = [];
    const reasons: string[] = [];
    const table = await workbookAsXlsx(name, bytes);
    if (isXlsx(table.bytes)) {
      format = table.format;
      const wb = await workbook(
        name,
        async () => (await perfWorkbooks()).perfWorkbookText(table.bytes),
        (r) => new PerfImportError(r),
      );
      text = wb.text;
      origins = wb.text.split('\n').map((_, i) => wb.origin(i + 1));
      append(reasons, wb.faults);
    } else {
      const doc = await readDocumentBytes(name, bytes);
      text = doc.text;
      format = doc.format;
    }
    const origin = (line: number) => origins[line - 1] ?? `第${line}行`;
    const report = readReports(text).find((r) => r.performance && r.performance.indicators.length > 0);
    const read = report ? evaluationFromReport(report) : null;
    // the report's own words, when the pack holds the report beside its tables
    const narrative = narrativeFromText(text.split('\n'));
    const evaluation = read && Object.keys(narrative).length ? { ...read, narrative } : read;
    if (!report || !evaluation)
      throw new PerfImportError([
        `文件“${name}”中没有找到绩效自评表：应有一行表头写明“一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分”`,
      ]);
    reasons.push(
      ...tableCells(report.performance as NonNullable<typeof report.performance>).map(
        (f) => `${origin(f.lines[0] as number)}：${f.message}`,
      ),
    );
    if (reasons.length) throw new PerfImportError(reasons);
    return { evaluation, scored: scoreEvaluation(evaluation, opts), origins, format };
  },

  workbookAsXlsx,
  readLedgerWorkbook: (name: string, bytes: Uint8Array) =>
    workbook(
      name,
      async () => (await workbooks()).readLedgerWorkbook(bytes),
      (r) => new LedgerWorkbookError(r),
    ),
  readSheetTable: (name: string, bytes: Uint8Array, sheet?: string) =>
    workbook(
      name,
      async () => (await workbooks()).readSheetTable(bytes, sheet),
      (r) => new LedgerWorkbookError(r),
    ),
  /**
   * Recurrence: each new problem against the earlier ones by their meaningful words (segmented here where a problem
   * has none stored yet; those are handed back to be stored), at most `perProblem` matches of `minScore` or more.
   */
  async matchRecurrences(
    mine: readonly Titled[],
    earlier: readonly (Titled & { sameUnit: boolean })[],
    opts: { perProblem: number; minScore: number },
  ): Promise<{
    fresh: { id: number; words: string }[];
    matches: { problem_id: number; earlier_id: number; kind: 'repeat' | 'common'; score: number }[];
  }> {
    // the segmenter (jieba, and its dictionary of some 5 MB) loads for the first matching, not with every job
    const { words } = await import('../io/segmenter.ts');
    const { meaningful, RecurrenceIndex } = await import('../core/recurrence/similarity.ts');
    const fresh: { id: number; words: string }[] = [];
    const termsOf = (p: Titled) => {
      const w = p.words ?? meaningful(words(p.title)).join(' ');
      if (p.words === null) fresh.push({ id: p.id, words: w });
      return w ? w.split(' ') : [];
    };
    const index = new RecurrenceIndex(earlier.map((p) => ({ id: p.id, words: termsOf(p) })));
    const same = new Map(earlier.map((p) => [p.id, p.sameUnit]));
    const matches = mine.flatMap((p) =>
      index.query(termsOf(p), opts.perProblem, opts.minScore).map((m) => ({
        problem_id: p.id,
        earlier_id: m.id,
        kind: same.get(m.id) ? ('repeat' as const) : ('common' as const),
        score: m.score,
      })),
    );
    return { fresh, matches };
  },
  writeOfficialDocx,
  /**
   * A report from the ledger's snapshot: composed, written as .docx, and read back like any published report, whose
   * checks then find what the ledger itself gets wrong. A plan is a table of tasks, with no figures to check.
   */
  async writeOfficialReport(
    kind: ReportKind,
    snapshot: LedgerSnapshot,
    settings: PublicationSettings,
    o: TongbaoOptions,
    fileName: string,
    watermark?: string,
  ): Promise<{ document: OfficialDocument; bytes: Uint8Array; findings: Finding[] }> {
    const { composeReport } = await import('../core/official/compose-report.ts');
    const composed = composeReport(kind, snapshot, settings, o);
    const document = watermark ? { ...composed, watermark } : composed;
    const bytes = await writeOfficialDocx(document);
    const findings = kind === 'plan' ? [] : (await heavyJobs.readReport(fileName, bytes)).reports.flatMap((x) => x.findings);
    return { document, bytes, findings };
  },
  writeLedgerWorkbook: async (...a: Parameters<typeof writeLedgerWorkbook>) => (await workbooks()).writeLedgerWorkbook(...a),
  writePerfWorkbook: async (...a: Parameters<typeof writePerfWorkbook>) => (await perfWorkbooks()).writePerfWorkbook(...a),
  writeMonitoringSheets: async (...a: Parameters<typeof writeMonitoringSheets>) =>
    (await import('../io/perf-monitoring-sheet.ts')).writeMonitoringSheets(...a),
  writeWeeklySheet: async (...a: Parameters<typeof writeWeeklySheet>) =>
    (await import('../io/supervision-sheet.ts')).writeWeeklySheet(...a),
};

export type HeavyJobs = typeof heavyJobs;
export type JobName = keyof HeavyJobs;
export type JobArgs<K extends JobName> = Parameters<HeavyJobs[K]>;
export type JobResult<K extends JobName> = Awaited<ReturnType<HeavyJobs[K]>>;
