// Per-isolate memo of expensive per-cabinet reads, valid while a cheap fingerprint (sync
// counters, row counts) is unchanged.

/** A small LRU per isolate: Map keeps insertion order and a hit re-inserts, so the first key is the oldest. */
export class FingerprintCache<V> {
  private readonly entries = new Map<string, { fingerprint: string; value: V }>();
  constructor(private readonly limit: number) {}

  get(key: string, fingerprint: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.fingerprint !== fingerprint) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, fingerprint: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, value });
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
