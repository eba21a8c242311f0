import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import type { SurveyGroupResult, SurveyProfileCount, SurveyReportResponse } from '@mpp/contracts';
import { BilingualPipe, ErrorAlertComponent, I18nService, pickText, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { BarChartComponent } from './bar-chart.component';
import { formatNumber } from './report-format';
import { ReportHeadComponent } from './report-head.component';
import type { Period } from './report-period';
import { periodOf } from './report-period';
import { ReportPeriodComponent } from './report-period.component';
import { ReportsApi, saveReportFile, type ReportFileFormat, type SurveyReportQuery } from './reports-api.service';

/**
 * `laporan/skm`: the IKM of a period (docs/survey.md) as the API computes it: the index and its
 * band, respondents against Krejcie–Morgan's sample, the nine elements lowest first (chart and
 * table), per agency and per service, the respondents' profile (counts and shares, empty answers
 * counted) and their comments newest first; CSV and XLSX from the same endpoint.
 */
@Component({
  selector: 'counter-skm-report-page',
  imports: [BarChartComponent, BilingualPipe, ErrorAlertComponent, ReportPeriodComponent, ReportHeadComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './skm-report-page.component.html',
  styleUrl: './reports-page.css',
})
export class SkmReportPageComponent {
  private readonly api = inject(ReportsApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  protected readonly scope = inject(AdminScope);

  protected readonly period = signal<Period>(periodOf('thisMonth', new Date(), this.scope.timeZone()));
  protected readonly chosenAgency = signal<string | null>(null);
  protected readonly serviceId = signal<string | null>(null);
  /** The agency the report is limited to: an agency admin's own, or the one chosen. */
  protected readonly agencyId = computed(() => this.scope.agencyId() ?? this.chosenAgency());
  protected readonly report = signal<SurveyReportResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly downloadError = signal<unknown>(null);
  protected readonly downloading = signal<ReportFileFormat | null>(null);
  /** The services to filter on: those of the last report without a service filter. */
  protected readonly serviceOptions = signal<SurveyGroupResult[]>([]);

  protected readonly chartLabels = computed(() => (this.report()?.elements ?? []).map((e) => `${e.code} ${pickText(this.i18n.lang(), e.name)}`));
  protected readonly chartSeries = computed(() => [{ label: 'NRR', values: (this.report()?.elements ?? []).map((e) => e.nrr), color: '#1f5fa8' }]);
  protected readonly chartSummary = computed(() => {
    const lang = this.i18n.lang();
    const parts = (this.report()?.elements ?? []).map((e) => `${e.code} ${formatNumber(e.nrr, lang, 2)}`);
    return `${this.i18n.t('reports.skm.elements.chart')}: ${parts.join(', ')}`;
  });

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      const query: SurveyReportQuery = { ...this.period(), agencyId: this.agencyId(), serviceId: this.serviceId() };
      untracked(() => this.load(code, query));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  private query(): SurveyReportQuery {
    return { ...this.period(), agencyId: this.agencyId(), serviceId: this.serviceId() };
  }

  protected reload(): void {
    this.load(this.scope.siteCode(), this.query());
  }

  private load(code: string | null, query: SurveyReportQuery): void {
    this.request?.unsubscribe();
    this.report.set(null);
    if (!code) return;
    this.request = this.api.survey(code, query).subscribe({
      next: (report) => {
        this.loadError.set(null);
        this.report.set(report);
        if (!query.serviceId) this.serviceOptions.set([...report.byService].sort((a, b) => a.name.localeCompare(b.name)));
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  /** Another MPP: its own agencies and services. */
  protected siteChosen(): void {
    this.chosenAgency.set(null);
    this.serviceId.set(null);
  }

  protected chooseAgency(id: string): void {
    this.serviceId.set(null);
    this.chosenAgency.set(id || null);
  }

  protected chooseService(id: string): void {
    this.serviceId.set(id || null);
  }

  protected download(format: ReportFileFormat): void {
    const code = this.scope.siteCode();
    if (!code || this.downloading()) return;
    this.downloading.set(format);
    this.downloadError.set(null);
    this.api.surveyFile(code, this.query(), format).subscribe({
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

  /** The four profile questions, each with the respondents who left it empty (the profile is optional). */
  protected profileParts(report: SurveyReportResponse): { key: string; rows: SurveyProfileCount[]; unanswered: number }[] {
    return (['gender', 'education', 'occupation', 'ageRange'] as const).map((key) => {
      const rows = report.profile[key];
      return { key, rows, unanswered: Math.max(0, report.respondents - rows.reduce((sum, row) => sum + row.count, 0)) };
    });
  }

  /** A count as a share of the respondents, one decimal ("–" without respondents). */
  protected percent(count: number, respondents: number): string {
    return respondents === 0 ? '–' : `${formatNumber((count * 100) / respondents, this.i18n.lang(), 1)}%`;
  }

  protected num(value: number | null | undefined, decimals = 0): string {
    return formatNumber(value, this.i18n.lang(), decimals);
  }
}
