// What this installation can read, and why a kind it cannot: the list of formats (core/document/formats.ts) with
// whether what each needs is here. `zg formats` prints it; a user who is refused a .doc learns the same from it.
import { DOCUMENT_FORMATS, INSTALL_HINT, type Readable, WORKBOOK_FORMATS } from '../core/document/formats.ts';
import { findSoffice } from '../io/office-convert.ts';

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
}

export async function readableFormats(env: NodeJS.ProcessEnv = process.env): Promise<FormatsHere> {
  const soffice = await findSoffice(env);
  const here =
    (use: ReadableHere['use']) =>
    (f: Readable): ReadableHere => {
      const available = f.converter === null || soffice !== null;
      return { ...f, use, available, missing: available ? null : `需要 LibreOffice，本机没有找到。${INSTALL_HINT}` };
    };
  return { formats: [...DOCUMENT_FORMATS.map(here('report')), ...WORKBOOK_FORMATS.map(here('workbook'))], soffice };
}
