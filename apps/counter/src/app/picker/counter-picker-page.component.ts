import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { CounterResponse, ServiceSummaryResponse } from '@mpp/contracts';
import { TICKET_STATUS_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, loadError, loadedValue, toLoadState } from '@mpp/ui';
import { Subject, combineLatest, of, startWith, switchMap } from 'rxjs';

import { AuthApi } from '../auth/auth-api.service';
import { AuthSession } from '../auth/auth-session.service';
import { COUNTER_STATE_KEYS } from '../queue/counter-state-keys';
import { QueueApi } from '../queue/queue-api.service';
import { SiteServices } from '../queue/site-services.service';

/** Roles that sit at a counter (the API lets only these open one). */
const COUNTER_ROLES = new Set(['officer', 'agency_admin']);

interface CounterOption {
  counter: CounterResponse;
  /** The counter's services of the officer's agency. */
  services: ServiceSummaryResponse[];
  mine: boolean;
}

/**
 * `loket`: the counters of the officer's MPP that serve their agency, with what each is doing and
 * who sits there. Choosing one opens it (the officer sits there); their own counter resumes.
 */
@Component({
  selector: 'counter-picker-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './counter-picker-page.component.html',
  styleUrl: './counter-picker-page.component.css',
})
export class CounterPickerPageComponent {
  private readonly api = inject(QueueApi);
  private readonly authApi = inject(AuthApi);
  private readonly catalogue = inject(SiteServices);
  private readonly i18n = inject(I18nService);
  protected readonly stateKeys = COUNTER_STATE_KEYS;
  protected readonly statusLabels = TICKET_STATUS_LABELS;
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);

  protected readonly user = this.session.user;
  protected readonly mayStaff = computed(() => COUNTER_ROLES.has(this.user()?.role ?? ''));
  private readonly siteCode = computed(() => this.user()?.siteCode ?? null);
  private readonly reloads = new Subject<void>();

  private readonly state = toSignal(
    combineLatest([toObservable(this.siteCode), this.reloads.pipe(startWith(undefined))]).pipe(
      switchMap(([code]) =>
        code ? combineLatest([this.api.siteCounters(code), this.catalogue.ofSite(code)]).pipe(toLoadState()) : of(null),
      ),
    ),
    { initialValue: null },
  );
  protected readonly loading = computed(() => this.state()?.status === 'loading' || (!this.user() && !this.meError()));
  protected readonly error = computed(() => loadError(this.state()));
  protected readonly options = computed((): CounterOption[] => {
    const loaded = loadedValue(this.state());
    const user = this.user();
    if (!loaded || !user) return [];
    const [counters, services] = loaded;
    const ofAgency = services.filter((s) => !user.agencyId || s.agency.id === user.agencyId);
    return counters
      .map((counter) => ({
        counter,
        services: ofAgency.filter((s) => counter.serviceIds.includes(s.id)),
        mine: counter.officer?.id === user.id,
      }))
      .filter((option) => option.services.length > 0)
      .sort((a, b) => a.counter.number - b.counter.number);
  });

  protected readonly opening = signal<string | null>(null);
  protected readonly openError = signal<unknown>(null);
  protected readonly meError = signal<unknown>(null);

  constructor() {
    // The session may hold an older picture of the user (site, agency): read it again.
    this.authApi.me().subscribe({
      next: (user) => this.session.updateUser(user),
      error: (error: unknown) => this.meError.set(error),
    });
  }


  /** Someone else sits there. */
  protected taken(option: CounterOption): boolean {
    return !!option.counter.officer && !option.mine;
  }

  protected reload(): void {
    this.reloads.next();
  }

  protected choose(option: CounterOption): void {
    if (this.opening() !== null || this.taken(option) || !this.mayStaff()) return;
    const id = option.counter.id;
    if (option.mine) {
      void this.router.navigate(['/loket', id]);
      return;
    }
    this.opening.set(id);
    this.openError.set(null);
    this.api.setCounterState(id, 'open').subscribe({
      next: () => void this.router.navigate(['/loket', id]),
      error: (error: unknown) => {
        this.opening.set(null);
        this.openError.set(error);
        this.reload();
      },
    });
  }
}
