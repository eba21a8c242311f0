import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { BOOKING_NEED_LABELS, type BookingResponse } from '@mpp/contracts';
import { formatBookingCode, PRIORITY_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, LocalizedPipe, PageTitleService, TranslatePipe, formatClock, timeZoneLabel, type LoadState } from '@mpp/ui';

import { BookingApi } from './booking-api.service';
import { formatLocalDate, hoursMinutes } from './booking-format';
import { manageTokenFromFragment } from './booking-link';

/**
 * `pemesanan/:code/berhasil#k={token}`: the confirmation right after booking. The QR for the
 * kiosk, where and when, the PDF (fetched with the token), the calendar file (.ics: where and
 * when only) and the manage link, which carries the token in its fragment like every message.
 * Opened without the token it shows what the code alone shows, via the booking's own page.
 */
@Component({
  selector: 'portal-booking-done-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-done-page.component.html',
  styleUrl: './booking-done-page.component.css',
})
export class BookingDonePageComponent {
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:code`. */
  readonly code = input.required<string>();

  protected readonly token = signal<string | null>(null);
  protected readonly state = signal<LoadState<BookingResponse>>({ status: 'loading' });
  protected readonly booking = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly pdfPending = signal(false);
  protected readonly pdfError = signal<unknown>(null);
  protected readonly copied = signal(false);
  protected readonly needLabels = BOOKING_NEED_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;

  protected readonly displayCode = computed(() => formatBookingCode(this.booking()?.code ?? this.code()));
  protected readonly qrUrl = computed(() => this.api.qrUrl(this.booking()?.code ?? this.code()));
  protected readonly calendarUrl = computed(() => this.api.calendarUrl(this.booking()?.code ?? this.code(), this.i18n.lang()));
  /** The booking's page with the token in its fragment: the same link as in the SMS. */
  protected readonly manageUrl = computed(() => {
    const token = this.token();
    return `${location.origin}/pemesanan/${this.booking()?.code ?? this.code()}${token ? `#k=${token}` : ''}`;
  });
  protected readonly when = computed(() => {
    const b = this.booking();
    if (!b) return null;
    const lang = this.i18n.lang();
    const clock = (iso: string) => formatClock(new Date(iso), b.timeZone, lang, { seconds: false }).time;
    return {
      date: formatLocalDate(b.date, lang),
      slot: `${hoursMinutes(b.start, lang)}–${hoursMinutes(b.end, lang)}`,
      checkIn: `${clock(b.checkIn.opensAt)}–${clock(b.checkIn.closesAt)}`,
      zone: timeZoneLabel(b.timeZone),
    };
  });

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => this.load(code));
    });
    effect(() => {
      const booking = this.booking();
      untracked(() => this.pageTitle.setOverride(booking ? `${this.i18n.t('booking.done.title')}: ${this.displayCode()}` : null));
    });
    this.destroyRef.onDestroy(() => this.pageTitle.setOverride(null));
  }

  protected reload(): void {
    this.load(this.code());
  }

  protected downloadPdf(): void {
    const token = this.token();
    if (this.pdfPending() || !token) return;
    this.pdfPending.set(true);
    this.pdfError.set(null);
    this.api
      .confirmationPdf(this.code(), { token })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (pdf) => {
          this.pdfPending.set(false);
          const url = URL.createObjectURL(pdf);
          const link = document.createElement('a');
          link.href = url;
          link.download = `pemesanan-${this.displayCode()}.pdf`;
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
        },
        error: (error: unknown) => {
          this.pdfPending.set(false);
          this.pdfError.set(error);
        },
      });
  }

  protected copyLink(): void {
    void navigator.clipboard?.writeText(this.manageUrl()).then(
      () => this.copied.set(true),
      () => this.copied.set(false),
    );
  }

  private load(code: string): void {
    const token = manageTokenFromFragment(this.route.snapshot.fragment);
    this.token.set(token);
    this.state.set({ status: 'loading' });
    if (!token) {
      this.state.set({ status: 'error', error: null });
      return;
    }
    this.api
      .details(code, { token })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'ready', value }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }
}
