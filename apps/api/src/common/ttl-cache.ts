/**
 * A small in-process cache for reads on hot paths (every kiosk ticket, every authenticated
 * request). Entries live `ttlMs`; writers in this process clear what they change at once, and
 * other instances see a change within `ttlMs`.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  /** Loads in flight: concurrent misses of one key share one load. */
  private readonly loading = new Map<K, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const promise: Promise<V> = load()
      .then((value) => {
        // A load that was forgotten (delete/clear) while in flight may have read what changed: not kept.
        if (this.loading.get(key) !== promise) return value;
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }
}
