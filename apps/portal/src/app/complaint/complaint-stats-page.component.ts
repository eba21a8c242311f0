import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ComplaintStatsLine, ComplaintStatsResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, LANG_LOCALES, TranslatePipe, loadError, loadedValue, toLoadState } from '@mpp/ui';
import { switchMap } from 'rxjs';

import { injectPageTitle } from '../common/page-title';
import { ComplaintApi } from './complaint-api.service';

/**
 * `pengaduan/statistik/:siteCode`: the MPP's public complaint statistics
 * (`GET /sites/{code}/complaints/stats`): this month by default, another period chosen with two
 * dates; for the MPP and per agency: received, answered, the shares on time, the mean rating. A
 * table whose rows become cards on a phone. Counts only: the API has no personal data to give.
 */
@Component({
  selector: 'portal-complaint-stats-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-stats-page.component.html',
  styleUrls: ['./complaint.css', './complaint-stats-page.component.css'],
})
export class ComplaintStatsPageComponent {
  private readonly api = inject(ComplaintApi);
  private readonly i18n = inject(I18nService);

  /** Route parameter `:siteCode`. */
  readonly siteCode = input.required<string>();

  /** The dates typed (empty: the API's default, this month to today). */
  protected readonly fromInput = signal('');
  protected readonly toInput = signal('');
  private readonly period = signal<{ from?: string; to?: string }>({});

  private readonly state = toSignal(
    toObservable(computed(() => ({ site: this.siteCode(), period: this.period() }))).pipe(
      switchMap(({ site, period }) => this.api.stats(site, period).pipe(toLoadState())),
    ),
    { initialValue: { status: 'loading' as const } },
  );
  protected readonly stats = computed(() => loadedValue(this.state()));
  protected readonly error = computed(() => loadError(this.state()));
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly lines = computed(() => {
    const s = this.stats();
    return s ? [{ line: s.total, total: true }, ...s.agencies.map((line) => ({ line, total: false }))] : [];
  });

  constructor() {
    injectPageTitle(() => {
      const s = this.stats();
      return s ? this.i18n.t('complaint.stats.heading', { site: s.siteName }) : null;
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected show(event: Event): void {
    event.preventDefault();
    const from = this.fromInput() || undefined;
    const to = this.toInput() || undefined;
    this.period.set({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }

  protected lineName(line: ComplaintStatsLine, total: boolean): string {
    if (total) return this.i18n.t('complaint.stats.total');
    return line.agencyName ?? this.i18n.t('complaint.stats.facilities');
  }

  protected count(n: number): string {
    return new Intl.NumberFormat(LANG_LOCALES[this.i18n.lang()]).format(n);
  }

  protected share(rate: number | null): string {
    if (rate === null) return this.i18n.t('complaint.stats.none');
    return new Intl.NumberFormat(LANG_LOCALES[this.i18n.lang()], { style: 'percent', maximumFractionDigits: 0 }).format(rate);
  }

  protected mean(line: ComplaintStatsLine): string {
    if (line.averageRating === null) return this.i18n.t('complaint.stats.none');
    const mean = new Intl.NumberFormat(LANG_LOCALES[this.i18n.lang()], { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(line.averageRating);
    return this.i18n.t('complaint.stats.ratingOf', { mean, n: line.ratings });
  }

  protected date(day: string): string {
    return new Intl.DateTimeFormat(LANG_LOCALES[this.i18n.lang()], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
  }

  protected periodText(s: ComplaintStatsResponse): string {
    return this.i18n.t('complaint.stats.period', { from: this.date(s.from), to: this.date(s.to) });
  }
}
