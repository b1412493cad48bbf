// Kept files (imported reports, evidence) move out of their rows into a content-addressed store of small chunks
// (store/file-store.ts): on the embedded database one 20 MB bytea insert held the server's only thread for seconds;
// chunks written one statement at a time let other people's requests run between them.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table file_blob (
      sha256 text primary key,
      size int not null,
      complete boolean not null default false,
      created_at timestamptz not null default now()
    );
    create table file_chunk (
      sha256 text not null references file_blob(sha256) on delete cascade,
      seq int not null,
      bytes bytea not null,
      primary key (sha256, seq)
    );
    insert into file_blob (sha256, size, complete) select sha256, size, true from document on conflict do nothing;
    insert into file_chunk (sha256, seq, bytes) select sha256, 0, bytes from document on conflict do nothing;
    insert into file_blob (sha256, size, complete)
      select distinct on (sha256) sha256, size, true from evidence where bytes is not null on conflict do nothing;
    insert into file_chunk (sha256, seq, bytes)
      select distinct on (sha256) sha256, 0, bytes from evidence where bytes is not null on conflict do nothing;
    alter table document drop column bytes;
    alter table evidence drop column bytes;
    create index evidence_sha256 on evidence (sha256);
    `,
  );
}
