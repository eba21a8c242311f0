import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, model, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { BookingDay, BookingDaysResponse, SlotResponse, SlotsResponse } from '@mpp/contracts';
import { BilingualPipe, ErrorAlertComponent, I18nService, TranslatePipe, timeZoneLabel, type LoadState } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { BookingApi } from '../booking-api.service';
import { dateChip, formatLocalDate, hoursMinutes } from '../booking-format';

/** The slot chosen in the picker (the day's date and the slot's local start and end). */
export interface ChosenSlot {
  date: string;
  start: string;
  end: string;
  timeZone: string;
}

/**
 * The date strip and the day's slots, used to book and to reschedule (one picker for both). Every
 * day of the service's booking horizon is in the strip; a closed day can be chosen too, and then
 * says why it is closed (holiday, weekly day off, local closure). Slots show the seats left; a
 * full one is shown but cannot be chosen; those past the cut-off are left out.
 */
@Component({
  selector: 'portal-slot-picker',
  imports: [BilingualPipe, ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './slot-picker.component.html',
  styleUrl: './slot-picker.component.css',
})
export class SlotPickerComponent {
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly serviceId = input.required<string>();
  /** The slot the booking has now (rescheduling): shown, but not offered again. */
  readonly current = input<{ date: string; start: string } | null>(null);
  /** Prefix of the ids in the page (two pickers never share one page, but the label ids must be unique). */
  readonly idPrefix = input('slot');
  readonly chosen = model<ChosenSlot | null>(null);

  protected readonly days = signal<LoadState<BookingDaysResponse>>({ status: 'loading' });
  protected readonly day = signal<string | null>(null);
  protected readonly slots = signal<LoadState<SlotsResponse> | null>(null);
  private slotsLoading: Subscription | null = null;

  protected readonly strip = computed(() => {
    const days = this.days();
    if (days.status !== 'ready') return [];
    const lang = this.i18n.lang();
    const today = days.value.days[0]?.date;
    return days.value.days.map((d) => ({ ...d, chip: dateChip(d.date, lang), today: d.date === today }));
  });
  protected readonly chosenDay = computed<BookingDay | null>(() => {
    const days = this.days();
    return days.status === 'ready' ? (days.value.days.find((d) => d.date === this.day()) ?? null) : null;
  });
  /** The slots a citizen can still take or sees as full; those past the cut-off are left out. */
  protected readonly offered = computed<(SlotResponse & { label: string; isCurrent: boolean })[]>(() => {
    const state = this.slots();
    if (state?.status !== 'ready' || !state.value.open) return [];
    const lang = this.i18n.lang();
    const current = this.current();
    return state.value.slots
      .filter((s) => s.bookable || s.remaining === 0)
      .map((s) => ({
        ...s,
        label: `${hoursMinutes(s.start, lang)}–${hoursMinutes(s.end, lang)}`,
        isCurrent: !!current && current.date === s.date && current.start === s.start,
      }));
  });
  protected readonly zone = computed(() => {
    const days = this.days();
    return days.status === 'ready' ? timeZoneLabel(days.value.timeZone) : '';
  });
  protected readonly summary = computed(() => {
    const chosen = this.chosen();
    if (!chosen) return null;
    const lang = this.i18n.lang();
    return this.i18n.t('booking.picker.chosen', { date: formatLocalDate(chosen.date, lang), time: hoursMinutes(chosen.start, lang), zone: timeZoneLabel(chosen.timeZone) });
  });

  constructor() {
    effect(() => {
      const serviceId = this.serviceId();
      untracked(() => this.loadDays(serviceId));
    });
  }

  protected reload(): void {
    this.loadDays(this.serviceId());
  }

  protected chooseDay(date: string): void {
    if (this.day() === date) return;
    this.day.set(date);
    this.chosen.set(null);
    const day = this.chosenDay();
    if (!day?.open) {
      this.slotsLoading?.unsubscribe();
      this.slots.set(null);
      return;
    }
    this.loadSlots(date);
  }

  protected chooseSlot(slot: SlotResponse): void {
    const days = this.days();
    if (!slot.bookable || days.status !== 'ready') return;
    this.chosen.set({ date: slot.date, start: slot.start, end: slot.end, timeZone: days.value.timeZone });
  }

  protected isChosen(slot: SlotResponse): boolean {
    const chosen = this.chosen();
    return !!chosen && chosen.date === slot.date && chosen.start === slot.start;
  }

  protected retrySlots(): void {
    const day = this.day();
    if (day) this.loadSlots(day);
  }

  private loadDays(serviceId: string): void {
    this.days.set({ status: 'loading' });
    this.api
      .days(serviceId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => {
          this.days.set({ status: 'ready', value });
          // Start on the first day with seats left (or the first day, which then says why not).
          const first = value.days.find((d) => d.open && d.remaining > 0) ?? value.days[0];
          this.day.set(null);
          if (first) this.chooseDay(first.date);
        },
        error: (error: unknown) => this.days.set({ status: 'error', error }),
      });
  }

  private loadSlots(date: string): void {
    this.slotsLoading?.unsubscribe();
    this.slots.set({ status: 'loading' });
    this.slotsLoading = this.api
      .slots(this.serviceId(), date)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.slots.set({ status: 'ready', value }),
        error: (error: unknown) => this.slots.set({ status: 'error', error }),
      });
  }
}
