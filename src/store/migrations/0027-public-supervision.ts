// Public supervision (社会监督): the 通报 an office publishes (its public version, frozen as published, with the comment
// period it opens), and what the public sends about it through the public part of the server — an opinion, a
// complaint, a lead — each under a reference its sender asks with. The sender's name and phone are kept in their own
// columns, read by the intake queue alone (never by the event log, never by the public part). Nothing is deleted.
import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table publication (
      id serial primary key,
      source_id int not null references source(id),
      title text not null,
      document jsonb not null,
      as_of date not null,
      published_on date not null,
      period_end date not null,
      published_by text not null,
      published_at timestamptz not null default now(),
      check (period_end >= published_on)
    );
    create index publication_source on publication (source_id, published_on);
    create table submission (
      id serial primary key,
      ref text not null unique,
      publication_id int not null references publication(id),
      source_id int not null references source(id),
      kind text not null check (kind in ('opinion', 'complaint', 'lead')),
      content text not null,
      contact_name text,
      contact_phone text,
      address_hash text not null,
      content_hash text not null,
      duplicate_of int references submission(id),
      received_on date not null,
      received_at timestamptz not null default now(),
      read_at timestamptz,
      read_by text,
      reply text,
      replied_on date,
      replied_by text,
      problem_id int references problem(id),
      lead_id int references lead(id),
      handled_on date,
      version int not null default 1
    );
    create index submission_source on submission (source_id, received_on);
    create index submission_address on submission (address_hash, received_at);
    create index submission_content on submission (source_id, content_hash);
    `,
  );
}
