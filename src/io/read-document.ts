// Bytes in: a file of any kind → its text, or a DocumentError that says in Chinese what is wrong with which file.
// The kind is decided by content, never by the file name: a .txt that is really a PDF is read as a PDF, a .doc that
// is really a .docx as a .docx. The name only tells a .wps from a .doc, which LibreOffice reads alike.

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pdfText, PdfEncryptedError } from './pdf-text.ts';
import { DocumentError } from '../core/errors.ts';
import { recognitionHandedOver, RecognitionElsewhere } from './recognition-lane.ts';
import {
  isImage,
  isOle,
  isPdf,
  isZip,
  looksLikeHtml,
  looksLikeMhtml,
  looksLikeRtf,
  looksLikeText,
  oleKind,
} from '../core/document/file-signature.ts';
import { DOCUMENT_FORMATS, type DocumentFormat, formatLabel, INSTALL_HINT, namesOf, OCR_INSTALL_HINT } from '../core/document/formats.ts';

export type { DocumentFormat };

export interface ReadDocument {
  readonly file: string;
  readonly format: DocumentFormat;
  /** how a text or a web page's bytes were decoded (the WHATWG name: 'utf-8', 'gb18030', 'big5'…); null for the rest */
  readonly encoding: string | null;
  readonly text: string;
  readonly bytes: number;
  readonly data: Uint8Array; // the file as read, for keeping beside what was parsed from it
  /** the text was recognised from pictures of its pages (OCR): each page's confidence; null for text read as text */
  readonly ocr: { page: number; confidence: number; firstLine: number }[] | null;
}

export interface ReadOptions {
  /** pages recognised so far, for a long OCR */
  readonly onProgress?: (done: number, total: number) => void;
}

export { DEFAULT_MAX_BYTES, TEXT_MAX_BYTES } from '../core/limits.ts';
import { DEFAULT_MAX_BYTES, TEXT_MAX_BYTES } from '../core/limits.ts';

export function sniffFormat(b: Uint8Array): 'pdf' | 'zip' | 'ole' | 'image' | 'text' | 'binary' {
  if (isPdf(b)) return 'pdf';
  if (isImage(b)) return 'image';
  if (isZip(b)) return 'zip';
  if (isOle(b)) return 'ole';
  return looksLikeText(b) ? 'text' : 'binary';
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM); otherwise GB18030, which covers GBK and GB2312. */
export function decodeText(b: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gb18030' };
  }
}

export async function readDocumentBytes(
  file: string,
  bytes: Uint8Array,
  maxBytes = DEFAULT_MAX_BYTES,
  opts: ReadOptions = {},
): Promise<ReadDocument> {
  const name = basename(file);
  if (bytes.length === 0) throw new DocumentError(file, 'empty', `文件“${name}”是空文件`);
  if (bytes.length > maxBytes)
    throw new DocumentError(file, 'too-large', `文件“${name}”大小为${mb(bytes.length)}，超过上限${mb(maxBytes)}；请拆分后再读取`);
  const kind = sniffFormat(bytes);
  const read = (format: DocumentFormat, text: string, encoding: ReadDocument['encoding'] = null): ReadDocument => ({
    file,
    format,
    encoding,
    text,
    bytes: bytes.length,
    data: bytes,
    ocr: null,
  });
  let doc: ReadDocument;
  if (kind === 'pdf') {
    const pdf = await readPdf(file, bytes);
    doc =
      typeof pdf === 'string'
        ? read('pdf', pdf)
        : {
            ...read('pdf', ''),
            ...(await recognised(file, bytes, 'pdf', () => import('./ocr.ts').then((o) => o.ocrPdf(bytes, pdf.pages, opts)))),
          };
  } else if (kind === 'image')
    doc = {
      ...read('image', ''),
      ...(await recognised(file, bytes, 'image', () => import('./ocr.ts').then((o) => o.ocrImage(bytes, opts)))),
    };
  else if (kind === 'zip') doc = await readZip(file, bytes, read);
  else if (kind === 'ole') {
    const ole = oleKind(bytes);
    if (ole === 'truncated') throw new DocumentError(file, 'unreadable', `文件“${name}”已损坏或不完整（文件结构被截断），请重新取得原文件`);
    if (ole === 'encrypted') throw new DocumentError(file, 'encrypted', `文件“${name}”设有打开密码，无法读取；请取消密码后再读取`);
    if (ole !== 'word')
      throw new DocumentError(
        file,
        'not-a-document',
        ole === 'excel'
          ? `文件“${name}”是 Excel 工作簿，不是报告文档；台账请用“导入台账”读取`
          : `文件“${name}”不是可读取的文档（支持 ${namesOf(DOCUMENT_FORMATS)}）`,
      );
    const format = /\.wps$/i.test(name) ? 'wps' : 'doc';
    doc = read(format, await docxOf(file, await converted(file, bytes, format, 'docx')));
  } else if (kind === 'text') {
    if (bytes.length > TEXT_MAX_BYTES)
      throw new DocumentError(
        file,
        'too-large',
        `文件“${name}”是文本，大小为${mb(bytes.length)}，超过文本的上限${mb(TEXT_MAX_BYTES)}；请拆分后再读取`,
      );
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if (looksLikeRtf(head)) doc = read('rtf', await docxOf(file, await converted(file, bytes, 'rtf', 'docx')));
    else if (looksLikeMhtml(head) || looksLikeHtml(head)) {
      const mhtml = looksLikeMhtml(head);
      const page = await webPage(file, bytes, mhtml);
      doc = read(mhtml ? 'mhtml' : 'html', page.text, page.encoding);
    } else {
      const { text, encoding } = decodeText(bytes);
      doc = read('txt', text, encoding);
    }
  } else throw new DocumentError(file, 'not-a-document', `文件“${name}”不是可读取的文档（支持 ${namesOf(DOCUMENT_FORMATS)}）`);
  if (doc.text.replace(/\s/g, '') === '') throw new DocumentError(file, 'empty', `文件“${name}”没有文字内容`);
  return doc;
}

/** A PDF's text layer; or, for a scan without one, its page count for OCR. */
async function readPdf(file: string, bytes: Uint8Array): Promise<string | { pages: number }> {
  const name = basename(file);
  // zlib, fflate and the .docx reader load for the files that need them, not for every text report read
  const { checkPdfInflation, MAX_PDF_INFLATED, ZipTooLargeError } = await import('./zip-limits.ts');
  try {
    checkPdfInflation(bytes);
  } catch (e) {
    if (!(e instanceof ZipTooLargeError)) throw e;
    throw new DocumentError(file, 'too-large', bomb(`PDF 文件“${name}”`, MAX_PDF_INFLATED), e.message);
  }
  let out;
  try {
    out = await pdfText(bytes);
  } catch (e) {
    if (e instanceof PdfEncryptedError)
      throw new DocumentError(file, 'encrypted', `PDF 文件“${name}”已加密，需要密码才能打开；请提供未加密的文件`, e.message);
    throw new DocumentError(file, 'unreadable', `PDF 文件“${name}”已损坏或格式不正确，无法读取`, (e as Error).message);
  }
  return out.text.replace(/\s/g, '') === '' ? { pages: out.pages } : out.text;
}

/**
 * The text of a scan or a photo, recognised; or why not, in the user's words: no OCR engine here (and how to install
 * one), too many pages, too slow, too large an image, an image that is no picture, or a picture of no text.
 */
async function recognised(
  file: string,
  bytes: Uint8Array,
  kind: 'pdf' | 'image',
  ocr: () => Promise<import('./ocr.ts').OcrResult>,
): Promise<Pick<ReadDocument, 'text' | 'ocr'>> {
  const name = basename(file);
  const what = kind === 'pdf' ? `扫描件“${name}”（PDF 没有文字层）` : `图片“${name}”`;
  const o = await import('./ocr.ts');
  const { createHash } = await import('node:crypto');
  const key = createHash('sha256').update(bytes).digest('hex');
  let result = rememberedScan(key);
  if (!result && recognitionHandedOver()) throw new RecognitionElsewhere();
  try {
    result ??= await ocr();
  } catch (e) {
    if (e instanceof o.OcrMissingError)
      throw new DocumentError(
        file,
        kind === 'pdf' ? 'no-text-layer' : 'needs-converter',
        `读取${what}需要文字识别（OCR），本机没有${e.what === 'pdftoppm' ? ' poppler 的 pdftoppm' : e.what === 'chi_sim' ? ' Tesseract 的简体中文模型' : ' Tesseract'}。${OCR_INSTALL_HINT}；也可以提供 Word 或文本版本`,
        e.message,
      );
    if (e instanceof o.OcrPageLimitError)
      throw new DocumentError(file, 'too-large', `${what}共${e.pages}页，超过文字识别的上限${e.limit}页；请拆分后再读取`, e.message);
    if (e instanceof o.OcrTimeoutError)
      throw new DocumentError(
        file,
        'too-large',
        `${what}的文字识别超过${Math.round(o.ocrLimits().timeoutMs / 1000)}秒仍未完成，已停止；请拆分成较少的页后再读取`,
        e.message,
      );
    if (e instanceof o.ImageTooLargeError)
      throw new DocumentError(
        file,
        'too-large',
        `${what}为${e.width}×${e.height}像素，超过上限${o.MAX_IMAGE_PIXELS / 10_000}万像素；请缩小后再读取`,
        e.message,
      );
    if (e instanceof o.ImageFormatError)
      throw new DocumentError(file, 'unreadable', `${what}已损坏或格式不受支持，无法识别文字`, e.message);
    throw e;
  }
  // a landscape, a face, a blank page: nothing a reader could call text
  const chars = result.text.replace(/\s/g, '').length;
  const confidence = result.pages.reduce((a, p) => a + p.confidence, 0) / Math.max(1, result.pages.length);
  if (chars < 10 || confidence < 40)
    throw new DocumentError(
      file,
      'empty',
      `${what}中没有识别出文字，可能不是文档的扫描件或照片`,
      `${chars} chars, confidence ${confidence}`,
    );
  rememberScan(key, result);
  return { text: result.text, ocr: result.pages };
}

/**
 * Scans recognised lately, by their bytes: the web checks a file and then imports it, and a 20-page scan should not be
 * recognised twice. A few, for half an hour; each worker remembers its own.
 */
const SCANS = new Map<string, { result: import('./ocr.ts').OcrResult; at: number }>();
const SCANS_KEPT = { count: 16, ms: 30 * 60_000 };

function rememberedScan(key: string): import('./ocr.ts').OcrResult | null {
  const s = SCANS.get(key);
  if (!s || Date.now() - s.at > SCANS_KEPT.ms) return null;
  return s.result;
}

function rememberScan(key: string, result: import('./ocr.ts').OcrResult): void {
  SCANS.delete(key);
  SCANS.set(key, { result, at: Date.now() });
  for (const k of SCANS.keys()) {
    if (SCANS.size <= SCANS_KEPT.count) break;
    SCANS.delete(k);
  }
}

/** A zip is a Word document, an OFD, an OpenDocument text — or something else, said by what it holds. */
async function readZip(
  file: string,
  bytes: Uint8Array,
  read: (format: DocumentFormat, text: string) => ReadDocument,
): Promise<ReadDocument> {
  const name = basename(file);
  const { zipEntryNames } = await import('./zip-limits.ts');
  const names = zipEntryNames(bytes);
  const { isOfdPackage } = await import('./ofd-text.ts');
  if (isOfdPackage(names)) {
    const { ofdText, OfdFormatError, OfdTooLargeError, MAX_OFD_UNPACKED } = await import('./ofd-text.ts');
    try {
      return read('ofd', ofdText(bytes).text);
    } catch (e) {
      if (e instanceof OfdTooLargeError) throw new DocumentError(file, 'too-large', bomb(`OFD 文件“${name}”`, MAX_OFD_UNPACKED), e.message);
      if (e instanceof OfdFormatError)
        throw new DocumentError(file, 'unreadable', `OFD 文件“${name}”已损坏或结构不完整，无法读取`, e.message);
      throw e;
    }
  }
  // OpenDocument names its kind in the stored "mimetype" entry, which opens the package
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  if (names.includes('content.xml') && head.includes('application/vnd.oasis.opendocument.text'))
    return read('odt', await docxOf(file, await converted(file, bytes, 'odt', 'docx')));
  if (names.includes('xl/workbook.xml') || head.includes('opendocument.spreadsheet'))
    throw new DocumentError(file, 'not-a-document', `文件“${name}”是电子表格，不是报告文档；台账请用“导入台账”读取`);
  return read('docx', await docxOf(file, bytes));
}

/** A Word document's text, or why it cannot be read, in the user's words. */
async function docxOf(file: string, bytes: Uint8Array): Promise<string> {
  const name = basename(file);
  const { docxText, DocxFormatError, DocxTooLargeError, MAX_UNPACKED_BYTES } = await import('./docx-text.ts');
  try {
    return docxText(bytes);
  } catch (e) {
    // a zip that cannot be opened at all is a cut-off or damaged file (an upload broken off, a copy not finished);
    // one that opens without a document in it is some other zip
    if (e instanceof DocxFormatError && e.message.startsWith('zip:'))
      throw new DocumentError(file, 'unreadable', `文件“${name}”已损坏或不完整（压缩结构无法读取），请重新取得原文件`, e.message);
    if (e instanceof DocxFormatError)
      throw new DocumentError(
        file,
        'not-a-document',
        `文件“${name}”是压缩包，但不是可读取的文档（支持 ${namesOf(DOCUMENT_FORMATS)}）`,
        e.message,
      );
    if (e instanceof DocxTooLargeError)
      throw new DocumentError(file, 'too-large', bomb(`Word 文件“${name}”`, MAX_UNPACKED_BYTES), e.message);
    throw new DocumentError(file, 'unreadable', `Word 文件“${name}”已损坏，无法读取`, (e as Error).message);
  }
}

/** A saved web page's article (from the page's HTML part when saved whole), or why there is none. */
async function webPage(file: string, bytes: Uint8Array, whole: boolean): Promise<{ text: string; encoding: string }> {
  const { decodeHtml, htmlText, mhtmlHtml, HtmlFormatError } = await import('./html-text.ts');
  try {
    const page = whole ? mhtmlHtml(bytes) : decodeHtml(bytes);
    return { text: htmlText(page.text), encoding: page.encoding };
  } catch (e) {
    if (e instanceof HtmlFormatError) throw new DocumentError(file, 'empty', `网页文件“${basename(file)}”中没有找到正文文字`, e.message);
    throw e;
  }
}

/**
 * A file LibreOffice must convert first (.doc, .wps, .odt, .rtf, and workbooks: .xls, .et, .ods), converted; or why
 * not, in the user's words: LibreOffice missing (and how to install it), too slow, or the file refused by it.
 */
export async function converted(file: string, bytes: Uint8Array, from: string, to: 'docx' | 'xlsx'): Promise<Uint8Array> {
  const name = basename(file);
  const { convertOffice, convertTimeoutMs, ConverterMissingError, ConvertTimeoutError } = await import('./office-convert.ts');
  const label = formatLabel(from);
  const instead = to === 'docx' ? '在 Word 或 WPS 中另存为 .docx' : '在 Excel 或 WPS 中另存为 .xlsx';
  try {
    return await convertOffice(bytes, from, to);
  } catch (e) {
    if (e instanceof ConverterMissingError)
      throw new DocumentError(
        file,
        'needs-converter',
        `读取${label}“${name}”需要 LibreOffice，本机没有找到。${INSTALL_HINT}；也可以${instead}后再读取`,
        e.message,
      );
    if (e instanceof ConvertTimeoutError)
      throw new DocumentError(
        file,
        'unreadable',
        `${label}“${name}”在${Math.round(convertTimeoutMs() / 1000)}秒内未能转换完成，未予读取；请${instead}后再读取`,
        e.message,
      );
    throw new DocumentError(
      file,
      'unreadable',
      `${label}“${name}”无法转换：文件已损坏、设有密码或内容不是它的格式；请${instead}（不设密码）后再读取`,
      (e as Error).message,
    );
  }
}

export async function readDocument(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadDocument> {
  return readDocumentBytes(file, await readFileBytes(file, maxBytes), maxBytes);
}

/** A file's bytes, refused by name when it is missing, not a file, or over the limit — before it is read. */
export async function readFileBytes(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new DocumentError(file, 'not-a-document', `“${basename(file)}”不是文件`);
    size = s.size;
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError(file, 'not-found', `找不到文件“${file}”`, (e as Error).message);
  }
  // refuse before reading a huge file into memory
  if (size > maxBytes)
    throw new DocumentError(file, 'too-large', `文件“${basename(file)}”大小为${mb(size)}，超过上限${mb(maxBytes)}；请拆分后再读取`);
  return new Uint8Array(await readFile(file));
}

/** A compressed file that would unpack past its limit: said alike for every format. */
const bomb = (what: string, limit: number) => `${what}解压后超过上限${mb(limit)}（可能是压缩炸弹），未予读取`;

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
