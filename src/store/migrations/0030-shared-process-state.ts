// What the server processes must share rather than each keep for itself, once several answer on one port or on
// several machines: the key that signs the public form's small sum (a form served by one process is answered to
// another), the sums already answered (each is taken once, whichever process takes it), and how far an upload's
// reading has got (the page that sent it asks again, perhaps of another process).
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table server_secret (name text primary key, value text not null, created_at timestamptz not null default now());
    create table spent_challenge (nonce text primary key, expires_at timestamptz not null);
    create index spent_challenge_expiry on spent_challenge (expires_at);
    create table upload_progress (
      token text primary key,
      owner int not null,
      done int not null default 0,
      total int not null default 0,
      at timestamptz not null default now()
    );
    create index upload_progress_at on upload_progress (at);
    `,
  );
}
