// What the server processes share through the database rather than keep each for itself (store/process-state.repository.ts):
// the public form's signing key and the sums already answered, and how far an upload's reading has got.
import type { Progress } from './job-progress.ts';
import { progressOf, putProgress, serverSecret, spendNonce } from '../store/process-state.repository.ts';
import type { Db } from '../store/open-database.ts';

/** The key the public form's sums are signed with: the same in every process. */
export const publicChallengeKey = (db: Db): Promise<string> => serverSecret(db, 'public-challenge');

/** Takes an answered sum's nonce once across all processes. */
export const spendChallenge = (db: Db, nonce: string, expires: Date): Promise<boolean> => spendNonce(db, nonce, expires);

/**
 * A reporter of an upload's progress under the page's token, for its owner alone (a token another account holds is
 * left to it); its writes are kept in order, and one that fails costs only the progress bar.
 */
export function uploadProgressReporter(db: Db, token: string | undefined, owner: number): ((p: Progress) => void) | undefined {
  if (!token) return undefined;
  let chain = putProgress(db, token, owner, 0, 0).catch(() => false);
  return (p) => {
    chain = chain.then(() => putProgress(db, token, owner, p.done, p.total)).catch(() => false);
  };
}

export async function uploadProgress(db: Db, token: string, owner: number): Promise<Progress | null> {
  return (await progressOf(db, token, owner)) ?? null;
}
