// Opening the ledger where the environment says: DATABASE_URL (a server) or ZG_DATA / ./data (embedded).
import { defaultOptions, openLedger, type Db, type Ledger } from '../store/open-database.ts';

export { DataDirLockedError } from '../store/data-dir-lock.ts';
export type { Db, Ledger };

export function openDefaultLedger(env: NodeJS.ProcessEnv = process.env): Promise<Ledger> {
  return openLedger(defaultOptions(env));
}
