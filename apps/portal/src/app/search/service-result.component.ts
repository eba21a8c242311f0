import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ServiceSummaryResponse } from '@mpp/contracts';
import { CompletionTimePipe, LocalizedPipe, RupiahPipe, TranslatePipe } from '@mpp/ui';

/** One service in the results: name (link), agency, summary, fee and completion time. */
@Component({
  selector: 'portal-service-result',
  imports: [CompletionTimePipe, LocalizedPipe, RouterLink, RupiahPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = service();
    <article class="result mpp-card">
      <h3 class="result__name" elementtiming="service">
        <a class="result__link" [routerLink]="['/layanan', s.id]">{{ s.name | localized: s.nameEn }}</a>
      </h3>
      <p class="result__agency" [attr.title]="s.agency.name">{{ s.agency.shortName }}</p>
      <p class="result__summary">{{ s.summary | localized: s.summaryEn }}</p>
      <dl class="result__facts">
        <div>
          <dt>{{ 'portal.result.fee' | t }}</dt>
          <dd>{{ s.fee | rupiah }}</dd>
        </div>
        <div>
          <dt>{{ 'portal.result.time' | t }}</dt>
          <dd>{{ s.completionTime | completionTime }}</dd>
        </div>
      </dl>
    </article>
  `,
  styles: `
    .result {
      position: relative;
    }
    .result:focus-within,
    .result:hover {
      border-color: var(--mpp-color-primary);
    }
    .result__name {
      margin-bottom: var(--mpp-space-1);
    }
    /* The whole card is the link's target, which suits thumbs. */
    .result__link::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    .result__agency {
      margin-bottom: var(--mpp-space-2);
      color: var(--mpp-color-muted);
      font-weight: 600;
    }
    .result__summary {
      margin-bottom: var(--mpp-space-2);
    }
    .result__facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-1) var(--mpp-space-5);
      margin: 0;
    }
    .result__facts div {
      display: flex;
      gap: var(--mpp-space-2);
    }
    .result__facts dt {
      color: var(--mpp-color-muted);
    }
    .result__facts dt::after {
      content: ':';
    }
    .result__facts dd {
      margin: 0;
      font-weight: 700;
    }
  `,
})
export class ServiceResultComponent {
  readonly service = input.required<ServiceSummaryResponse>();
}
