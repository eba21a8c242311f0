import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { SITE_FACILITIES, type IsoWeekday, type OpeningHours, type SiteFacility, type SiteResponse } from '@mpp/contracts';
import { FACILITY_LABELS, WEEKDAY_NAMES } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { AdminApi } from './admin-api.service';

/** The API takes at most four breaks a day (OpeningHoursDto). */
const MAX_BREAKS = 4;
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

interface DayForm {
  weekday: IsoWeekday;
  open: boolean;
  opensAt: string;
  closesAt: string;
  breaks: { start: string; end: string }[];
}

/** The week as the form edits it: every weekday, closed days unticked, times as typed. */
function weekOf(hours: readonly OpeningHours[]): DayForm[] {
  return WEEKDAYS.map((weekday) => {
    const day = hours.find((h) => h.weekday === weekday);
    return day
      ? { weekday, open: true, opensAt: day.open, closesAt: day.close, breaks: day.breaks.map((b) => ({ ...b })) }
      : { weekday, open: false, opensAt: '08:00', closesAt: '15:00', breaks: [] };
  });
}

/**
 * Situs: the weekly opening hours with their breaks and the visitors' facilities, saved together
 * with `PATCH /admin/sites/{code}` (the API checks the hours: a break inside its day, in order, no
 * overlap; its refusal is shown as it words it).
 */
@Component({
  selector: 'counter-site-hours-form',
  imports: [BilingualPipe, ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.css',
  template: `
    <form class="mpp-card admin-page__form" novalidate data-testid="hours-form" (submit)="save($event)">
      <h3>{{ 'admin.site.hours' | t }}</h3>
      <p class="mpp-muted">{{ 'admin.site.hoursIntro' | t: { zone: site().timeZone } }}</p>
      @if (saveError()) {
        <ui-error-alert data-testid="hours-error" [error]="saveError()" />
      }
      @for (day of week(); track day.weekday; let d = $index) {
        <fieldset class="admin-page__day" data-testid="hours-day" [attr.data-weekday]="day.weekday">
          <legend>{{ weekdayNames[day.weekday] | bilingual }}</legend>
          <label class="admin-page__check">
            <input #openInput type="checkbox" data-testid="hours-open" [checked]="day.open" (change)="patch(d, { open: openInput.checked })" />
            {{ 'admin.site.opensThisDay' | t }}
          </label>
          @if (day.open) {
            <div class="admin-page__times">
              <div class="mpp-field">
                <label class="mpp-label" [for]="'opens-' + day.weekday">{{ 'admin.site.opensAt' | t }}</label>
                <input #opensInput class="mpp-input" type="time" required data-testid="hours-opens" [id]="'opens-' + day.weekday" [value]="day.opensAt" (input)="patch(d, { opensAt: opensInput.value })" />
              </div>
              <div class="mpp-field">
                <label class="mpp-label" [for]="'closes-' + day.weekday">{{ 'admin.site.closesAt' | t }}</label>
                <input #closesInput class="mpp-input" type="time" required data-testid="hours-closes" [id]="'closes-' + day.weekday" [value]="day.closesAt" (input)="patch(d, { closesAt: closesInput.value })" />
              </div>
            </div>
            @for (pause of day.breaks; track $index; let b = $index) {
              <div class="admin-page__times" data-testid="hours-break">
                <div class="mpp-field">
                  <label class="mpp-label" [for]="'break-start-' + day.weekday + '-' + b">{{ 'admin.site.breakStart' | t: { n: b + 1 } }}</label>
                  <input #startInput class="mpp-input" type="time" required data-testid="hours-break-start" [id]="'break-start-' + day.weekday + '-' + b" [value]="pause.start" (input)="patchBreak(d, b, { start: startInput.value })" />
                </div>
                <div class="mpp-field">
                  <label class="mpp-label" [for]="'break-end-' + day.weekday + '-' + b">{{ 'admin.site.breakEnd' | t: { n: b + 1 } }}</label>
                  <input #endInput class="mpp-input" type="time" required data-testid="hours-break-end" [id]="'break-end-' + day.weekday + '-' + b" [value]="pause.end" (input)="patchBreak(d, b, { end: endInput.value })" />
                </div>
                <button type="button" class="mpp-button" data-testid="hours-break-remove" (click)="removeBreak(d, b)">
                  {{ 'admin.site.removeBreak' | t: { n: b + 1 } }}
                </button>
              </div>
            }
            @if (day.breaks.length < maxBreaks) {
              <button type="button" class="mpp-button" data-testid="hours-break-add" (click)="addBreak(d)">{{ 'admin.site.addBreak' | t }}</button>
            }
          }
        </fieldset>
      }

      <fieldset class="admin-page__day" data-testid="facilities">
        <legend>{{ 'admin.site.facilities' | t }}</legend>
        @for (facility of allFacilities; track facility) {
          <label class="admin-page__check">
            <input #facilityInput type="checkbox" data-testid="facility" [attr.data-facility]="facility" [checked]="facilities().has(facility)" (change)="toggleFacility(facility, facilityInput.checked)" />
            {{ facilityLabels[facility] | bilingual }}
          </label>
        }
      </fieldset>

      <button type="submit" class="mpp-button mpp-button--primary" data-testid="hours-save" [disabled]="saving()">
        {{ (saving() ? 'admin.working' : 'admin.site.saveHours') | t }}
      </button>
    </form>
  `,
})
export class SiteHoursFormComponent {
  private readonly api = inject(AdminApi);

  readonly site = input.required<SiteResponse>();
  /** The MPP as the API saved it. */
  readonly saved = output<SiteResponse>();

  protected readonly weekdayNames = WEEKDAY_NAMES;
  protected readonly facilityLabels = FACILITY_LABELS;
  protected readonly allFacilities = SITE_FACILITIES;
  protected readonly maxBreaks = MAX_BREAKS;

  protected readonly week = signal<DayForm[]>([]);
  protected readonly facilities = signal<ReadonlySet<SiteFacility>>(new Set());
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);

  constructor() {
    effect(() => {
      const site = this.site();
      untracked(() => {
        this.week.set(weekOf(site.openingHours));
        this.facilities.set(new Set(site.facilities));
      });
    });
  }

  protected patch(index: number, change: Partial<DayForm>): void {
    this.week.update((week) => week.map((day, i) => (i === index ? { ...day, ...change } : day)));
  }

  protected patchBreak(index: number, breakIndex: number, change: Partial<{ start: string; end: string }>): void {
    const day = this.week()[index];
    this.patch(index, { breaks: day.breaks.map((b, i) => (i === breakIndex ? { ...b, ...change } : b)) });
  }

  protected addBreak(index: number): void {
    const day = this.week()[index];
    this.patch(index, { breaks: [...day.breaks, { start: '12:00', end: '13:00' }] });
  }

  protected removeBreak(index: number, breakIndex: number): void {
    const day = this.week()[index];
    this.patch(index, { breaks: day.breaks.filter((_, i) => i !== breakIndex) });
  }

  protected toggleFacility(facility: SiteFacility, on: boolean): void {
    this.facilities.update((set) => {
      const next = new Set(set);
      if (on) next.add(facility);
      else next.delete(facility);
      return next;
    });
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    const openingHours: OpeningHours[] = this.week()
      .filter((day) => day.open)
      .map((day) => ({ weekday: day.weekday, open: day.opensAt, close: day.closesAt, breaks: day.breaks }));
    // In the catalogue's order, so the saved list reads the same as the form.
    const facilities = SITE_FACILITIES.filter((f) => this.facilities().has(f));
    this.api.updateSite(this.site().code, { openingHours, facilities }).subscribe({
      next: (site) => {
        this.saving.set(false);
        this.saved.emit(site);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(error);
      },
    });
  }
}
