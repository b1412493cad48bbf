// Opening the ledger where the environment says: DATABASE_URL (a server) or ZG_DATA / ./data (embedded).
import { probe } from '../store/ledger.repository.ts';
import { defaultOptions, openLedger, type Db, type Ledger } from '../store/open-database.ts';

export type { Db, Ledger };

/** The ledger the environment names; a new one's event chain takes the hash function ZG_AUDIT_HASH chooses (sm3). */
export function openDefaultLedger(env: NodeJS.ProcessEnv = process.env): Promise<Ledger> {
  return openLedger(defaultOptions(env));
}

/** The database answers a query (the health check): throws when it does not. */
export async function databaseAnswers(ledger: Ledger): Promise<void> {
  await probe(ledger.db);
}
