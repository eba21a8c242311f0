import { LRUCache } from 'lru-cache';

/** lru-cache keeps no `null` or `undefined`: values are boxed so that "not found" is cached too. */
interface Box<V> {
  value: V;
}

/**
 * A small in-process cache for reads on hot paths (every kiosk ticket, every authenticated
 * request), over lru-cache. Entries live `ttlMs`; when full, the least recently used goes.
 * Writers in this process forget what they change at once, and other instances see a change
 * within `ttlMs`. Concurrent misses of one key share one load (lru-cache's `fetch`); a load still
 * running when its key is forgotten (`delete`/`clear`) answers its callers but is not kept, since
 * it may have read what changed.
 */
export class TtlCache<K extends NonNullable<unknown>, V> {
  private readonly cache: LRUCache<K, Box<V>, () => Promise<V>>;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.cache = new LRUCache<K, Box<V>, () => Promise<V>>({
      max: maxEntries,
      ttl: ttlMs,
      // The wall clock, as Date.now() reads it (and as Jest's fake timers move it).
      perf: { now: () => Date.now() },
      // Forgetting a key aborts its load: the value still goes to those waiting, never into the cache.
      ignoreFetchAbort: true,
      fetchMethod: async (_key, _stale, { context: load }) => ({ value: await load() }),
    });
  }

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const box = await this.cache.fetch(key, { context: load });
    return (box as Box<V>).value;
  }

  delete(key: K): void {
    this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }
}
