import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RequirementResponse } from '@mpp/contracts';
import { LocalizedPipe, TranslatePipe } from '@mpp/ui';

/** The service's requirements as the checklist of documents to prepare: mandatory or not, and what each must show. */
@Component({
  selector: 'portal-application-checklist',
  imports: [LocalizedPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (requirements().length === 0) {
      <p data-testid="application-checklist">{{ 'application.checklist.none' | t }}</p>
    } @else {
      <ol class="checklist" data-testid="application-checklist">
        @for (r of requirements(); track r.id) {
          <li class="checklist__item" data-testid="application-requirement">
            <span class="checklist__mark" aria-hidden="true">☐</span>
            <span class="checklist__body">
              <span class="checklist__name">{{ r.name | localized: r.nameEn }}</span>
              @if (r.mandatory) {
                <span class="mpp-badge mpp-badge--primary">{{ 'application.mandatory' | t }}</span>
              } @else {
                <span class="mpp-badge mpp-badge--muted">{{ 'application.optional' | t }}</span>
              }
              @if (r.description) {
                <span class="checklist__must mpp-muted" data-testid="application-requirement-must">{{ 'application.mustShow' | t: { text: r.description } }}</span>
              }
            </span>
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .checklist {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--mpp-space-3);
    }
    .checklist__item {
      display: flex;
      gap: var(--mpp-space-2);
      overflow-wrap: anywhere;
    }
    .checklist__mark {
      font-size: 1.25rem;
      line-height: 1.2;
    }
    .checklist__body {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--mpp-space-1) var(--mpp-space-2);
    }
    .checklist__name {
      font-weight: 600;
    }
    .checklist__must {
      flex-basis: 100%;
      font-size: 0.9375rem;
    }
  `,
})
export class ApplicationChecklistComponent {
  readonly requirements = input.required<RequirementResponse[]>();
}
