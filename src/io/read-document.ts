// Bytes in: a file of any kind → its text, or a DocumentError that says in Chinese what is wrong with which file.
// The kind is decided by content, never by the file name: a .txt that is really a PDF is read as a PDF.

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pdfText, PdfEncryptedError } from './pdf-text.ts';
import { DocumentError } from '../core/errors.ts';
import { isOle, isPdf, isZip, looksLikeText } from '../core/document/file-signature.ts';

export type DocumentFormat = 'txt' | 'docx' | 'pdf';

export interface ReadDocument {
  readonly file: string;
  readonly format: DocumentFormat;
  readonly encoding: 'utf-8' | 'gb18030' | null;
  readonly text: string;
  readonly bytes: number;
  readonly data: Uint8Array; // the file as read, for keeping beside what was parsed from it
}

/** Default size limit: far above any real report (the 17-report compilation is 380 KB), far below what would stall. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export function sniffFormat(b: Uint8Array): 'pdf' | 'zip' | 'ole' | 'text' | 'binary' {
  if (isPdf(b)) return 'pdf';
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

export async function readDocumentBytes(file: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadDocument> {
  const name = basename(file);
  if (bytes.length === 0) throw new DocumentError(file, 'empty', `文件“${name}”是空文件`);
  if (bytes.length > maxBytes)
    throw new DocumentError(file, 'too-large', `文件“${name}”大小为${mb(bytes.length)}，超过上限${mb(maxBytes)}；请拆分后再读取`);
  const kind = sniffFormat(bytes);
  let read: ReadDocument;
  if (kind === 'pdf') {
    // zlib, fflate and the .docx reader load for the files that need them, not for every text report read
    const { checkPdfInflation, MAX_PDF_INFLATED, ZipTooLargeError } = await import('./zip-limits.ts');
    try {
      checkPdfInflation(bytes);
    } catch (e) {
      if (!(e instanceof ZipTooLargeError)) throw e;
      throw new DocumentError(
        file,
        'too-large',
        `PDF 文件“${name}”解压后超过上限${mb(MAX_PDF_INFLATED)}（可能是压缩炸弹），未予读取`,
        e.message,
      );
    }
    let out;
    try {
      out = await pdfText(bytes);
    } catch (e) {
      if (e instanceof PdfEncryptedError)
        throw new DocumentError(file, 'encrypted', `PDF 文件“${name}”已加密，需要密码才能打开；请提供未加密的文件`, e.message);
      throw new DocumentError(file, 'unreadable', `PDF 文件“${name}”已损坏或格式不正确，无法读取`, (e as Error).message);
    }
    if (out.text.replace(/\s/g, '') === '')
      throw new DocumentError(
        file,
        'no-text-layer',
        `PDF 文件“${name}”没有文字层（可能是扫描件），共${out.pages}页；请先进行文字识别（OCR）或提供 Word/文本版本`,
      );
    read = { file, format: 'pdf', encoding: null, text: out.text, bytes: bytes.length, data: bytes };
  } else if (kind === 'zip') {
    const { docxText, DocxFormatError, DocxTooLargeError, MAX_UNPACKED_BYTES } = await import('./docx-text.ts');
    let text;
    try {
      text = docxText(bytes);
    } catch (e) {
      // a zip that cannot be opened at all is a cut-off or damaged file (an upload broken off, a copy not finished);
      // one that opens without a document in it is some other zip
      if (e instanceof DocxFormatError && e.message.startsWith('zip:'))
        throw new DocumentError(file, 'unreadable', `文件“${name}”已损坏或不完整（压缩结构无法读取），请重新取得原文件`, e.message);
      if (e instanceof DocxFormatError)
        throw new DocumentError(file, 'not-a-document', `文件“${name}”是压缩包，但不是 Word（.docx）文档`, e.message);
      if (e instanceof DocxTooLargeError)
        throw new DocumentError(
          file,
          'too-large',
          `Word 文件“${name}”解压后超过上限${mb(MAX_UNPACKED_BYTES)}（可能是压缩炸弹），未予读取`,
          e.message,
        );
      throw new DocumentError(file, 'unreadable', `Word 文件“${name}”已损坏，无法读取`, (e as Error).message);
    }
    read = { file, format: 'docx', encoding: null, text, bytes: bytes.length, data: bytes };
  } else if (kind === 'ole') {
    throw new DocumentError(
      file,
      'legacy-doc',
      `文件“${name}”是旧版 Word（.doc）或加密的 Office 文件；请在 Word 中另存为 .docx（不设密码）后再读取`,
    );
  } else if (kind === 'text') {
    const { text, encoding } = decodeText(bytes);
    read = { file, format: 'txt', encoding, text, bytes: bytes.length, data: bytes };
  } else {
    throw new DocumentError(file, 'not-a-document', `文件“${name}”不是可读取的文档（支持 .txt、.docx、有文字层的 .pdf）`);
  }
  if (read.text.replace(/\s/g, '') === '') throw new DocumentError(file, 'empty', `文件“${name}”没有文字内容`);
  return read;
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

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
