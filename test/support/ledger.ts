// A fresh, migrated ledger for a test file: a new database copied from the template on the server, or an in-memory
// PGlite loaded from the template dump. The same tests run on both (`DATABASE_URL` decides).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openLedger, type Ledger } from '../../src/store/open-database.ts';
import { withDatabase } from './global-setup.ts';

let last: string | null = null;
/** The URL of the last server database testLedger made, for a child process to use. */
export const lastUrl = () => last;

export async function testLedger(): Promise<Ledger> {
  const t = inject('ledgerTemplate');
  if (t.kind === 'embedded') return openLedger({ loadDataDir: new Blob([readFileSync(t.dump)]) });
  const name = `zg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`create database ${name} template ${t.template}`);
  await admin.end();
  last = withDatabase(t.url, name);
  const ledger = await openLedger({ url: last });
  return {
    ...ledger,
    close: async () => {
      await ledger.close();
      const drop = new pg.Client({ connectionString: t.url });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

export const usingServer = () => inject('ledgerTemplate').kind === 'server';
