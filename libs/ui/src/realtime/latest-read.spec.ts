import { Observable, delay, of, throwError } from 'rxjs';
import { latestRead, type ReadOutcome } from './latest-read';

const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('latestRead', () => {
  it('reads once for a burst of requests, after the last one’s delay', async () => {
    let reads = 0;
    const outcomes: ReadOutcome<number>[] = [];
    const live = latestRead(() => of(++reads), (o) => outcomes.push(o));
    for (let i = 0; i < 5; i++) live.request(20);
    await settle(60);
    expect(reads).toBe(1);
    expect(outcomes).toEqual([{ ok: true, value: 1 }]);
    live.stop();
  });

  it('drops the answer of a read that a newer request replaced', async () => {
    let reads = 0;
    const outcomes: ReadOutcome<string>[] = [];
    const slowFirst = () => {
      reads++;
      return reads === 1 ? of('old').pipe(delay(40)) : of('new');
    };
    const live = latestRead(slowFirst, (o) => outcomes.push(o));
    live.request(0);
    await settle(10); // the first read is running
    live.request(0);
    await settle(60);
    expect(reads).toBe(2);
    expect(outcomes).toEqual([{ ok: true, value: 'new' }]);
    live.stop();
  });

  it('reports a failed read and goes on reading after it', async () => {
    let reads = 0;
    const outcomes: ReadOutcome<number>[] = [];
    const failOnce = (): Observable<number> => (++reads === 1 ? throwError(() => new Error('offline')) : of(reads));
    const live = latestRead(failOnce, (o) => outcomes.push(o));
    live.request();
    await settle(10);
    live.request();
    await settle(10);
    expect(outcomes).toEqual([{ ok: false, error: new Error('offline') }, { ok: true, value: 2 }]);
    live.stop();
  });

  it('reads nothing once stopped', async () => {
    let reads = 0;
    const live = latestRead(() => of(++reads), () => undefined);
    live.request(10);
    live.stop();
    await settle(30);
    expect(reads).toBe(0);
  });
});
