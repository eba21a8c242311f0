import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { ErrorAlertComponent, TranslatePipe, loadError, loadedValue } from '@mpp/ui';

import { KioskSiteStore } from '../site/kiosk-site.store';
import { SitePickerComponent } from '../site/site-picker.component';

/**
 * The start screen: the MPP's agencies as large tiles. On a kiosk that does not know its MPP yet,
 * asks for it first. `?site=<code>` sets the MPP directly (for whoever sets the device up).
 */
@Component({
  selector: 'kiosk-agencies-page',
  imports: [ErrorAlertComponent, RouterLink, SitePickerComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kiosk-page">
      @if (!store.siteCode()) {
        <kiosk-site-picker />
      } @else {
        <h1>{{ 'kiosk.agencies.heading' | t }}</h1>
        <p class="kiosk-hint">{{ 'kiosk.agencies.hint' | t }}</p>
        @if (error()) {
          <ui-error-alert [error]="error()" [retryable]="true" (retry)="store.reload()" />
          <p>
            <button type="button" class="mpp-button kiosk-big-button" (click)="store.forget()">
              {{ 'kiosk.site.change' | t }}
            </button>
          </p>
        } @else if (agencies(); as agencies) {
          @if (agencies.length === 0) {
            <p class="mpp-status">{{ 'kiosk.agencies.none' | t }}</p>
          }
          <ul class="kiosk-tiles">
            @for (agency of agencies; track agency.id) {
              <li>
                <a class="kiosk-tile" data-testid="agency-tile" [routerLink]="['/instansi', agency.code]">
                  <span class="kiosk-tile__title">{{ agency.shortName }}</span>
                  <span class="kiosk-tile__text">{{ agency.name }}</span>
                  <span class="kiosk-tile__text mpp-muted">
                    {{ (agency.serviceCount === 1 ? 'kiosk.agencies.count.one' : 'kiosk.agencies.count') | t: { n: agency.serviceCount } }}
                  </span>
                </a>
              </li>
            }
          </ul>
        } @else {
          <p class="mpp-status" role="status">{{ 'common.loading' | t }}</p>
        }
      }
    </section>
  `,
})
export class AgenciesPageComponent {
  private readonly router = inject(Router);
  protected readonly store = inject(KioskSiteStore);

  /** Query param `site`, bound by the router. */
  readonly site = input<string>();

  protected readonly agencies = computed(() => loadedValue(this.store.agencies()));
  protected readonly error = computed(() => loadError(this.store.agencies()));

  constructor() {
    effect(() => {
      const site = this.site();
      if (site) {
        untracked(() => {
          this.store.choose(site);
          void this.router.navigate([], { queryParams: { site: null }, replaceUrl: true });
        });
      }
    });
  }
}
