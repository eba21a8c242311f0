import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RequirementResponse, ServiceSummaryResponse } from '@mpp/contracts';
import {
  CompletionTimePipe,
  LocalizedPipe,
  RupiahPipe,
  TranslatePipe,
  documentFormKey,
} from '@mpp/ui';

/** The mandatory requirements; `undefined` while loading, `null` when they could not be read. */
export type MandatoryRequirements = RequirementResponse[] | null;

/** One service as a large tile: name, fee, time, the documents to bring, and "take a number". */
@Component({
  selector: 'kiosk-service-tile',
  imports: [CompletionTimePipe, LocalizedPipe, RouterLink, RupiahPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = service();
    <article class="kiosk-tile tile" data-testid="service-tile">
      <h2 class="kiosk-tile__title">{{ s.name | localized: s.nameEn }}</h2>
      <p class="tile__facts">
        <span>{{ 'kiosk.services.fee' | t }}: <strong>{{ s.fee | rupiah }}</strong></span>
        <span>{{ 'kiosk.services.time' | t }}: <strong>{{ s.completionTime | completionTime }}</strong></span>
      </p>
      <h3 class="tile__bring">{{ 'kiosk.services.bring' | t }}</h3>
      @let bring = requirements();
      @if (bring === undefined) {
        <p class="mpp-muted">{{ 'common.loading' | t }}</p>
      } @else if (bring === null) {
        <p>{{ 'kiosk.services.bringUnknown' | t }}</p>
      } @else if (bring.length === 0) {
        <p>{{ 'kiosk.services.bringNothing' | t }}</p>
      } @else {
        <ul class="tile__list" data-testid="service-requirements">
          @for (requirement of bring; track requirement.id) {
            <li>
              {{ requirement.name | localized: requirement.nameEn }}
              @if (formKey(requirement.form); as key) {
                <span class="mpp-muted">({{ key | t }})</span>
              }
            </li>
          }
        </ul>
      }
      <div class="tile__take">
        @if (s.walkInEnabled) {
          <a
            class="mpp-button mpp-button--primary kiosk-big-button tile__take-button"
            data-testid="take-ticket"
            [routerLink]="['/antrean', s.id]"
          >
            {{ 'kiosk.services.take' | t }}
          </a>
        } @else {
          <p class="mpp-muted">{{ 'kiosk.services.bookingOnly' | t }}</p>
        }
      </div>
    </article>
  `,
  styles: `
    .tile {
      justify-content: flex-start;
      cursor: default;
    }
    .tile__facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-1) var(--mpp-space-5);
      margin: 0;
    }
    .tile__bring {
      margin: var(--mpp-space-2) 0 0;
      font-size: 1.25rem;
    }
    .tile__list {
      margin: 0;
      padding-left: var(--mpp-space-5);
    }
    .tile__take {
      margin-top: auto;
      padding-top: var(--mpp-space-3);
    }
    .tile__take-button {
      width: 100%;
    }
    .tile__list li + li {
      margin-top: var(--mpp-space-1);
    }
  `,
})
export class ServiceTileComponent {
  readonly service = input.required<ServiceSummaryResponse>();
  readonly requirements = input<MandatoryRequirements | undefined>(undefined);

  protected readonly formKey = documentFormKey;
}
