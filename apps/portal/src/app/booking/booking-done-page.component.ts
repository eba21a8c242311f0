import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { BOOKING_NEED_LABELS, type BookingResponse } from '@mpp/contracts';
import { PRIORITY_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe, type LoadState } from '@mpp/ui';

import { injectPageTitle } from '../common/page-title';
import { BookingApi } from './booking-api.service';
import { BookingDownloads, bookingFileName, displayBookingCode } from './booking-downloads';
import { bookingWhen } from './booking-format';
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
  providers: [BookingDownloads],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-done-page.component.html',
  styleUrl: './booking-done-page.component.css',
})
export class BookingDonePageComponent {
  private readonly api = inject(BookingApi);
  protected readonly downloads = inject(BookingDownloads);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter `:code`. */
  readonly code = input.required<string>();

  protected readonly token = signal<string | null>(null);
  protected readonly state = signal<LoadState<BookingResponse>>({ status: 'loading' });
  protected readonly booking = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly copied = signal(false);
  protected readonly needLabels = BOOKING_NEED_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;

  private readonly bookingCode = computed(() => this.booking()?.code ?? this.code());
  protected readonly displayCode = computed(() => displayBookingCode(this.bookingCode()));
  protected readonly qrUrl = computed(() => this.downloads.qrUrl(this.bookingCode()));
  protected readonly calendarUrl = computed(() => this.downloads.calendarUrl(this.bookingCode(), this.i18n.lang()));
  protected readonly calendarFileName = computed(() => bookingFileName(this.bookingCode(), 'ics'));
  /** The booking's page with the token in its fragment: the same link as in the SMS. */
  protected readonly manageUrl = computed(() => {
    const token = this.token();
    return `${location.origin}/pemesanan/${this.bookingCode()}${token ? `#k=${token}` : ''}`;
  });
  protected readonly when = computed(() => {
    const b = this.booking();
    return b ? bookingWhen(b, this.i18n.lang()) : null;
  });

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => this.load(code));
    });
    injectPageTitle(() => (this.booking() ? `${this.i18n.t('booking.done.title')}: ${this.displayCode()}` : null));
  }

  protected reload(): void {
    this.load(this.code());
  }

  protected downloadPdf(): void {
    const token = this.token();
    this.downloads.downloadPdf(this.code(), token ? { token } : null);
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
