// Reports are read from more kinds of file than .txt, .docx and .pdf (legacy Word and WPS through LibreOffice, OFD,
// saved web pages, scans and photos through OCR), and a ledger or a self-evaluation from old .xls workbooks: the kept original says which.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `alter table document drop constraint document_format_check;
     alter table document add constraint document_format_check check (format in
       ('txt', 'docx', 'pdf', 'doc', 'wps', 'odt', 'rtf', 'ofd', 'html', 'mhtml', 'image', 'xlsx', 'xls', 'et', 'ods'));`,
  );
}
