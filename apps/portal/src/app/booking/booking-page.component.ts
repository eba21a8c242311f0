import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  afterNextRender,
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
import type { BookingProof, BookingPublicResponse, BookingResponse, BookingStatus } from '@mpp/contracts';
import {
  ErrorAlertComponent,
  I18nService,
  LANG_LOCALES,
  LocalizedPipe,
  PageTitleService,
  TranslatePipe,
  describeApiError,
  formatClock,
  timeZoneLabel,
  type Lang,
  type LoadState,
} from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { BookingApi } from './booking-api.service';
import { manageTokenFromFragment, normalizeNikInput } from './booking-link';

const STATUS_KEYS: Readonly<Record<BookingStatus, string>> = {
  active: 'portal.booking.status.active',
  checked_in: 'portal.booking.status.checked_in',
  cancelled: 'portal.booking.status.cancelled',
  no_show: 'portal.booking.status.no_show',
};

/** "Selasa, 24 November 2026" for the site-local date "2026-11-24" (a date, so no zone applies). */
function formatLocalDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LANG_LOCALES[lang], { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A local "HH:MM" as the portal writes times: "08.30" in Indonesian, "08:30" in English. */
function hoursMinutes(time: string, lang: Lang): string {
  return lang === 'id' ? time.replace(':', '.') : time;
}

/**
 * `pemesanan/:code`, where the link of every booking message and PDF leads. The code alone shows
 * where and when. The link's fragment `#k=…` carries the manage token, which shows the name and
 * lets the citizen cancel (two steps) and download the PDF; a booking made before manage tokens
 * asks for the full NIK instead. The token is read from the fragment only and sent only in POST
 * bodies. Rescheduling comes with the citizen-portal issue.
 */
@Component({
  selector: 'portal-booking-page',
  imports: [ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-page.component.html',
  styleUrl: './booking-page.component.css',
})
export class BookingPageComponent {
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pageTitle = inject(PageTitleService);
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
  protected readonly pdfPending = signal(false);
  protected readonly pdfError = signal<unknown>(null);

  /** The proof accepted by the API, reused for cancel and the PDF. */
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
    if (!booking) return null;
    const lang = this.i18n.lang();
    const clock = (iso: string) => formatClock(new Date(iso), booking.timeZone, lang, { seconds: false }).time;
    return {
      date: formatLocalDate(booking.date, lang),
      // "10.00–10.30" in Indonesian, like every other time on the portal; "10:00–10:30" in English.
      slot: `${hoursMinutes(booking.start, lang)}–${hoursMinutes(booking.end, lang)}`,
      checkIn: `${clock(booking.checkIn.opensAt)}–${clock(booking.checkIn.closesAt)}`,
      zone: timeZoneLabel(booking.timeZone),
    };
  });
  protected readonly displayCode = computed(() => {
    const code = this.booking()?.code ?? '';
    return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
  });

  private readonly cancelStart = viewChild<ElementRef<HTMLButtonElement>>('cancelStart');
  private readonly question = viewChild<ElementRef<HTMLElement>>('question');
  private readonly statusLine = viewChild<ElementRef<HTMLElement>>('statusLine');

  constructor() {
    effect(() => {
      const code = this.code();
      untracked(() => this.load(code));
    });
    effect(() => {
      const booking = this.booking();
      this.pageTitle.setOverride(booking ? this.i18n.t('portal.booking.pageTitle', { code: this.displayCode() }) : null);
    });
    this.destroyRef.onDestroy(() => this.pageTitle.setOverride(null));
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
    afterNextRender(() => this.question()?.nativeElement.focus(), { injector: this.injector });
  }

  protected keep(): void {
    this.confirming.set(false);
    afterNextRender(() => this.cancelStart()?.nativeElement.focus(), { injector: this.injector });
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
          afterNextRender(() => this.statusLine()?.nativeElement.focus(), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.cancelPending.set(false);
          this.confirming.set(false);
          this.cancelError.set(error);
          afterNextRender(() => this.cancelStart()?.nativeElement.focus(), { injector: this.injector });
        },
      });
  }

  /** Fetches the PDF with the proof (a plain link could not carry it) and hands it to the browser. */
  protected downloadPdf(): void {
    if (this.pdfPending() || !this.proof) return;
    this.pdfPending.set(true);
    this.pdfError.set(null);
    this.api
      .confirmationPdf(this.code(), this.proof)
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
