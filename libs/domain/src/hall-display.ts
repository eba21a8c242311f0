import type { DisplayCall, DisplaySnapshot } from '@mpp/contracts';

/**
 * The hall display's picture of the hall, kept current from the pushes that follow a snapshot
 * (`display.call`, `display.counter`, `display.waiting`). Each function returns a new snapshot and
 * leaves the one given untouched, so a UI can hold it in one immutable signal.
 */

/** As many calls as the API's snapshot carries (DisplayService LAST_CALLS). */
export const HALL_LAST_CALLS = 10;

export type DisplayCounter = DisplaySnapshot['counters'][number];

/** A call or recall goes on top of the last calls; the oldest beyond the limit drop off. */
export function withCall(snapshot: DisplaySnapshot, call: DisplayCall, limit = HALL_LAST_CALLS): DisplaySnapshot {
  return { ...snapshot, lastCalls: [call, ...snapshot.lastCalls].slice(0, Math.max(0, limit)) };
}

/** A counter's new state and current ticket replace the old; a counter not seen yet is added in number order. */
export function withCounter(snapshot: DisplaySnapshot, counter: DisplayCounter): DisplaySnapshot {
  const others = snapshot.counters.filter((c) => c.number !== counter.number);
  return { ...snapshot, counters: [...others, counter].sort((a, b) => a.number - b.number) };
}

/** The waiting counts come whole: services with nobody waiting are simply absent. */
export function withWaiting(snapshot: DisplaySnapshot, waiting: DisplaySnapshot['waiting']): DisplaySnapshot {
  return { ...snapshot, waiting: waiting.filter((w) => w.count > 0) };
}

export interface HallGrid {
  columns: number;
  rows: number;
  /** The counters to draw, in the order to draw them. */
  counters: DisplayCounter[];
  /** Counters left out because the screen has no room for them (never one with a current ticket, unless those alone overflow). */
  hidden: number;
}

/**
 * Lays the counters out on a fixed screen: a grid with about `aspect` (width / height of the area)
 * times as many columns as rows, never more than `maxCells` cells. While everything fits, the
 * counters keep their number order, so a loket stays in the same place all day; when it does not,
 * counters with a current ticket come first and the idle ones that do not fit are left out.
 */
export function hallGrid(counters: readonly DisplayCounter[], options: { aspect: number; maxCells: number }): HallGrid {
  const maxCells = Math.max(1, Math.floor(options.maxCells));
  const aspect = options.aspect > 0 ? options.aspect : 1;
  const byNumber = [...counters].sort((a, b) => a.number - b.number);
  let shown = byNumber;
  if (byNumber.length > maxCells) {
    const busy = byNumber.filter((c) => c.current !== null);
    const idle = byNumber.filter((c) => c.current === null);
    shown = [...busy, ...idle].slice(0, maxCells);
  }
  const n = Math.max(1, shown.length);
  let columns = Math.min(n, Math.max(1, Math.round(Math.sqrt(n * aspect))));
  let rows = Math.ceil(n / columns);
  // Fewer rows than needed for the aspect would leave a ragged last row; trim columns while rows stay.
  while (columns > 1 && Math.ceil(n / (columns - 1)) === rows) columns -= 1;
  rows = Math.ceil(n / columns);
  return { columns, rows, counters: shown, hidden: counters.length - shown.length };
}
