import { TtlCache } from './ttl-cache';

describe(TtlCache.name, () => {
  it('should load once within its time to live and again after it', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T01:00:00Z') });
    try {
      const sut = new TtlCache<string, number>(1000);
      let loads = 0;
      const load = async () => ++loads;
      expect(await sut.get('a', load)).toBe(1);
      expect(await sut.get('a', load)).toBe(1);
      jest.advanceTimersByTime(1001);
      expect(await sut.get('a', load)).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('should forget a key at once when told to', async () => {
    const sut = new TtlCache<string, string>(60_000);
    await sut.get('k', async () => 'old');
    sut.delete('k');
    expect(await sut.get('k', async () => 'new')).toBe('new');
    sut.clear();
    expect(await sut.get('k', async () => 'newer')).toBe('newer');
  });

  it('should not keep what a load forgotten while in flight read', async () => {
    const sut = new TtlCache<string, string>(60_000);
    let finishStale!: (value: string) => void;
    const stale = sut.get('k', () => new Promise<string>((resolve) => (finishStale = resolve)));
    sut.delete('k');
    finishStale('before the change');
    await stale;
    expect(await sut.get('k', async () => 'after the change')).toBe('after the change');
  });

  it('should share one load between concurrent misses of a key', async () => {
    const sut = new TtlCache<string, number>(1000);
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    const values = await Promise.all([sut.get('k', load), sut.get('k', load), sut.get('k', load)]);
    expect(values).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('should drop only the least recently used entry when full', async () => {
    const sut = new TtlCache<string, string>(60_000, 2);
    const loads: string[] = [];
    const load = (key: string) => async () => (loads.push(key), key);
    await sut.get('a', load('a'));
    await sut.get('b', load('b'));
    await sut.get('a', load('a'));
    await sut.get('c', load('c'));
    loads.length = 0;
    await sut.get('a', load('a'));
    await sut.get('c', load('c'));
    await sut.get('b', load('b'));
    expect(loads).toEqual(['b']);
  });

  it('should keep a value that is null', async () => {
    const sut = new TtlCache<string, string | null>(60_000);
    let loads = 0;
    const load = async () => (loads++, null);
    expect(await sut.get('k', load)).toBeNull();
    expect(await sut.get('k', load)).toBeNull();
    expect(loads).toBe(1);
  });

  it('should keep nothing of a load that failed', async () => {
    const sut = new TtlCache<string, string>(60_000);
    await expect(sut.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await sut.get('k', async () => 'back')).toBe('back');
  });
});
