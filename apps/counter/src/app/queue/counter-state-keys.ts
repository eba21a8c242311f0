import type { CounterState } from '@mpp/contracts';

/** Dictionary keys of a counter's state (buka / jeda / tutup), for every page that shows one. */
export const COUNTER_STATE_KEYS: Readonly<Record<CounterState, string>> = {
  open: 'console.state.open',
  paused: 'console.state.paused',
  closed: 'console.state.closed',
};
