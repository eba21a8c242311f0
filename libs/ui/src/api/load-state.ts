import { catchError, map, of, startWith, type OperatorFunction } from 'rxjs';

/** A value being loaded from the API, for templates: loading, ready or failed. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

/** Maps a request to its LoadState: loading at once, then ready or error (never errors itself). */
export function toLoadState<T>(): OperatorFunction<T, LoadState<T>> {
  return (source) =>
    source.pipe(
      map((value): LoadState<T> => ({ status: 'ready', value })),
      catchError((error: unknown) => of<LoadState<T>>({ status: 'error', error })),
      startWith<LoadState<T>>({ status: 'loading' }),
    );
}

export function loadedValue<T>(state: LoadState<T> | null | undefined): T | null {
  return state?.status === 'ready' ? state.value : null;
}

export function loadError(state: LoadState<unknown> | null | undefined): unknown {
  return state?.status === 'error' ? state.error : null;
}
