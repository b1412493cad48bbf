// Kept files (store/file-store.ts): a ledger made before the file store keeps every report and evidence file it had,
// byte for byte, once migrated; an upload cut off between chunks is finished by the next upload of the same file.
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import { migrationProvider } from '../src/store/migrations/index.ts';
import { migrate } from '../src/store/open-database.ts';
import type { Database } from '../src/store/schema.ts';
import { CHUNK_BYTES, readStoredFile, sha256Of, storeFile } from '../src/store/file-store.ts';
import { testLedger } from './support/ledger.ts';

const bytesOf = (n: number, salt: number) => new Uint8Array(n).map((_, i) => (i * 31 + salt) % 256);

describe('a ledger kept before files were stored by content', () => {
  it('keeps its imported report and its evidence, byte for byte, after the upgrade', async () => {
    const lite = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(lite, () => lite.close()) });
    try {
      const before = {
        getMigrations: async () =>
          Object.fromEntries(Object.entries(await migrationProvider.getMigrations()).filter(([name]) => name < '0012')),
      };
      expect((await new Migrator({ db, provider: before }).migrateToLatest()).error).toBeUndefined();
      const report = new TextEncoder().encode('关于巡察整改进展情况的通报\n一、问题\n1.制度不健全。\n');
      const evidence = bytesOf(300_000, 7);
      await sql`insert into document (sha256, file_name, format, size, bytes, imported_by) values (${sha256Of(report)}, '通报.txt', 'txt', ${report.length}, ${report}, '整改办')`.execute(
        db,
      );
      await sql`insert into source (code, kind, title) values ('XC-1', 'xuncha', '通报')`.execute(db);
      await sql`insert into aspect (source_id, ordinal, title) select id, 1, '一' from source`.execute(db);
      await sql`insert into problem (source_id, aspect_id, code, ordinal, title, status) select s.id, a.id, 'XC-1-001', 1, '制度不健全', 'in-progress' from source s, aspect a`.execute(
        db,
      );
      for (const name of ['照片.jpg', '同一照片.jpg'])
        await sql`insert into evidence (problem_id, file_name, sha256, size, mime, bytes, uploaded_by) select id, ${name}, ${sha256Of(evidence)}, ${evidence.length}, 'image/jpeg', ${evidence}, '整改办' from problem`.execute(
          db,
        );

      await migrate(db);
      expect(Buffer.from((await readStoredFile(db, sha256Of(report))) ?? []).equals(Buffer.from(report))).toBe(true);
      expect(Buffer.from((await readStoredFile(db, sha256Of(evidence))) ?? []).equals(Buffer.from(evidence))).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});

describe('an upload cut off between chunks', () => {
  it('is not a kept file, and the next upload of the same bytes completes it', async () => {
    const l = await testLedger();
    try {
      const bytes = bytesOf(CHUNK_BYTES * 3 + 10, 3);
      const sha256 = sha256Of(bytes);
      // what a process killed after its first chunk leaves behind
      await l.db.insertInto('file_blob').values({ sha256, size: bytes.length }).execute();
      await l.db
        .insertInto('file_chunk')
        .values({ sha256, seq: 0, bytes: bytes.subarray(0, CHUNK_BYTES) })
        .execute();
      expect(await readStoredFile(l.db, sha256)).toBeNull();
      expect(await storeFile(l.db, bytes)).toBe(sha256);
      expect(Buffer.from((await readStoredFile(l.db, sha256)) ?? []).equals(Buffer.from(bytes))).toBe(true);
      expect(await l.db.selectFrom('file_chunk').select('seq').where('sha256', '=', sha256).execute()).toHaveLength(4);
    } finally {
      await l.close();
    }
  });
});
