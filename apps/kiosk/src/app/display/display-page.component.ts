import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  CatalogueApi,
  ErrorAlertComponent,
  I18nService,
  TranslatePipe,
  formatClock,
  loadError,
  loadedValue,
  timeZoneLabel,
  toLoadState,
} from '@mpp/ui';
import { of, switchMap } from 'rxjs';

import { KioskSiteStore } from '../site/kiosk-site.store';

/**
 * The hall display (TV). For now: the MPP's name and a live clock in the MPP's own time zone
 * (a TV configured in another zone still shows local time); queue calls come in a later issue.
 * `?site=<code>` picks the MPP without changing what the kiosk remembers.
 */
@Component({
  selector: 'kiosk-display-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './display-page.component.html',
  styleUrl: './display-page.component.css',
})
export class DisplayPageComponent {
  private readonly api = inject(CatalogueApi);
  private readonly i18n = inject(I18nService);
  private readonly store = inject(KioskSiteStore);

  /** Query param `site`, bound by the router. */
  readonly site = input<string>();

  protected readonly siteCode = computed(() => this.site() || this.store.siteCode());
  private readonly siteState = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) => (code ? this.api.getSite(code).pipe(toLoadState()) : of(null))),
    ),
    { initialValue: null },
  );
  protected readonly siteInfo = computed(() => loadedValue(this.siteState()));
  protected readonly error = computed(() => loadError(this.siteState()));

  private readonly now = signal(new Date());
  protected readonly clock = computed(() => {
    const site = this.siteInfo();
    return site ? formatClock(this.now(), site.timeZone, this.i18n.lang()) : null;
  });
  protected readonly zone = computed(() => {
    const site = this.siteInfo();
    return site ? timeZoneLabel(site.timeZone) : '';
  });

  constructor() {
    const timer = setInterval(() => this.now.set(new Date()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
