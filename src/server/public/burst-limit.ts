// How often one address may send: a burst is slowed at once, here, before any work; what an address sent over the
// hour is counted again in the database by the service (it outlives a restart). Kept per process and pruned as it
// goes, so a flood of addresses cannot grow it without bound.

export class BurstLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly keep = 50_000,
  ) {}

  /** Seconds until the address may send again, or 0 when it may now (and this one is counted). */
  take(address: string, now = Date.now()): number {
    const recent = (this.seen.get(address) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.seen.set(address, recent);
      return Math.ceil((this.windowMs - (now - (recent[0] as number))) / 1000);
    }
    recent.push(now);
    this.seen.delete(address);
    this.seen.set(address, recent);
    // the oldest addresses go first when too many are remembered
    for (const key of this.seen.keys()) {
      if (this.seen.size <= this.keep) break;
      this.seen.delete(key);
    }
    return 0;
  }
}
