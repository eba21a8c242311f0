import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ErrorAlertComponent, TranslatePipe, loadError, loadedValue } from '@mpp/ui';

import { KioskSiteStore } from '../site/kiosk-site.store';

/**
 * The start screen: the MPP's agencies as large tiles (the MPP is the signed-in device's), and
 * check-in for online bookings, and the SKM survey for those already served.
 */
@Component({
  selector: 'kiosk-agencies-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kiosk-page">
      <div class="start__head">
        <div>
          <h1>{{ 'kiosk.agencies.heading' | t }}</h1>
          <p class="kiosk-hint">{{ 'kiosk.agencies.hint' | t }}</p>
        </div>
        <div class="start__actions">
          <a class="mpp-button mpp-button--primary kiosk-big-button" routerLink="/check-in" data-testid="checkin-open">
            {{ 'kiosk.checkin.open' | t }}
          </a>
          <a class="mpp-button kiosk-big-button" routerLink="/survei" data-testid="survey-open">
            {{ 'kiosk.survey.open' | t }}
          </a>
        </div>
      </div>
      @if (error()) {
        <ui-error-alert [error]="error()" [retryable]="true" (retry)="store.reload()" />
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
    </section>
  `,
  styles: `
    .start__head {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--mpp-space-4);
    }
    .start__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-3);
      margin-bottom: var(--mpp-space-5);
    }
  `,
})
export class AgenciesPageComponent {
  protected readonly store = inject(KioskSiteStore);

  protected readonly agencies = computed(() => loadedValue(this.store.agencies()));
  protected readonly error = computed(() => loadError(this.store.agencies()));
}
