import { Observable, delay, of, throwError } from 'rxjs';
import { latestRead, type ReadOutcome } from './latest-read';

// Jest's fake timers drive RxJS's timer and delay (setInterval, setTimeout and Date): each step
// of time is taken on purpose, none is waited for.
describe(latestRead.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should read once for a burst of requests, after the last one’s delay', () => {
    let reads = 0;
    const outcomes: ReadOutcome<number>[] = [];
    const sut = latestRead(() => of(++reads), (o) => outcomes.push(o));
    sut.request(20);
    jest.advanceTimersByTime(10);
    for (let i = 0; i < 4; i++) sut.request(20);
    jest.advanceTimersByTime(19);
    expect(reads).toBe(0);
    jest.advanceTimersByTime(1);
    expect(reads).toBe(1);
    expect(outcomes).toEqual([{ ok: true, value: 1 }]);
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(1);
    sut.stop();
  });

  it('should drop the answer of a read that a newer request replaced', () => {
    let reads = 0;
    const outcomes: ReadOutcome<string>[] = [];
    const slowFirst = () => {
      reads++;
      return reads === 1 ? of('old').pipe(delay(40)) : of('new');
    };
    const sut = latestRead(slowFirst, (o) => outcomes.push(o));
    sut.request(0);
    jest.advanceTimersByTime(10);
    expect(reads).toBe(1); // the first read is running
    sut.request(0);
    jest.advanceTimersByTime(0);
    expect(reads).toBe(2);
    jest.advanceTimersByTime(100); // long past the first read's answer
    expect(outcomes).toEqual([{ ok: true, value: 'new' }]);
    sut.stop();
  });

  it('should report a failed read and go on reading after it', () => {
    let reads = 0;
    const outcomes: ReadOutcome<number>[] = [];
    const failOnce = (): Observable<number> => (++reads === 1 ? throwError(() => new Error('offline')) : of(reads));
    const sut = latestRead(failOnce, (o) => outcomes.push(o));
    sut.request();
    jest.advanceTimersByTime(0);
    expect(outcomes).toEqual([{ ok: false, error: new Error('offline') }]);
    sut.request();
    jest.advanceTimersByTime(0);
    expect(outcomes).toEqual([{ ok: false, error: new Error('offline') }, { ok: true, value: 2 }]);
    sut.stop();
  });

  it('should read nothing once stopped', () => {
    let reads = 0;
    const sut = latestRead(() => of(++reads), () => undefined);
    sut.request(10);
    sut.stop();
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(0);
  });
});
