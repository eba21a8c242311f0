import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { LivePerformanceResponse } from '@mpp/contracts';
import { API_BASE_URL, ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import { Subject, catchError, debounceTime, interval, map, merge, of, switchMap } from 'rxjs';

import { HALL_FIGURES_DICTIONARY } from './hall-figures.dictionary';

/** Read again at least this often: the longest wait grows while nothing happens. */
export const HALL_FIGURES_POLL_MS = 30_000;
/** Events come in bursts (call, then the waiting counts): one read after they settle. */
const EVENT_SETTLE_MS = 400;

/**
 * The live hall figures of `GET /v1/admin/sites/:code/performance/live` (docs/reports.md) on the
 * supervisor page: waiting and the longest wait, counters open/paused/closed and idle while people
 * wait, served and no-shows today, and the same per service. Read again after the page's live
 * events (`changes`, a value that changes with each) and every 30 s. Only for the roles the
 * endpoint allows (the page shows it to administrators only); an agency admin gets their agency's.
 */
@Component({
  selector: 'counter-hall-figures',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="figures" aria-labelledby="hall-figures-heading" data-testid="hall-figures">
      <h2 id="hall-figures-heading" class="figures__heading">{{ 'hallFigures.heading' | t }}</h2>
      @if (figures(); as f) {
        <p class="mpp-muted figures__at" data-testid="hall-figures-at">
          {{ 'hallFigures.at' | t: { time: time(f) } }}
          @if (f.agencyId) {
            · {{ 'hallFigures.agency' | t }}
          }
        </p>
        <dl class="figures__list">
          @for (item of items(); track item.key) {
            <div class="figures__item" [class.figures__item--alert]="item.alert" [attr.data-figure]="item.key">
              <dt>{{ 'hallFigures.' + item.key | t }}</dt>
              <dd data-testid="hall-figure-value">{{ item.value }}</dd>
            </div>
          }
        </dl>
        @if (idleNames(); as names) {
          <p class="figures__idle" data-testid="hall-figures-idle">{{ 'hallFigures.idleList' | t: { names } }}</p>
        }
        <div class="figures__table-wrap" tabindex="0" role="region" aria-labelledby="hall-figures-services">
          <table class="figures__table" data-testid="hall-figures-services">
            <caption id="hall-figures-services" class="figures__caption">{{ 'hallFigures.services' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'hallFigures.col.service' | t }}</th>
                <th scope="col" class="num">{{ 'hallFigures.waiting' | t }}</th>
                <th scope="col" class="num">{{ 'hallFigures.longestWait' | t }}</th>
                <th scope="col" class="num">{{ 'hallFigures.servedToday' | t }}</th>
                <th scope="col" class="num">{{ 'hallFigures.noShowsToday' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (s of f.services; track s.serviceId) {
                <tr [attr.data-service-id]="s.serviceId">
                  <th scope="row">{{ s.serviceName }}</th>
                  <td class="num" data-col="waiting">{{ s.waiting }}</td>
                  <td class="num" data-col="longestWait">{{ minutes(s.longestWaitSeconds) }}</td>
                  <td class="num" data-col="servedToday">{{ s.servedToday }}</td>
                  <td class="num" data-col="noShowsToday">{{ s.noShowsToday }}</td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="5">{{ 'hallFigures.noServices' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (error()) {
        <ui-error-alert [error]="error()" [retryable]="true" (retry)="refresh()" />
      } @else {
        <p class="mpp-status" role="status">{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
  styles: `
    .figures {
      margin: var(--mpp-space-4) 0;
    }
    .figures__heading {
      margin: 0;
    }
    .figures__at {
      margin: 0 0 var(--mpp-space-3);
      font-size: 0.875rem;
    }
    .figures__list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
      gap: var(--mpp-space-3);
      margin: 0 0 var(--mpp-space-3);
    }
    .figures__item {
      padding: var(--mpp-space-2) var(--mpp-space-3);
      border: 1px solid var(--mpp-color-border-soft);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-bg);
    }
    .figures__item dt {
      font-size: 0.875rem;
    }
    .figures__item dd {
      margin: 0;
      font-size: 1.5rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .figures__item--alert {
      border-color: var(--mpp-color-danger);
      background: var(--mpp-color-danger-soft);
    }
    .figures__idle {
      font-weight: 600;
    }
    .figures__table-wrap {
      overflow-x: auto;
    }
    .figures__table-wrap:focus-visible {
      outline: 3px solid var(--mpp-color-focus, #1f5fa8);
      outline-offset: 2px;
    }
    .figures__table {
      width: 100%;
      border-collapse: collapse;
      background: var(--mpp-color-bg);
    }
    .figures__caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: var(--mpp-space-2);
    }
    .figures__table th,
    .figures__table td {
      padding: var(--mpp-space-2) var(--mpp-space-3);
      border-bottom: 1px solid var(--mpp-color-border-soft);
      text-align: left;
    }
    .figures__table .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class HallFiguresComponent {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly i18n = inject(I18nService);

  /** The site whose hall is shown. */
  readonly siteCode = input.required<string>();
  /** Any value that changes when the page hears a live event (the counters and waiting lists). */
  readonly changes = input<unknown>(null);

  protected readonly figures = signal<LivePerformanceResponse | null>(null);
  protected readonly error = signal<unknown>(null);
  private readonly retry = new Subject<void>();

  protected readonly items = computed(() => {
    const f = this.figures();
    if (!f) return [];
    return [
      { key: 'waiting', value: String(f.waiting), alert: false },
      { key: 'longestWait', value: this.minutes(f.longestWaitSeconds), alert: false },
      { key: 'open', value: String(f.counters.open), alert: false },
      { key: 'paused', value: String(f.counters.paused), alert: false },
      { key: 'closed', value: String(f.counters.closed), alert: false },
      { key: 'idle', value: String(f.counters.idle), alert: f.counters.idle > 0 },
      { key: 'servedToday', value: String(f.servedToday), alert: false },
      { key: 'noShowsToday', value: String(f.noShowsToday), alert: false },
    ];
  });
  protected readonly idleNames = computed(() =>
    (this.figures()?.counterList ?? [])
      .filter((c) => c.idle)
      .map((c) => c.name)
      .join(', '),
  );

  constructor() {
    this.i18n.register(HALL_FIGURES_DICTIONARY);
    // A new site shows nothing until its own figures arrive.
    effect(() => {
      this.siteCode();
      untracked(() => this.figures.set(null));
    });
    const site$ = toObservable(this.siteCode);
    const triggers = merge(toObservable(this.changes).pipe(debounceTime(EVENT_SETTLE_MS)), interval(HALL_FIGURES_POLL_MS), this.retry);
    site$
      .pipe(
        switchMap((code) => merge(of(null), triggers).pipe(map(() => code))),
        switchMap((code) =>
          this.http.get<LivePerformanceResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(code)}/performance/live`).pipe(
            map((figures) => ({ figures, error: null as unknown })),
            catchError((error: unknown) => of({ figures: null, error })),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ figures, error }) => {
        if (figures) {
          this.figures.set(figures);
          this.error.set(null);
        } else if (!this.figures()) {
          // A failed refresh keeps the last figures shown (their time says how old they are).
          this.error.set(error);
        }
      });
  }

  protected refresh(): void {
    this.retry.next();
  }

  /** Whole minutes, rounded down ("–" when nobody waits). */
  protected minutes(seconds: number | null): string {
    return seconds === null ? this.i18n.t('hallFigures.none') : this.i18n.t('hallFigures.minutes', { n: Math.floor(seconds / 60) });
  }

  protected time(f: LivePerformanceResponse): string {
    return new Intl.DateTimeFormat(this.i18n.lang() === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: f.timeZone }).format(new Date(f.at));
  }
}
