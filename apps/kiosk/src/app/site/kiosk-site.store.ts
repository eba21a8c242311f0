import { Injectable, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { CatalogueApi, loadedValue, toLoadState, type LoadState } from '@mpp/ui';
import { Subject, distinctUntilChanged, of, startWith, switchMap, type Observable } from 'rxjs';

import { DeviceSession } from '../device/device-session.service';

const LOADING: LoadState<never> = { status: 'loading' };

/** The kiosk's MPP (the signed-in device's site), with its details and agencies. */
@Injectable({ providedIn: 'root' })
export class KioskSiteStore {
  private readonly api = inject(CatalogueApi);
  private readonly device = inject(DeviceSession);
  private readonly reloads = new Subject<void>();

  readonly siteCode = this.device.siteCode;

  readonly site = this.load((code) => this.api.getSite(code));
  readonly timeZone = computed(() => loadedValue(this.site())?.timeZone ?? null);
  readonly agencies = this.load((code) => this.api.listAgencies(code));
  readonly siteName = computed(() => loadedValue(this.site())?.name ?? null);

  reload(): void {
    this.reloads.next();
  }

  private load<T>(request: (code: string) => Observable<T>) {
    return toSignal(
      toObservable(this.siteCode).pipe(
        distinctUntilChanged(),
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
