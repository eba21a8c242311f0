import { ChangeDetectionStrategy, Component, DestroyRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { BOOKING_NEEDS, BOOKING_NEED_LABELS, BOOKING_NOTIFY_CHOICES, PRIORITY_CLASSES, type BookingNeed, type BookingNotifyBy, type CreateBookingRequest, type LocalizedText, type PriorityClass } from '@mpp/contracts';
import { NIK_MESSAGES, PERSON_NAME_MESSAGES, PHONE_MESSAGES, PRIORITY_LABELS, checkPersonName, normalizeIndonesianMobile, parseNik } from '@mpp/domain';
import {
  BilingualPipe,
  CatalogueApi,
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  PageTitleService,
  TranslatePipe,
  describeApiError,
  loadError,
  loadedValue,
  pickLocalized,
  pickText,
  toLoadState,
} from '@mpp/ui';
import { switchMap } from 'rxjs';

import { BookingApi } from './booking-api.service';
import { SlotPickerComponent, type ChosenSlot } from './slot-picker/slot-picker.component';

type Field = 'nik' | 'fullName' | 'phone' | 'email';

/**
 * "Beri tahu saya lewat": the channel of this booking's messages and of "called" (recorded for the
 * number, docs/notifications.md). The words stay in this lazy chunk, not in a first-load dictionary.
 */
const NOTIFY_TEXT = {
  legend: { id: 'Beri tahu saya lewat', en: 'Tell me by' },
  hint: { id: 'Bukti pemesanan dan panggilan antrean dikirim lewat pilihan ini. Email hanya bila alamat email diisi.', en: 'The confirmation and the call go this way. Email only when an email address is filled in.' },
} satisfies Record<string, LocalizedText>;
const NOTIFY_LABELS: Readonly<Record<BookingNotifyBy, LocalizedText>> = {
  sms: { id: 'SMS', en: 'SMS' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'Email', en: 'Email' },
};

/** A plain check of the address's shape; the API checks it again (class-validator's isEmail). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `pemesanan/baru/:serviceId`: book a visit. The slot picker (date strip and the day's slots),
 * the applicant (NIK, name, mobile, optional email, priority group, needs), the requirements to
 * bring as a checklist only the citizen sees, then the booking. Every field is checked here by
 * the same libs/domain rules and messages as the API, and the API's own field messages are shown
 * beside their fields when it refuses. On success the confirmation page opens with the manage
 * token in its fragment.
 */
@Component({
  selector: 'portal-booking-new-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, SlotPickerComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-new-page.component.html',
  styleUrl: './booking-new-page.component.css',
})
export class BookingNewPageComponent {
  private readonly catalogue = inject(CatalogueApi);
  private readonly api = inject(BookingApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  protected readonly state = toSignal(toObservable(this.serviceId).pipe(switchMap((id) => this.catalogue.getService(id).pipe(toLoadState()))), {
    initialValue: { status: 'loading' as const },
  });
  protected readonly service = computed(() => loadedValue(this.state()));
  protected readonly loadFailure = computed(() => loadError(this.state()));

  protected readonly priorityClasses = PRIORITY_CLASSES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly needs = BOOKING_NEEDS;
  protected readonly needLabels = BOOKING_NEED_LABELS;

  protected readonly chosen = signal<ChosenSlot | null>(null);
  protected readonly values = signal<Record<Field, string>>({ nik: '', fullName: '', phone: '', email: '' });
  protected readonly priority = signal<PriorityClass>('regular');
  protected readonly notifyChoices = BOOKING_NOTIFY_CHOICES;
  protected readonly notifyText = NOTIFY_TEXT;
  protected readonly notifyLabels = NOTIFY_LABELS;
  private readonly chosenNotifyBy = signal<BookingNotifyBy>('sms');
  /** Email is offered only with a well-formed address; without one the choice shows (and sends) SMS. */
  protected readonly emailOffered = computed(() => EMAIL.test(this.values().email.trim()));
  protected readonly notifyBy = computed<BookingNotifyBy>(() => (this.chosenNotifyBy() === 'email' && !this.emailOffered() ? 'sms' : this.chosenNotifyBy()));
  protected readonly chosenNeeds = signal<ReadonlySet<BookingNeed>>(new Set());
  protected readonly brought = signal<ReadonlySet<string>>(new Set());
  /** Fields whose message is shown: once left, or after a submit. */
  private readonly touched = signal<ReadonlySet<Field>>(new Set());
  /** What the API said of each field on its last refusal, until the field changes. */
  private readonly serverFields = signal<Partial<Record<Field, string>>>({});
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly submitError = signal<unknown>(null);

  /** The shared rules of libs/domain, the same the API applies, with the same messages. */
  private readonly problems = computed<Partial<Record<Field, string>>>(() => {
    const lang = this.i18n.lang();
    const v = this.values();
    const out: Partial<Record<Field, string>> = {};
    const nik = parseNik(v.nik);
    if (!nik.valid) out.nik = pickText(lang, NIK_MESSAGES[nik.reason]);
    const name = checkPersonName(v.fullName);
    if (!name.valid) out.fullName = pickText(lang, PERSON_NAME_MESSAGES[name.reason]);
    const phone = normalizeIndonesianMobile(v.phone);
    if (!phone.valid) out.phone = pickText(lang, PHONE_MESSAGES[phone.reason]);
    if (v.email.trim() && !EMAIL.test(v.email.trim())) out.email = this.i18n.t('booking.form.emailInvalid');
    return out;
  });
  protected readonly shownErrors = computed<Partial<Record<Field, string>>>(() => {
    const touched = this.touched();
    const problems = this.problems();
    const server = this.serverFields();
    const out: Partial<Record<Field, string>> = {};
    for (const field of ['nik', 'fullName', 'phone', 'email'] as const) {
      const message = server[field] ?? (touched.has(field) || this.submitted() ? problems[field] : undefined);
      if (message) out[field] = message;
    }
    return out;
  });
  protected readonly slotMissing = computed(() => this.submitted() && !this.chosen());

  constructor() {
    effect(() => {
      const service = this.service();
      const lang = this.i18n.lang();
      untracked(() =>
        this.pageTitle.setOverride(service ? `${this.i18n.t('booking.new.title')}: ${pickLocalized(lang, service.name, service.nameEn)}` : null),
      );
    });
    this.destroyRef.onDestroy(() => this.pageTitle.setOverride(null));
  }

  protected onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((v) => ({ ...v, [field]: value }));
    this.serverFields.update((s) => {
      const { [field]: _dropped, ...rest } = s;
      return rest;
    });
  }

  protected onBlur(field: Field): void {
    if (!this.values()[field].trim() && field !== 'email' && !this.submitted()) return; // an empty field is named on submit
    this.touched.update((t) => new Set(t).add(field));
  }

  protected setPriority(value: PriorityClass): void {
    this.priority.set(value);
  }

  protected setNotifyBy(value: BookingNotifyBy): void {
    this.chosenNotifyBy.set(value);
  }

  protected toggleNeed(need: BookingNeed, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.chosenNeeds.update((set) => {
      const next = new Set(set);
      if (on) next.add(need);
      else next.delete(need);
      return next;
    });
  }

  protected toggleBrought(id: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.brought.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected error(field: Field): string | undefined {
    return this.shownErrors()[field];
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    this.submitted.set(true);
    this.submitError.set(null);
    const slot = this.chosen();
    const problems = this.problems();
    const first = (['nik', 'fullName', 'phone', 'email'] as const).find((f) => problems[f]);
    if (!slot) {
      this.focus('#booking-slot-heading');
      return;
    }
    if (first) {
      this.focus(`#booking-${first}`);
      return;
    }
    const v = this.values();
    const request: CreateBookingRequest = {
      serviceId: this.serviceId(),
      date: slot.date,
      start: slot.start,
      nik: v.nik.replace(/\s+/g, ''),
      fullName: v.fullName,
      phone: v.phone,
      ...(v.email.trim() ? { email: v.email.trim() } : {}),
      priorityGroup: this.priority(),
      needs: BOOKING_NEEDS.filter((n) => this.chosenNeeds().has(n)),
      notifyBy: this.notifyBy(),
      language: this.i18n.lang() === 'en' ? 'en' : 'id',
    };
    this.pending.set(true);
    this.api
      .create(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (created) => {
          this.pending.set(false);
          // The token goes in the fragment only: never sent to a server, never in a log.
          void this.router.navigate(['/pemesanan', created.code, 'berhasil'], { fragment: `k=${created.manageToken}`, replaceUrl: true });
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const described = describeApiError(error, this.i18n.lang());
          const server: Partial<Record<Field, string>> = {};
          for (const f of described.fields) if (f.field === 'nik' || f.field === 'fullName' || f.field === 'phone' || f.field === 'email') server[f.field] = f.message;
          this.serverFields.set(server);
          this.submitError.set(error);
          this.focus('#booking-submit-error');
        },
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => (document.querySelector(selector) as HTMLElement | null)?.focus(), { injector: this.injector });
  }
}
