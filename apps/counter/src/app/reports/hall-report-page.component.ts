import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { REPORT_GROUPS, type HallReportResponse, type ReportGroup } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { BarChartComponent } from './bar-chart.component';
import { formatMinutes, formatNumber, formatRate } from './report-format';
import { ReportHeadComponent } from './report-head.component';
import { periodOf, type Period } from './report-period';
import { ReportPeriodComponent } from './report-period.component';
import { ReportsApi, saveReportFile, type HallReportQuery, type ReportFileFormat } from './reports-api.service';

/** The channels a ticket came through, in the table's and the chart's order. */
export const HALL_CHANNELS = ['kiosk', 'booking', 'online', 'staff'] as const;
const CHANNEL_COLORS: Record<(typeof HALL_CHANNELS)[number], string> = { kiosk: '#1f5fa8', booking: '#2e7d32', online: '#b35c00', staff: '#6a1b9a' };

/**
 * `laporan/kinerja`: the hall's performance over a period (docs/reports.md) as the API computes
 * it, grouped by site, agency, service, counter, officer or hour; tickets per channel as a
 * stacked bar chart; CSV and XLSX from the same endpoint.
 */
@Component({
  selector: 'counter-hall-report-page',
  imports: [BarChartComponent, ErrorAlertComponent, ReportPeriodComponent, ReportHeadComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './hall-report-page.component.html',
  styleUrl: './reports-page.css',
})
export class HallReportPageComponent {
  private readonly api = inject(ReportsApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  protected readonly scope = inject(AdminScope);
  protected readonly groups = REPORT_GROUPS;
  protected readonly channels = HALL_CHANNELS;

  protected readonly period = signal<Period>(periodOf('thisMonth', new Date(), this.scope.timeZone()));
  protected readonly groupBy = signal<ReportGroup>('service');
  protected readonly chosenAgency = signal<string | null>(null);
  protected readonly agencyId = computed(() => this.scope.agencyId() ?? this.chosenAgency());
  protected readonly report = signal<HallReportResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly downloadError = signal<unknown>(null);
  protected readonly downloading = signal<ReportFileFormat | null>(null);

  protected readonly chartLabels = computed(() => (this.report()?.rows ?? []).map((row) => row.label));
  protected readonly chartSeries = computed(() => {
    const rows = this.report()?.rows ?? [];
    return HALL_CHANNELS.map((channel) => ({ label: this.i18n.t(`reports.hall.channel.${channel}`), values: rows.map((row) => row.volumes[channel]), color: CHANNEL_COLORS[channel] }));
  });
  protected readonly chartSummary = computed(() => {
    const lang = this.i18n.lang();
    const rows = (this.report()?.rows ?? []).map((row) => `${row.label} ${formatNumber(row.volumes.tickets, lang)}`);
    return `${this.i18n.t('reports.hall.chart')}: ${rows.join(', ')}`;
  });

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      const query: HallReportQuery = { ...this.period(), groupBy: this.groupBy(), agencyId: this.agencyId() };
      untracked(() => this.load(code, query));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  private query(): HallReportQuery {
    return { ...this.period(), groupBy: this.groupBy(), agencyId: this.agencyId() };
  }

  protected reload(): void {
    this.load(this.scope.siteCode(), this.query());
  }

  private load(code: string | null, query: HallReportQuery): void {
    this.request?.unsubscribe();
    this.report.set(null);
    if (!code) return;
    this.request = this.api.hall(code, query).subscribe({
      next: (report) => {
        this.loadError.set(null);
        this.report.set(report);
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  /** Another MPP: its own agencies. */
  protected siteChosen(): void {
    this.chosenAgency.set(null);
  }

  protected chooseAgency(id: string): void {
    this.chosenAgency.set(id || null);
  }

  protected chooseGroup(group: string): void {
    const found = REPORT_GROUPS.find((g) => g === group);
    if (found) this.groupBy.set(found);
  }

  protected download(format: ReportFileFormat): void {
    const code = this.scope.siteCode();
    if (!code || this.downloading()) return;
    this.downloading.set(format);
    this.downloadError.set(null);
    this.api.hallFile(code, this.query(), format).subscribe({
      next: (file) => {
        saveReportFile(this.document, file);
        this.downloading.set(null);
      },
      error: (error: unknown) => {
        this.downloadError.set(error);
        this.downloading.set(null);
      },
    });
  }

  protected num(value: number | null | undefined): string {
    return formatNumber(value, this.i18n.lang());
  }

  protected rate(value: number | null | undefined): string {
    return formatRate(value, this.i18n.lang());
  }

  protected minutes(seconds: number | null | undefined): string {
    return formatMinutes(seconds, this.i18n.lang());
  }
}
