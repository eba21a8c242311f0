import { ChangeDetectionStrategy, Component, effect, input, model, signal, untracked } from '@angular/core';
import { TranslatePipe } from '@mpp/ui';

import { periodOf, type Period, type PeriodChoice } from './report-period';

/** This month, last month or two dates of the admin's choice (site-local dates, inclusive). */
@Component({
  selector: 'counter-report-period',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="report-period">
      <legend class="mpp-label">{{ 'reports.period' | t }}</legend>
      <div class="report-period__choices">
        @for (option of choices; track option) {
          <label class="report-period__choice">
            <input type="radio" name="report-period" [value]="option" [checked]="choice() === option" [attr.data-testid]="'period-' + option" (change)="choose(option)" />
            {{ 'reports.period.' + option | t }}
          </label>
        }
      </div>
      @if (choice() === 'custom') {
        <form class="report-period__dates" (submit)="$event.preventDefault(); applyCustom(fromInput.value, toInput.value)">
          <div>
            <label class="mpp-label" for="report-from">{{ 'reports.period.from' | t }}</label>
            <input #fromInput id="report-from" class="mpp-input" type="date" data-testid="period-from" [value]="period().from" required />
          </div>
          <div>
            <label class="mpp-label" for="report-to">{{ 'reports.period.to' | t }}</label>
            <input #toInput id="report-to" class="mpp-input" type="date" data-testid="period-to" [value]="period().to" required />
          </div>
          <button type="submit" class="mpp-button" data-testid="period-apply">{{ 'reports.period.apply' | t }}</button>
        </form>
      }
    </fieldset>
  `,
  styles: `
    .report-period { border: 0; padding: 0; margin: 0; }
    .report-period__choices, .report-period__dates { display: flex; flex-wrap: wrap; gap: var(--mpp-space-3); align-items: flex-end; }
    .report-period__choice { display: inline-flex; gap: var(--mpp-space-1, 0.25rem); align-items: center; }
  `,
})
export class ReportPeriodComponent {
  readonly timeZone = input.required<string>();
  readonly period = model.required<Period>();
  protected readonly choices: readonly PeriodChoice[] = ['thisMonth', 'lastMonth', 'custom'];
  protected readonly choice = signal<PeriodChoice>('thisMonth');

  constructor() {
    effect(() => {
      const zone = this.timeZone();
      untracked(() => {
        const choice = this.choice();
        if (choice !== 'custom') this.period.set(periodOf(choice, new Date(), zone));
      });
    });
  }

  protected choose(choice: PeriodChoice): void {
    this.choice.set(choice);
    if (choice !== 'custom') this.period.set(periodOf(choice, new Date(), this.timeZone()));
  }

  protected applyCustom(from: string, to: string): void {
    if (!from || !to) return;
    this.period.set({ from, to });
  }
}
