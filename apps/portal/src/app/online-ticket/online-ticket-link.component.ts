import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ServiceResponse } from '@mpp/contracts';
import { TranslatePipe } from '@mpp/ui';

/**
 * On the service page: "Ambil antrean dari rumah", for a service that takes tickets from home.
 * Whether the site takes one right now (hours, break, the wait) the form's page says, in the API's words.
 */
@Component({
  selector: 'portal-online-ticket-link',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (service().queue.onlineTicketEnabled) {
      <p class="online-link">
        <a class="mpp-button mpp-button--primary online-link__button" [routerLink]="['/antrean-daring', service().id]" data-testid="online-ticket-link">
          {{ 'daring.link' | t }}
        </a>
      </p>
    }
  `,
  styles: `
    .online-link {
      display: flex;
      flex-direction: column;
      gap: var(--mpp-space-2);
      margin: 0;
    }
    .online-link__button {
      width: 100%;
    }
  `,
})
export class OnlineTicketLinkComponent {
  readonly service = input.required<ServiceResponse>();
}
