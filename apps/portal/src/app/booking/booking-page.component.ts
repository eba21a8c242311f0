import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { BOOKING_NEED_LABELS, type BookingProof, type BookingPublicResponse, type BookingResponse, type BookingStatus } from '@mpp/contracts';
import { PRIORITY_LABELS } from '@mpp/domain';
import {
  BilingualPipe,
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  TranslatePipe,
  describeApiError,
  type LoadState,
} from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { injectFocusAfterRender } from '../common/focus-after-render';
import { injectPageTitle } from '../common/page-title';
import { BookingApi } from './booking-api.service';
import { BookingDownloads, displayBookingCode } from './booking-downloads';
import { bookingWhen } from './booking-format';
import { manageTokenFromFragment, normalizeNikInput } from './booking-link';
import { SlotPickerComponent, type ChosenSlot } from './slot-picker/slot-picker.component';

const STATUS_KEYS: Readonly<Record<BookingStatus, string>> = {
  active: 'portal.booking.status.active',
  checked_in: 'portal.booking.status.checked_in',
  cancelled: 'portal.booking.status.cancelled',
  no_show: 'portal.booking.status.no_show',
};

/**
 * `pemesanan/:code`, where the link of every booking message and PDF leads. The code alone shows
 * where and when. The link's fragment `#k=…` carries the manage token, which shows the name and
 * lets the citizen cancel (two steps) and download the PDF; a booking made before manage tokens
 * asks for the full NIK instead. The token is read from the fragment only and sent only in POST
 * bodies. The owner also sees the QR for the kiosk and the needs given, and may reschedule with
 * the same slot picker as the booking flow (SlotPickerComponent), the proof in the POST body.
 */
@Component({
  selector: 'portal-booking-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, SlotPickerComponent, TranslatePipe],
  providers: [BookingDownloads],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-page.component.html',
  styleUrl: './booking-page.component.css',
})
export class BookingPageComponent {
  private readonly api = inject(BookingApi);
  protected readonly downloads = inject(BookingDownloads);
  private readonly i18n = inject(I18nService);
  private readonly focus = injectFocusAfterRender();
  private readonly destroyRef = inject(DestroyRef);
  private readonly route = inject(ActivatedRoute);

  /** Route parameter `:code`: the booking code. */
  readonly code = input.required<string>();

  /** What the code alone shows. */
  protected readonly summary = signal<LoadState<BookingPublicResponse>>({ status: 'loading' });
  /** The booking as its owner sees it, once a proof was accepted. */
  protected readonly owned = signal<BookingResponse | null>(null);
  protected readonly proofPending = signal(false);
  protected readonly proofError = signal<unknown>(null);
  protected readonly nik = signal('');
  protected readonly hasToken = signal(false);

  protected readonly confirming = signal(false);
  protected readonly cancelPending = signal(false);
  protected readonly cancelError = signal<unknown>(null);

  protected readonly rescheduling = signal(false);
  protected readonly rescheduleChoice = signal<ChosenSlot | null>(null);
  protected readonly reschedulePending = signal(false);
  protected readonly rescheduleError = signal<unknown>(null);
  protected readonly rescheduled = signal(false);
  protected readonly needLabels = BOOKING_NEED_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly qrUrl = computed(() => this.downloads.qrUrl(this.code()));

  /** The proof accepted by the API, reused for cancel, reschedule and the PDF. */
  private proof: BookingProof | null = null;
  private loading: Subscription | null = null;

  /** Whatever is known: the owner's view or the public one. */
  protected readonly booking = computed<BookingPublicResponse | BookingResponse | null>(() => {
    const summary = this.summary();
    return this.owned() ?? (summary.status === 'ready' ? summary.value : null);
  });
  protected readonly notFound = computed(() => {
    const summary = this.summary();
    return summary.status === 'error' && describeApiError(summary.error, this.i18n.lang()).status === 404;
  });
  protected readonly loadFailure = computed(() => {
    const summary = this.summary();
    return summary.status === 'error' && !this.notFound() ? summary.error : null;
  });
  /** Without the token, a booking made before manage tokens is proved by the full NIK. */
  protected readonly asksNik = computed(() => {
    const booking = this.booking();
    return !this.owned() && !!booking && !booking.hasManageToken;
  });
  protected readonly needsLink = computed(() => {
    const booking = this.booking();
    return !this.owned() && !!booking && booking.hasManageToken && !this.proofPending();
  });

  protected readonly statusKey = computed(() => {
    const booking = this.booking();
    return booking ? STATUS_KEYS[booking.status] : '';
  });
  protected readonly when = computed(() => {
    const booking = this.booking();
    return booking ? bookingWhen(booking, this.i18n.lang()) : null;
  });
  protected readonly displayCode = computed(() => displayBookingCode(this.booking()?.code ?? ''));

  private readonly cancelStart = viewChild<ElementRef<HTMLButtonElement>>('cancelStart');
  private readonly rescheduleStart = viewChild<ElementRef<HTMLButtonElement>>('rescheduleStart');
  private readonly rescheduleHeading = viewChild<ElementRef<HTMLElement>>('rescheduleHeading');
  private readonly question = viewChild<ElementRef<HTMLElement>>('question');
  private readonly statusLine = viewChild<ElementRef<HTMLElement>>('statusLine');

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => this.load(code));
    });
    injectPageTitle(() => (this.booking() ? this.i18n.t('portal.booking.pageTitle', { code: this.displayCode() }) : null));
  }

  protected reload(): void {
    this.load(this.code());
  }

  protected onNikInput(event: Event): void {
    this.nik.set((event.target as HTMLInputElement).value);
  }

  protected submitNik(event: Event): void {
    event.preventDefault();
    const nik = normalizeNikInput(this.nik());
    if (!nik) return;
    this.prove({ nik });
  }

  protected ask(): void {
    this.cancelError.set(null);
    this.confirming.set(true);
    this.focus(this.question);
  }

  protected keep(): void {
    this.confirming.set(false);
    this.focus(this.cancelStart);
  }

  protected confirmCancel(): void {
    if (this.cancelPending() || !this.proof) return;
    this.cancelPending.set(true);
    this.cancelError.set(null);
    this.api
      .cancel(this.code(), this.proof)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (booking) => {
          this.cancelPending.set(false);
          this.confirming.set(false);
          this.owned.set(booking);
          this.focus(this.statusLine);
        },
        error: (error: unknown) => {
          this.cancelPending.set(false);
          this.confirming.set(false);
          this.cancelError.set(error);
          this.focus(this.cancelStart);
        },
      });
  }

  protected startReschedule(): void {
    this.confirming.set(false);
    this.rescheduled.set(false);
    this.rescheduleError.set(null);
    this.rescheduleChoice.set(null);
    this.rescheduling.set(true);
    this.focus(this.rescheduleHeading);
  }

  protected keepSchedule(): void {
    this.rescheduling.set(false);
    this.focus(this.rescheduleStart);
  }

  protected confirmReschedule(): void {
    const choice = this.rescheduleChoice();
    if (this.reschedulePending() || !this.proof || !choice) return;
    this.reschedulePending.set(true);
    this.rescheduleError.set(null);
    this.api
      .reschedule(this.code(), this.proof, choice.date, choice.start)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (booking) => {
          this.reschedulePending.set(false);
          this.rescheduling.set(false);
          this.rescheduled.set(true);
          this.owned.set(booking);
          this.focus(this.statusLine);
        },
        error: (error: unknown) => {
          this.reschedulePending.set(false);
          this.rescheduleError.set(error);
        },
      });
  }

  /** The PDF, fetched with the proof accepted (a plain link could not carry it). */
  protected downloadPdf(): void {
    this.downloads.downloadPdf(this.code(), this.proof);
  }

  private load(code: string): void {
    this.loading?.unsubscribe();
    this.owned.set(null);
    this.proof = null;
    this.proofError.set(null);
    this.summary.set({ status: 'loading' });
    this.loading = this.api
      .get(code)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.summary.set({ status: 'ready', value }),
        error: (error: unknown) => this.summary.set({ status: 'error', error }),
      });
    const token = manageTokenFromFragment(this.route.snapshot.fragment);
    this.hasToken.set(token !== null);
    if (token) this.prove({ token });
  }

  private prove(proof: BookingProof): void {
    this.proofPending.set(true);
    this.proofError.set(null);
    this.api
      .details(this.code(), proof)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (booking) => {
          this.proofPending.set(false);
          this.proof = proof;
          this.nik.set('');
          this.owned.set(booking);
        },
        error: (error: unknown) => {
          this.proofPending.set(false);
          this.proofError.set(error);
        },
      });
  }
}
