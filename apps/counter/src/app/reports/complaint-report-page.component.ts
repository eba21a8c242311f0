import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import type { ComplaintReportLine, ComplaintReportResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AdminScope } from '../admin/admin-scope.service';
import { formatNumber, formatRate } from './report-format';
import { ReportHeadComponent } from './report-head.component';
import { periodOf } from './report-period';
import { ReportsApi, saveReportFile, type ReportFile, type ReportFileFormat } from './reports-api.service';

/**
 * `laporan/pengaduan`: the monthly complaint report (docs/complaints.md, Monthly report) per
 * agency as the API computes it, CSV and XLSX from the same endpoint, and for the MPP's own
 * handlers the month's Open311 export (the hand-over to SP4N-LAPOR!). An agency admin sees their
 * agency's line only.
 */
@Component({
  selector: 'counter-complaint-report-page',
  imports: [ErrorAlertComponent, NgTemplateOutlet, ReportHeadComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-report-page.component.html',
  styleUrl: './reports-page.css',
})
export class ComplaintReportPageComponent {
  private readonly api = inject(ReportsApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  protected readonly scope = inject(AdminScope);

  protected readonly month = signal(this.currentMonth());
  protected readonly report = signal<ComplaintReportResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly downloadError = signal<unknown>(null);
  protected readonly downloading = signal<ReportFileFormat | 'open311' | null>(null);

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const code = this.scope.siteCode();
      const month = this.month();
      untracked(() => this.load(code, month));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected reload(): void {
    this.load(this.scope.siteCode(), this.month());
  }

  protected chooseMonth(value: string): void {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) this.month.set(value);
  }

  protected maxMonth(): string {
    return this.currentMonth();
  }

  private currentMonth(): string {
    return periodOf('thisMonth', new Date(), this.scope.timeZone()).from.slice(0, 7);
  }

  private load(code: string | null, month: string): void {
    this.request?.unsubscribe();
    this.report.set(null);
    if (!code) return;
    this.request = this.api.complaints(code, month).subscribe({
      next: (report) => {
        this.loadError.set(null);
        this.report.set(report);
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected download(format: ReportFileFormat | 'open311'): void {
    const code = this.scope.siteCode();
    const report = this.report();
    if (!code || this.downloading()) return;
    this.downloading.set(format);
    this.downloadError.set(null);
    const file = format === 'open311' ? this.api.complaintsExport(code, { from: report?.from ?? `${this.month()}-01`, to: this.exportTo(report) }) : this.api.complaintsFile(code, this.month(), format);
    file.subscribe({
      next: (saved: ReportFile) => {
        saveReportFile(this.document, saved);
        this.downloading.set(null);
      },
      error: (error: unknown) => {
        this.downloadError.set(error);
        this.downloading.set(null);
      },
    });
  }

  /** The export's period ends today in the current month (the API refuses no future day, but says what it covers). */
  private exportTo(report: ComplaintReportResponse | null): string {
    const today = periodOf('thisMonth', new Date(), this.scope.timeZone()).to;
    const end = report?.to ?? today;
    return end > today ? today : end;
  }

  protected agencyName(line: ComplaintReportLine): string {
    return line.agencyName ?? this.i18n.t('reports.complaints.facilities');
  }

  protected num(value: number | null | undefined, decimals = 0): string {
    return formatNumber(value, this.i18n.lang(), decimals);
  }

  protected rate(value: number | null | undefined): string {
    return formatRate(value, this.i18n.lang());
  }
}
