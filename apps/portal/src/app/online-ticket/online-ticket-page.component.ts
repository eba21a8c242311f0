import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { ONLINE_TICKET_NOTIFY_CHOICES, type CreateOnlineTicketRequest, type LocalizedText, type OnlineTicketNotifyBy } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe, formatClock, loadError, loadedValue, pickText, timeZoneLabel, toLoadState } from '@mpp/ui';
import { switchMap } from 'rxjs';

import { CitizenIdentityFieldsComponent } from '../citizen-form/citizen-identity-fields.component';
import { injectCitizenIdentityForm } from '../citizen-form/citizen-identity-form';
import { ServiceFormFrameComponent } from '../citizen-form/service-form-frame.component';
import { injectServiceFormPage } from '../citizen-form/service-form-page';
import { NotifyByChoiceComponent } from '../citizen-form/notify-by-choice.component';
import { injectNotifyByChoice } from '../citizen-form/notify-by-choice';
import { injectCitizenFormSubmit } from '../common/citizen-form-submit';
import { OnlineTicketApi } from './online-ticket-api.service';

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
 * take one now (and if not why, in the API's words), then NIK, name and mobile
 * (CitizenIdentityFieldsComponent, filled in from the citizen's account when signed in) checked by
 * the same libs/domain rules as the API; the ticket's page opens on success. A retried submission
 * of the same request carries the same Idempotency-Key, so it never takes two numbers.
 */
@Component({
  selector: 'portal-online-ticket-page',
  imports: [CitizenIdentityFieldsComponent, ErrorAlertComponent, NotifyByChoiceComponent, ServiceFormFrameComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './online-ticket-page.component.html',
  styleUrls: ['../citizen-form/form-page.css', './online-ticket-page.component.css'],
})
export class OnlineTicketPageComponent {
  private readonly api = inject(OnlineTicketApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  private readonly page = injectServiceFormPage(this.serviceId, 'daring.title');
  protected readonly service = this.page.service;
  protected readonly loadFailure = this.page.loadFailure;
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

  /** NIK, name and mobile, prefilled from the citizen's account when signed in. */
  protected readonly identity = injectCitizenIdentityForm({ withEmail: false });
  protected readonly notifyChoices = ONLINE_TICKET_NOTIFY_CHOICES;
  protected readonly notifyText = NOTIFY_TEXT;
  protected readonly notifyLabels = NOTIFY_LABELS;
  /** SMS, or the account's choice when signed in (its 'email' is not offered here: SMS then). */
  private readonly notifyChoice = injectNotifyByChoice<OnlineTicketNotifyBy>(ONLINE_TICKET_NOTIFY_CHOICES, 'sms');
  protected readonly notifyBy = this.notifyChoice.chosen;
  protected readonly submission = injectCitizenFormSubmit({ identity: this.identity, page: this.page, prefix: 'online' });
  /** Kept while the request stays the same: a retry after a lost answer is the same request. */
  private key: { request: string; value: string } | null = null;

  protected setNotifyBy(value: OnlineTicketNotifyBy): void {
    this.notifyChoice.choose(value);
  }

  protected submit(event: Event): void {
    if (!this.submission.start(event)) return;
    const request: CreateOnlineTicketRequest = {
      serviceId: this.serviceId(),
      ...this.identity.identity(),
      notifyBy: this.notifyBy(),
      language: this.submission.language(),
    };
    this.submission.send(this.api.create(request, this.keyFor(request)), (created) => {
      void this.router.navigate(['/tiket', created.publicCode], { replaceUrl: true });
    });
  }

  /** The same key for the same request (a retry), a new one once anything in it changed. */
  private keyFor(request: CreateOnlineTicketRequest): string {
    const text = JSON.stringify(request);
    if (this.key?.request !== text) this.key = { request: text, value: newKey() };
    return this.key.value;
  }
}
