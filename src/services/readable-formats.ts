// What this installation can read, and why a kind it cannot: the list of formats (core/document/formats.ts) with
// whether what each needs is here. `zg formats` prints it; a user who is refused a .doc learns the same from it.
import { DOCUMENT_FORMATS, INSTALL_HINT, OCR_INSTALL_HINT, type Readable, WORKBOOK_FORMATS } from '../core/document/formats.ts';
import { findSoffice } from '../io/office-convert.ts';
import { findOcrTools } from '../io/ocr.ts';

export interface ReadableHere extends Readable {
  readonly use: 'report' | 'workbook';
  readonly available: boolean;
  /** why not, and what to do, in Chinese; null when available */
  readonly missing: string | null;
}

export interface FormatsHere {
  readonly formats: ReadableHere[];
  /** the LibreOffice program found, or null */
  readonly soffice: string | null;
  /** the OCR engine found with its Chinese model, or null; and poppler's renderer for scanned PDFs */
  readonly tesseract: string | null;
  readonly pdftoppm: string | null;
}

export async function readableFormats(env: NodeJS.ProcessEnv = process.env): Promise<FormatsHere> {
  const soffice = await findSoffice(env);
  const ocr = await findOcrTools(env);
  const tesseract = ocr.tesseract && ocr.chinese ? ocr.tesseract : null;
  // what exactly is missing: a program named in the environment that is not there, the program, or only its model
  const named = (v: string | undefined, what: string) => (v ? `${what} 所指的程序“${v}”` : null);
  const ocrLacking = ocr.tesseract ? 'Tesseract 的简体中文模型' : (named(env.ZG_TESSERACT, 'ZG_TESSERACT') ?? 'Tesseract');
  const sofficeLacking = named(env.ZG_SOFFICE, 'ZG_SOFFICE') ?? 'LibreOffice';
  const here =
    (use: ReadableHere['use']) =>
    (f: Readable): ReadableHere => {
      if (f.converter === 'ocr') {
        const available = tesseract !== null;
        return {
          ...f,
          use,
          available,
          missing: available ? null : `需要文字识别，本机没有找到${ocrLacking}。${OCR_INSTALL_HINT}`,
        };
      }
      const available = f.converter === null || soffice !== null;
      return { ...f, use, available, missing: available ? null : `需要 LibreOffice，本机没有找到${sofficeLacking}。${INSTALL_HINT}` };
    };
  return {
    formats: [...DOCUMENT_FORMATS.map(here('report')), ...WORKBOOK_FORMATS.map(here('workbook'))],
    soffice,
    tesseract,
    pdftoppm: ocr.pdftoppm,
  };
}
