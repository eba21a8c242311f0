import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { ClosureResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { AdminDialogComponent } from '../confirm-dialog.component';
import { CalendarApi, type NewCalendarDay } from './calendar-api.service';

/** The years offered: last year (to look back), this year and the next two (the SKB comes out ahead). */
function yearsAround(year: number): number[] {
  return [year - 1, year, year + 1, year + 2];
}

/**
 * `admin/kalender` (system admins): the national holidays and cuti bersama of a year, as every
 * MPP's calendar counts them (opening days, booking days, the applications' and complaints'
 * working days). Added from the yearly SKB, removed after a confirmation. Says when next year
 * has no day yet (the command view raises the red flag `national_calendar` ahead of the booking
 * horizon).
 */
@Component({
  selector: 'counter-admin-calendar',
  imports: [AdminDialogComponent, ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar-page.component.html',
  styleUrl: '../admin-page.css',
})
export class CalendarPageComponent {
  private readonly api = inject(CalendarApi);
  private readonly i18n = inject(I18nService);

  private readonly thisYear = new Date().getFullYear();
  protected readonly nextYear = this.thisYear + 1;
  protected readonly years = yearsAround(this.thisYear);
  protected readonly year = signal(this.thisYear);
  protected readonly days = signal<ClosureResponse[] | null>(null);
  protected readonly loadError = signal<unknown>(null);
  /** Whether next year has any day yet; null until known. */
  protected readonly nextYearFilled = signal<boolean | null>(null);
  protected readonly announcement = signal('');

  protected readonly date = signal('');
  protected readonly name = signal('');
  protected readonly kind = signal<NewCalendarDay['kind']>('national_holiday');
  protected readonly adding = signal(false);
  protected readonly addError = signal<unknown>(null);

  protected readonly removing = signal<ClosureResponse | null>(null);
  protected readonly acting = signal(false);
  protected readonly removeError = signal<unknown>(null);
  protected readonly removeHeading = computed(() => this.i18n.t('admin.calendar.removeHeading'));

  constructor() {
    this.load();
    this.api.year(this.nextYear).subscribe({
      next: (days) => this.nextYearFilled.set(days.length > 0),
      error: () => this.nextYearFilled.set(null),
    });
  }

  protected chooseYear(value: string): void {
    this.year.set(Number(value));
    this.load();
  }

  protected load(then?: () => void): void {
    this.loadError.set(null);
    this.days.set(null);
    const year = this.year();
    this.api.year(year).subscribe({
      next: (days) => {
        this.days.set(days);
        if (year === this.nextYear) this.nextYearFilled.set(days.length > 0);
        then?.();
      },
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  protected formatDate(date: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
  }

  protected add(event: Event): void {
    event.preventDefault();
    if (this.adding()) return;
    this.adding.set(true);
    this.addError.set(null);
    this.api.add({ date: this.date(), name: this.name().trim(), kind: this.kind() }).subscribe({
      next: (day) => {
        this.adding.set(false);
        this.date.set('');
        this.name.set('');
        // Shown in the year it belongs to.
        this.year.set(Number(day.date.slice(0, 4)));
        this.load(() => this.announcement.set(this.i18n.t('admin.calendar.added', { name: day.name, date: this.formatDate(day.date) })));
      },
      error: (error: unknown) => {
        this.adding.set(false);
        this.addError.set(error);
      },
    });
  }

  protected askRemove(day: ClosureResponse): void {
    this.removeError.set(null);
    this.removing.set(day);
  }

  protected closeDialog(): void {
    this.removing.set(null);
  }

  protected remove(): void {
    const day = this.removing();
    if (!day || this.acting()) return;
    this.acting.set(true);
    this.removeError.set(null);
    this.api.remove(day.id).subscribe({
      next: () => {
        this.acting.set(false);
        this.removing.set(null);
        this.load(() => this.announcement.set(this.i18n.t('admin.calendar.removed', { name: day.name, date: this.formatDate(day.date) })));
      },
      error: (error: unknown) => {
        this.acting.set(false);
        this.removeError.set(error);
      },
    });
  }
}
