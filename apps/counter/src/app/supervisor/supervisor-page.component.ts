import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { CounterResponse } from '@mpp/contracts';
import { TICKET_STATUS_LABELS } from '@mpp/domain';
import { BilingualPipe, CatalogueApi, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, pickLocalized } from '@mpp/ui';
import { catchError, of, switchMap } from 'rxjs';

import { AuthApi } from '../auth/auth-api.service';
import { AuthSession } from '../auth/auth-session.service';
import type { LiveConnection } from '../queue/counter-live.service';
import { COUNTER_STATE_KEYS } from '../queue/counter-state-keys';
import { HallLiveService } from '../queue/hall-live.service';
import { SiteServices } from '../queue/site-services.service';
import { HallFiguresComponent } from './hall-figures.component';

const CONNECTION_KEYS: Readonly<Record<LiveConnection, string>> = {
  connecting: 'console.live.connecting',
  live: 'console.live.on',
  reconnecting: 'console.live.reconnecting',
};

/**
 * `pengawas`: every counter of the MPP and what it is doing (state, officer, current ticket,
 * people waiting for its services), kept live from the hall's events. A site admin sees the whole
 * site, an agency admin the counters serving their agency, a system admin picks the site.
 * Administrators also see the hall's live figures (HallFiguresComponent), read again after each
 * live event; officers do not (the endpoint is for administrators).
 */
@Component({
  selector: 'counter-supervisor-page',
  imports: [BilingualPipe, ErrorAlertComponent, HallFiguresComponent, LocalizedPipe, RouterLink, TranslatePipe],
  providers: [HallLiveService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './supervisor-page.component.html',
  styleUrl: './supervisor-page.component.css',
})
export class SupervisorPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly catalogueApi = inject(CatalogueApi);
  private readonly catalogue = inject(SiteServices);
  private readonly i18n = inject(I18nService);
  protected readonly stateKeys = COUNTER_STATE_KEYS;
  protected readonly statusLabels = TICKET_STATUS_LABELS;
  private readonly live = inject(HallLiveService);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);

  /** Query param `site`: the system admin's choice. */
  readonly site = input<string>();

  protected readonly user = this.session.user;
  protected readonly chooseSite = computed(() => this.user()?.role === 'system_admin');
  protected readonly mayStaff = computed(() => this.user()?.role === 'agency_admin');
  /** The live hall figures: for the roles GET admin/sites/:code/performance/live allows (not an officer). */
  protected readonly seesFigures = computed(() => {
    const role = this.user()?.role;
    return role === 'system_admin' || role === 'site_admin' || role === 'agency_admin';
  });
  /** Changes with every live event the page hears: the figures are read again after it. */
  protected readonly liveChanges = computed(() => [this.live.counters(), this.live.waiting()]);
  protected readonly siteCode = computed(() => (this.chooseSite() ? (this.site() ?? null) : (this.user()?.siteCode ?? null)));

  protected readonly sites = toSignal(
    toObservable(this.chooseSite).pipe(switchMap((choose) => (choose ? this.catalogueApi.listSites().pipe(catchError(() => of([]))) : of([])))),
    { initialValue: [] },
  );
  protected readonly siteName = toSignal(
    toObservable(this.siteCode).pipe(
      switchMap((code) => (code ? this.catalogue.site(code).pipe(catchError(() => of(null))) : of(null))),
    ),
    { initialValue: null },
  );
  private readonly services = toSignal(
    toObservable(this.siteCode).pipe(switchMap((code) => (code ? this.catalogue.ofSite(code).pipe(catchError(() => of([]))) : of([])))),
    { initialValue: [] },
  );

  protected readonly connectionKey = computed(() => CONNECTION_KEYS[this.live.connection()]);
  protected readonly loadError = this.live.loadError;
  protected readonly waiting = this.live.waiting;
  protected readonly counters = computed(() => {
    const counters = this.live.counters();
    const user = this.user();
    if (!counters || !user) return counters;
    if (user.role !== 'agency_admin') return counters;
    const ofAgency = new Set(this.services().filter((s) => s.agency.id === user.agencyId).map((s) => s.id));
    return counters.filter((c) => c.serviceIds.some((id) => ofAgency.has(id)));
  });
  protected readonly totalWaiting = computed(() => this.waiting().reduce((sum, w) => sum + w.count, 0));

  constructor() {
    this.authApi.me().subscribe({ next: (user) => this.session.updateUser(user), error: () => undefined });
    effect(() => {
      const code = this.siteCode();
      if (code) untracked(() => this.live.watch(code));
    });
  }


  /** People waiting for the counter's services (a service served by several counters counts at each). */
  protected waitingFor(counter: CounterResponse): number {
    const ids = new Set(counter.serviceIds);
    return this.waiting()
      .filter((w) => ids.has(w.serviceId))
      .reduce((sum, w) => sum + w.count, 0);
  }

  protected serviceName(serviceId: string, fallback: string): string {
    const service = this.services().find((s) => s.id === serviceId);
    return service ? pickLocalized(this.i18n.lang(), service.name, service.nameEn) : fallback;
  }

  protected pickSite(code: string): void {
    void this.router.navigate([], { queryParams: { site: code || null } });
  }

  protected reload(): void {
    this.live.reload();
  }
}
