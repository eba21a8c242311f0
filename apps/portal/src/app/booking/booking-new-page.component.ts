import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { BOOKING_NEEDS, BOOKING_NEED_LABELS, BOOKING_NOTIFY_CHOICES, PRIORITY_CLASSES, type BookingNeed, type BookingNotifyBy, type CreateBookingRequest, type LocalizedText, type PriorityClass } from '@mpp/contracts';
import { PRIORITY_LABELS } from '@mpp/domain';
import { BilingualPipe, ErrorAlertComponent, LocalizedPipe, TranslatePipe } from '@mpp/ui';

import { CitizenIdentityFieldsComponent } from '../citizen-form/citizen-identity-fields.component';
import { injectCitizenIdentityForm } from '../citizen-form/citizen-identity-form';
import { ServiceFormFrameComponent } from '../citizen-form/service-form-frame.component';
import { injectServiceFormPage } from '../citizen-form/service-form-page';
import { NotifyByChoiceComponent } from '../citizen-form/notify-by-choice.component';
import { injectNotifyByChoice } from '../citizen-form/notify-by-choice';
import { injectCitizenFormSubmit } from '../common/citizen-form-submit';
import { BookingApi } from './booking-api.service';
import { SlotPickerComponent, type ChosenSlot } from './slot-picker/slot-picker.component';

/**
 * "Beri tahu saya lewat": the channel of this booking's messages and of "called" (recorded for the
 * number, docs/notifications.md). The words stay in this lazy chunk, not in a first-load dictionary.
 */
const NOTIFY_TEXT = {
  legend: { id: 'Beri tahu saya lewat', en: 'Tell me by' },
  hint: { id: 'Bukti pemesanan dan panggilan antrean dikirim lewat pilihan ini. Email hanya bila alamat email diisi.', en: 'The confirmation and the call go this way. Email only when an email address is filled in.' },
} satisfies Record<string, LocalizedText>;
const PHONE_HINT: LocalizedText = { id: 'Kami kirim tautan pemesanan lewat SMS ke nomor ini.', en: 'We send the booking link by SMS to this number.' };
const NOTIFY_LABELS: Readonly<Record<BookingNotifyBy, LocalizedText>> = {
  sms: { id: 'SMS', en: 'SMS' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'Email', en: 'Email' },
};

/**
 * `pemesanan/baru/:serviceId`: book a visit. The slot picker (date strip and the day's slots),
 * the applicant (NIK, name, mobile, optional email: CitizenIdentityFieldsComponent, filled in
 * from the citizen's account when signed in; then priority group, needs), the requirements to
 * bring as a checklist only the citizen sees, then the booking. Every field is checked here by
 * the same libs/domain rules and messages as the API, and the API's own field messages are shown
 * beside their fields when it refuses. On success the confirmation page opens with the manage
 * token in its fragment.
 */
@Component({
  selector: 'portal-booking-new-page',
  imports: [BilingualPipe, CitizenIdentityFieldsComponent, ErrorAlertComponent, LocalizedPipe, NotifyByChoiceComponent, ServiceFormFrameComponent, SlotPickerComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './booking-new-page.component.html',
  styleUrls: ['../citizen-form/form-page.css', './booking-new-page.component.css'],
})
export class BookingNewPageComponent {
  private readonly api = inject(BookingApi);
  private readonly router = inject(Router);

  /** Route parameter `:serviceId`. */
  readonly serviceId = input.required<string>();

  private readonly page = injectServiceFormPage(this.serviceId, 'booking.new.title');
  protected readonly service = this.page.service;
  protected readonly loadFailure = this.page.loadFailure;

  protected readonly priorityClasses = PRIORITY_CLASSES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly needs = BOOKING_NEEDS;
  protected readonly needLabels = BOOKING_NEED_LABELS;

  protected readonly chosen = signal<ChosenSlot | null>(null);
  /** NIK, name, mobile and email, prefilled from the citizen's account when signed in. */
  protected readonly identity = injectCitizenIdentityForm({ withEmail: true });
  protected readonly phoneHint = PHONE_HINT;
  protected readonly priority = signal<PriorityClass>('regular');
  protected readonly notifyChoices = BOOKING_NOTIFY_CHOICES;
  protected readonly notifyText = NOTIFY_TEXT;
  protected readonly notifyLabels = NOTIFY_LABELS;
  /** SMS, or the account's choice when signed in ('none' is not offered here: SMS then). */
  private readonly notifyChoice = injectNotifyByChoice<BookingNotifyBy>(BOOKING_NOTIFY_CHOICES, 'sms');
  /** Email is offered only with a well-formed address; without one the choice shows (and sends) SMS. */
  protected readonly notifyBy = computed<BookingNotifyBy>(() => {
    const chosen = this.notifyChoice.chosen();
    return chosen === 'email' && !this.identity.emailValid() ? 'sms' : chosen;
  });
  protected readonly notifyDisabled = computed<readonly BookingNotifyBy[]>(() => (this.identity.emailValid() ? [] : ['email']));
  protected readonly chosenNeeds = signal<ReadonlySet<BookingNeed>>(new Set());
  protected readonly brought = signal<ReadonlySet<string>>(new Set());
  protected readonly submitted = signal(false);
  protected readonly submission = injectCitizenFormSubmit({ identity: this.identity, page: this.page, prefix: 'booking' });

  protected readonly slotMissing = computed(() => this.submitted() && !this.chosen());

  protected setPriority(value: PriorityClass): void {
    this.priority.set(value);
  }

  protected setNotifyBy(value: BookingNotifyBy): void {
    this.notifyChoice.choose(value);
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

  protected submit(event: Event): void {
    this.submitted.set(true);
    const slot = this.chosen();
    if (!this.submission.start(event, slot ? null : '#booking-slot-heading') || !slot) return;
    const request: CreateBookingRequest = {
      serviceId: this.serviceId(),
      date: slot.date,
      start: slot.start,
      ...this.identity.identity(),
      priorityGroup: this.priority(),
      needs: BOOKING_NEEDS.filter((n) => this.chosenNeeds().has(n)),
      notifyBy: this.notifyBy(),
      language: this.submission.language(),
    };
    this.submission.send(this.api.create(request), (created) => {
      // The token goes in the fragment only: never sent to a server, never in a log.
      void this.router.navigate(['/pemesanan', created.code, 'berhasil'], { fragment: `k=${created.manageToken}`, replaceUrl: true });
    });
  }
}
