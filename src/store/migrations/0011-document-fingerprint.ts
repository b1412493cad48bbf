// A document's words as a key (core/document/fingerprint.ts): the same report as GBK text, UTF-8 text or .docx is
// recognised as the one already imported, not made a second source.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table document add column fingerprint text;
    create index document_fingerprint on document (fingerprint);
    `,
  );
}
