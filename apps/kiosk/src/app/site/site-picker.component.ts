import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { SiteSummaryResponse } from '@mpp/contracts';
import {
  CatalogueApi,
  ErrorAlertComponent,
  TranslatePipe,
  loadError,
  loadedValue,
  toLoadState,
  type LoadState,
} from '@mpp/ui';
import { Subject, startWith, switchMap } from 'rxjs';

import { KioskSiteStore } from './kiosk-site.store';

/** Asked once per device: which MPP does this kiosk stand in? */
@Component({
  selector: 'kiosk-site-picker',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'kiosk.site.heading' | t }}</h1>
    <p class="kiosk-hint">{{ 'kiosk.site.hint' | t }}</p>
    @switch (sites().status) {
      @case ('loading') {
        <p class="mpp-status" role="status">{{ 'common.loading' | t }}</p>
      }
      @case ('error') {
        <ui-error-alert [error]="error()" [retryable]="true" (retry)="reload()" />
      }
      @default {
        @if (list().length === 0) {
          <p class="mpp-status">{{ 'kiosk.site.none' | t }}</p>
        }
        <ul class="kiosk-tiles">
          @for (site of list(); track site.code) {
            <li>
              <button type="button" class="kiosk-tile" data-testid="site-tile" (click)="store.choose(site.code)">
                <span class="kiosk-tile__title">{{ site.name }}</span>
                <span class="kiosk-tile__text">{{ site.city }}, {{ site.province }}</span>
              </button>
            </li>
          }
        </ul>
      }
    }
  `,
})
export class SitePickerComponent {
  private readonly api = inject(CatalogueApi);
  protected readonly store = inject(KioskSiteStore);
  private readonly reloads = new Subject<void>();

  protected readonly sites = toSignal(
    this.reloads.pipe(
      startWith(undefined),
      switchMap(() => this.api.listSites().pipe(toLoadState())),
    ),
    { initialValue: { status: 'loading' } as LoadState<SiteSummaryResponse[]> },
  );

  protected readonly list = computed(() => loadedValue(this.sites()) ?? []);
  protected readonly error = computed(() => loadError(this.sites()));

  protected reload(): void {
    this.reloads.next();
  }
}
