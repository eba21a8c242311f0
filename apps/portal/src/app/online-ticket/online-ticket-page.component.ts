import { ChangeDetectionStrategy, Component, DestroyRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { ONLINE_TICKET_NOTIFY_CHOICES, type CreateOnlineTicketRequest, type LocalizedText, type OnlineTicketNotifyBy } from '@mpp/contracts';
import { NIK_MESSAGES, PERSON_NAME_MESSAGES, PHONE_MESSAGES, checkPersonName, normalizeIndonesianMobile, parseNik } from '@mpp/domain';
import {
  BilingualPipe,
  CatalogueApi,
  ErrorAlertComponent,
  I18nService,
  LocalizedPipe,
  PageTitleService,
  TranslatePipe,
  describeApiError,
  formatClock,
  loadError,
  loadedValue,
  pickLocalized,
  pickText,
  timeZoneLabel,
  toLoadState,
} from '@mpp/ui';
import { switchMap } from 'rxjs';

import { OnlineTicketApi } from './online-ticket-api.service';

type Field = 'nik' | 'fullName' | 'phone';
const FIELDS: readonly Field[] = ['nik', 'fullName', 'phone'];

/**
 * "Beri tahu saya lewat": how the citizen is told when called (docs/notifications.md). The words
 * stay here, in this lazy chunk, not in a dictionary of the first load.
 */
const NOTIFY_TEXT = {
  legend: { id: 'Beri tahu saya lewat', en: 'Tell me by' },
  hint: { id: 'Satu pesan ke nomor HP di atas saat nomor antrean Anda dipanggil.', en: 'One message to the mobile number above when your number is called.' },
} satisfies Record<string, LocalizedText>;
const NOTIFY_LABELS: Readonly<Record<OnlineTicketNotifyBy, LocalizedText>> = {
  sms: { id: 'SMS', en: 'SMS' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  none: { id: 'Tidak perlu', en: 'No message' },
};

/** An Idempotency-Key: 128 random bits, hex. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `online-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `antrean-daring/:serviceId`: take a ticket from home. Says first whether the service and site
 * take one now (and if not why, in the API's words), then NIK, name and mobile checked by the
 * same libs/domain rules as the API; the ticket's page opens on success. A retried submission
 * carries the same Idempotency-Key, so it never takes two numbers.
 */
@Component({
  selector: 'portal-online-ticket-page',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './online-ticket-page.component.html',
  styleUrl: './online-ticket-page.component.css',
})
export class OnlineTicketPageComponent {
  private readonly catalogue = inject(CatalogueApi);
  private readonly api = inject(OnlineTicketApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pageTitle = inject(PageTitleService);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  private readonly serviceState = toSignal(toObservable(this.serviceId).pipe(switchMap((id) => this.catalogue.getService(id).pipe(toLoadState()))), {
    initialValue: { status: 'loading' as const },
  });
  protected readonly service = computed(() => loadedValue(this.serviceState()));
  protected readonly loadFailure = computed(() => loadError(this.serviceState()));
  private readonly availabilityState = toSignal(toObservable(this.serviceId).pipe(switchMap((id) => this.api.availability(id).pipe(toLoadState()))), {
    initialValue: { status: 'loading' as const },
  });
  protected readonly availability = computed(() => loadedValue(this.availabilityState()));
  protected readonly availabilityError = computed(() => loadError(this.availabilityState()));
  /** "Estimated call around 10.35 WITA", in the site's zone. */
  protected readonly callText = computed(() => {
    const a = this.availability();
    if (!a?.available || !a.estimatedCallAt || a.estimatedWaitMinutes === null) return null;
    const time = formatClock(new Date(a.estimatedCallAt), a.timeZone, this.i18n.lang(), { seconds: false }).time;
    return this.i18n.t('daring.available', { time, zone: timeZoneLabel(a.timeZone) });
  });
  protected readonly unavailableText = computed(() => {
    const a = this.availability();
    return a && !a.available && a.message ? pickText(this.i18n.lang(), a.message) : null;
  });

  protected readonly values = signal<Record<Field, string>>({ nik: '', fullName: '', phone: '' });
  protected readonly notifyChoices = ONLINE_TICKET_NOTIFY_CHOICES;
  protected readonly notifyText = NOTIFY_TEXT;
  protected readonly notifyLabels = NOTIFY_LABELS;
  protected readonly notifyBy = signal<OnlineTicketNotifyBy>('sms');
  private readonly touched = signal<ReadonlySet<Field>>(new Set());
  private readonly serverFields = signal<Partial<Record<Field, string>>>({});
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly submitError = signal<unknown>(null);
  /** Kept while the values stay the same: a retry after a lost answer is the same request. */
  private key = newKey();

  private readonly problems = computed<Partial<Record<Field, string>>>(() => {
    const lang = this.i18n.lang();
    const v = this.values();
    const out: Partial<Record<Field, string>> = {};
    const nik = parseNik(v.nik.replace(/\s+/g, ''));
    if (!nik.valid) out.nik = pickText(lang, NIK_MESSAGES[nik.reason]);
    const name = checkPersonName(v.fullName);
    if (!name.valid) out.fullName = pickText(lang, PERSON_NAME_MESSAGES[name.reason]);
    const phone = normalizeIndonesianMobile(v.phone);
    if (!phone.valid) out.phone = pickText(lang, PHONE_MESSAGES[phone.reason]);
    return out;
  });
  private readonly shownErrors = computed<Partial<Record<Field, string>>>(() => {
    const touched = this.touched();
    const problems = this.problems();
    const server = this.serverFields();
    const out: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const message = server[field] ?? (touched.has(field) || this.submitted() ? problems[field] : undefined);
      if (message) out[field] = message;
    }
    return out;
  });

  constructor() {
    effect(() => {
      const service = this.service();
      const lang = this.i18n.lang();
      untracked(() =>
        this.pageTitle.setOverride(service ? `${this.i18n.t('daring.title')}: ${pickLocalized(lang, service.name, service.nameEn)}` : null),
      );
    });
    this.destroyRef.onDestroy(() => this.pageTitle.setOverride(null));
  }

  protected error(field: Field): string | undefined {
    return this.shownErrors()[field];
  }

  protected onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((v) => ({ ...v, [field]: value }));
    this.key = newKey();
    this.serverFields.update((s) => {
      const { [field]: _dropped, ...rest } = s;
      return rest;
    });
  }

  protected setNotifyBy(value: OnlineTicketNotifyBy): void {
    this.notifyBy.set(value);
    this.key = newKey();
  }

  protected onBlur(field: Field): void {
    if (!this.values()[field].trim() && !this.submitted()) return;
    this.touched.update((t) => new Set(t).add(field));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    this.submitted.set(true);
    this.submitError.set(null);
    const first = FIELDS.find((f) => this.problems()[f]);
    if (first) {
      this.focus(`#online-${first}`);
      return;
    }
    const v = this.values();
    const request: CreateOnlineTicketRequest = {
      serviceId: this.serviceId(),
      nik: v.nik.replace(/\s+/g, ''),
      fullName: v.fullName,
      phone: v.phone,
      notifyBy: this.notifyBy(),
      language: this.i18n.lang() === 'en' ? 'en' : 'id',
    };
    this.pending.set(true);
    this.api
      .create(request, this.key)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (created) => {
          this.pending.set(false);
          void this.router.navigate(['/tiket', created.publicCode], { replaceUrl: true });
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const described = describeApiError(error, this.i18n.lang());
          const server: Partial<Record<Field, string>> = {};
          for (const f of described.fields) if (f.field === 'nik' || f.field === 'fullName' || f.field === 'phone') server[f.field] = f.message;
          this.serverFields.set(server);
          this.submitError.set(error);
          this.focus('#online-submit-error');
        },
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => (document.querySelector(selector) as HTMLElement | null)?.focus(), { injector: this.injector });
  }
}
