// Use case: verify the event log's hash chain.
import { verifyChain, type ChainReport } from '../store/event.repository.ts';
import type { Ledger } from '../store/open-database.ts';

export function verifyAudit(ledger: Ledger): Promise<ChainReport> {
  return verifyChain(ledger.db);
}
