// A short memory of answers to the busiest reads (lists, statistics): the same question from the same person within
// a moment gets the same answer, and many identical questions at once are answered by one query. Any change made
// through this server forgets everything before its answer is sent, so nobody sees their own change missing; a change
// made elsewhere (another server on the same PostgreSQL) shows within `ttlMs`.
export class ReadCache {
  readonly #entries = new Map<string, { at: number; value: Promise<unknown> }>();
  constructor(readonly ttlMs: number) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.#entries.set(key, { at: now, value });
    value.catch(() => this.#entries.delete(key)); // errors are not remembered
    if (this.#entries.size > 5000) this.#entries.clear();
    return value;
  }

  forget(): void {
    this.#entries.clear();
  }
}
