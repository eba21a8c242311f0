import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ComplaintSummaryResponse } from '@mpp/contracts';
import { COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, TranslatePipe, formatClock } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { ageInDays } from '../complaints/complaint-format';
import { ComplaintsApi } from '../complaints/complaints-api.service';

/**
 * The command view's complaint counts (issue 16), as GET …/complaints/summary answers them: per
 * agency and status, open, untouched for a week (red, the same rule as the red flag
 * `untouched_complaints`), first-response and resolution clocks past due, and the oldest open
 * complaints linking to `/pengaduan/{id}`. Read again whenever `tick` changes (the page's refresh).
 */
@Component({
  selector: 'counter-complaint-counts',
  imports: [BilingualPipe, ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-counts.component.html',
  styleUrl: './complaint-counts.component.css',
})
export class ComplaintCountsComponent {
  private readonly api = inject(ComplaintsApi);
  private readonly i18n = inject(I18nService);

  readonly siteCode = input.required<string>();
  readonly timeZone = input.required<string>();
  /** Changed by the page at each refresh. */
  readonly tick = input(0);
  /** The summary as read (the page links the red flag's complaint codes with it). */
  readonly loaded = output<ComplaintSummaryResponse>();

  protected readonly statuses = COMPLAINT_STATUSES;
  protected readonly statusLabels = COMPLAINT_STATUS_LABELS;
  protected readonly summary = signal<ComplaintSummaryResponse | null>(null);
  protected readonly error = signal<unknown>(null);
  protected readonly agencyNames = computed(() => new Map((this.summary()?.agencies ?? []).map((a) => [a.agencyId, a.agencyName])));
  protected readonly totals = computed(() => {
    const lines = this.summary()?.agencies ?? [];
    const sum = (pick: (line: ComplaintSummaryResponse['agencies'][number]) => number) => lines.reduce((n, line) => n + pick(line), 0);
    return {
      open: sum((l) => l.open),
      untouched: sum((l) => l.untouched),
      firstResponseOverdue: sum((l) => l.firstResponseOverdue),
      resolutionOverdue: sum((l) => l.resolutionOverdue),
    };
  });
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const code = this.siteCode();
      this.tick();
      untracked(() => this.load(code));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected agencyText(id: string | null, name: string | null = null): string {
    if (id === null) return this.i18n.t('command.complaints.mpp');
    return name ?? this.agencyNames().get(id) ?? '';
  }

  protected age(iso: string): number {
    const at = this.summary()?.evaluatedAt;
    return ageInDays(iso, at ? new Date(at) : new Date());
  }

  protected time(iso: string): string {
    const at = formatClock(new Date(iso), this.timeZone(), this.i18n.lang(), { seconds: false });
    return `${at.date} ${at.time}`;
  }

  protected load(code: string): void {
    this.request?.unsubscribe();
    if (this.summary()?.siteCode !== code) this.summary.set(null);
    this.request = this.api.summary(code).subscribe({
      next: (summary) => {
        this.error.set(null);
        this.summary.set(summary);
        this.loaded.emit(summary);
      },
      error: (error: unknown) => this.error.set(error),
    });
  }
}
