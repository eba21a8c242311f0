import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { BOOKING_NEED_LABELS, type BookingNeed, type BookingStatus } from '@mpp/contracts';
import { BilingualPipe, ErrorAlertComponent, LocalizedPipe, TranslatePipe, loadError, loadedValue, toLoadState } from '@mpp/ui';
import { switchMap } from 'rxjs';

import { QueueApi } from '../queue/queue-api.service';

const STATUS_KEYS: Readonly<Record<BookingStatus, string>> = {
  active: 'console.booking.status.active',
  checked_in: 'console.booking.status.checked_in',
  cancelled: 'console.booking.status.cancelled',
  no_show: 'console.booking.status.no_show',
};

/**
 * The booking behind a booked ticket: who booked which slot, and what to have ready (wheelchair,
 * sign-language interpreter, assistance), also handed to the console (`needs`) to show beside the
 * called number. The API sends the NIK and the phone number masked (first and last digits only)
 * and this panel never asks for more.
 */
@Component({
  selector: 'counter-booking-panel',
  imports: [BilingualPipe, ErrorAlertComponent, LocalizedPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="booking mpp-card" aria-labelledby="booking-title">
      <h2 id="booking-title">{{ 'console.booking.title' | t }}</h2>
      @if (booking(); as booking) {
        <dl class="booking__facts" data-testid="booking-details">
          @if (booking.needs.length > 0) {
            <div class="booking__needs">
              <dt>{{ 'console.booking.needs' | t }}</dt>
              <dd data-testid="booking-needs">
                @for (need of booking.needs; track need) {
                  <span class="mpp-badge mpp-badge--primary">{{ needLabels[need] | bilingual }}</span>
                }
              </dd>
            </div>
          }
          <div>
            <dt>{{ 'console.booking.name' | t }}</dt>
            <dd data-testid="booking-name">{{ booking.fullName }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.nik' | t }}</dt>
            <dd class="booking__mono" data-testid="booking-nik">{{ booking.nikMasked }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.phone' | t }}</dt>
            <dd class="booking__mono">{{ booking.phoneMasked }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.code' | t }}</dt>
            <dd class="booking__mono" data-testid="booking-code">{{ booking.code }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.slot' | t }}</dt>
            <dd>{{ booking.date }}, {{ booking.start }}–{{ booking.end }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.service' | t }}</dt>
            <dd>{{ booking.service.name | localized: booking.service.nameEn }}</dd>
          </div>
          <div>
            <dt>{{ 'console.booking.status' | t }}</dt>
            <dd>{{ statusKey(booking.status) | t }}</dd>
          </div>
        </dl>
      } @else if (error()) {
        <ui-error-alert data-testid="booking-error" [error]="error()" />
      } @else {
        <p class="mpp-muted" role="status">{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
  styles: `
    .booking__facts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
      gap: var(--mpp-space-2) var(--mpp-space-4);
      margin: 0;
    }
    .booking__facts dt {
      color: var(--mpp-color-muted);
      font-size: 0.875rem;
    }
    .booking__facts dd {
      margin: 0;
      font-weight: 600;
    }
    .booking__mono {
      font-family: var(--mpp-font-mono);
    }
    .booking__needs {
      grid-column: 1 / -1;
    }
    .booking__needs dd {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
    }
  `,
})
export class BookingPanelComponent {
  private readonly api = inject(QueueApi);

  readonly ticketId = input.required<string>();
  /** The needs of the booking shown (none while it loads), for the called ticket's card. */
  readonly needs = output<BookingNeed[]>();
  protected readonly needLabels = BOOKING_NEED_LABELS;

  private readonly state = toSignal(
    toObservable(this.ticketId).pipe(switchMap((id) => this.api.bookingOfTicket(id).pipe(toLoadState()))),
    { initialValue: null },
  );
  protected readonly booking = computed(() => loadedValue(this.state()));
  protected readonly error = computed(() => loadError(this.state()));

  constructor() {
    effect(() => this.needs.emit(this.booking()?.needs ?? []));
  }

  protected statusKey(status: BookingStatus): string {
    return STATUS_KEYS[status];
  }
}
