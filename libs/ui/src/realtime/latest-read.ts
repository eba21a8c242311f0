import { Subject, catchError, map, of, switchMap, timer, type Observable } from 'rxjs';

export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface LatestRead {
  /** Read after `delayMs`, replacing a read that is pending or running. */
  request(delayMs?: number): void;
  stop(): void;
}

/**
 * Reads that live events ask for. Events come in bursts (a call changes the counter and the
 * line), and each would read the same thing again: a request waits its delay and then replaces
 * any read still pending or running, so a burst reads once and only the newest answer lands.
 * `read` is called when the read starts, so it can note what it started from.
 */
export function latestRead<T>(read: () => Observable<T>, onOutcome: (outcome: ReadOutcome<T>) => void): LatestRead {
  const requests = new Subject<number>();
  const subscription = requests
    .pipe(
      switchMap((delayMs) =>
        timer(delayMs).pipe(
          switchMap(() =>
            read().pipe(
              map((value): ReadOutcome<T> => ({ ok: true, value })),
              catchError((error: unknown) => of<ReadOutcome<T>>({ ok: false, error })),
            ),
          ),
        ),
      ),
    )
    .subscribe(onOutcome);
  return {
    request: (delayMs = 0) => requests.next(delayMs),
    stop: () => subscription.unsubscribe(),
  };
}
