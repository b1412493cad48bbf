// How far the reading of an upload has got — the pages of a scan being recognised — kept for the page that sent it.
// The page names its upload with a token (form field `progress`) and asks GET /api/progress/:token while it waits;
// only the account that sent the upload sees it. Entries end ten minutes after their last news, and there are never
// more than a bound of them, so tokens sent and never asked about cannot fill the memory.
import type { Progress } from '../services/job-progress.ts';

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry extends Progress {
  readonly owner: number;
  at: number;
}

export class UploadProgress {
  private readonly entries = new Map<string, Entry>();

  /** A reporter for `token`'s upload by `owner`; none without a token. */
  reporter(token: string | undefined, owner: number): ((p: Progress) => void) | undefined {
    if (!token) return undefined;
    this.prune();
    // a token already taken by another account is not theirs to follow
    const held = this.entries.get(token);
    if (held && held.owner !== owner) return undefined;
    this.entries.set(token, { owner, done: 0, total: 0, at: Date.now() });
    return (p) => {
      const e = this.entries.get(token);
      if (e && e.owner === owner) this.entries.set(token, { owner, done: p.done, total: p.total, at: Date.now() });
    };
  }

  read(token: string, owner: number): Progress | null {
    const e = this.entries.get(token);
    if (!e || e.owner !== owner || Date.now() - e.at > TTL_MS) return null;
    return { done: e.done, total: e.total };
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, e] of this.entries) if (now - e.at > TTL_MS) this.entries.delete(k);
    // still full: the oldest go (a Map iterates in insertion order)
    for (const k of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(k);
    }
  }
}
