import { Injectable, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  CatalogueApi,
  loadedValue,
  readStorage,
  toLoadState,
  writeStorage,
  type LoadState,
} from '@mpp/ui';
import { Subject, of, startWith, switchMap, type Observable } from 'rxjs';

/** localStorage key of the MPP this kiosk stands in (until a device account binds it). */
export const KIOSK_SITE_STORAGE_KEY = 'mpp.kiosk.site';

const LOADING: LoadState<never> = { status: 'loading' };

/** The kiosk's MPP, asked once and remembered, with its details and agencies. */
@Injectable({ providedIn: 'root' })
export class KioskSiteStore {
  private readonly api = inject(CatalogueApi);
  private readonly code = signal<string | null>(readStorage('local', KIOSK_SITE_STORAGE_KEY));
  private readonly reloads = new Subject<void>();

  readonly siteCode = this.code.asReadonly();

  readonly site = this.load((code) => this.api.getSite(code));
  readonly agencies = this.load((code) => this.api.listAgencies(code));
  readonly siteName = computed(() => loadedValue(this.site())?.name ?? null);

  choose(code: string): void {
    writeStorage('local', KIOSK_SITE_STORAGE_KEY, code);
    this.code.set(code);
  }

  forget(): void {
    writeStorage('local', KIOSK_SITE_STORAGE_KEY, null);
    this.code.set(null);
  }

  reload(): void {
    this.reloads.next();
  }

  private load<T>(request: (code: string) => Observable<T>) {
    return toSignal(
      toObservable(this.code).pipe(
        switchMap((code) =>
          this.reloads.pipe(
            startWith(undefined),
            switchMap(() => (code ? request(code).pipe(toLoadState()) : of<LoadState<T> | null>(null))),
          ),
        ),
      ),
      { initialValue: LOADING as LoadState<T> | null },
    );
  }
}
