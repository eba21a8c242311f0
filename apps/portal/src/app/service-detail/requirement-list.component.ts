import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RequirementResponse } from '@mpp/contracts';
import { LocalizedPipe, TranslatePipe, documentFormKey } from '@mpp/ui';

/** The service's requirements: mandatory or not, original or copy, what may be uploaded. */
@Component({
  selector: 'portal-requirement-list',
  imports: [LocalizedPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (requirements().length === 0) {
      <p data-testid="requirements">{{ 'portal.service.requirementsNone' | t }}</p>
    } @else {
      <ol class="requirements" data-testid="requirements">
        @for (requirement of requirements(); track requirement.id) {
          <li class="requirement" data-testid="requirement">
            <span class="requirement__name">{{ requirement.name | localized: requirement.nameEn }}</span>
            <span class="requirement__tags">
              @if (requirement.mandatory) {
                <span class="mpp-badge mpp-badge--primary">{{ 'requirement.mandatory' | t }}</span>
              } @else {
                <span class="mpp-badge mpp-badge--muted">{{ 'requirement.optional' | t }}</span>
              }
              @if (formKey(requirement.form); as key) {
                <span class="mpp-badge mpp-badge--muted">{{ key | t }}</span>
              }
            </span>
            @if (requirement.description) {
              <span class="requirement__description">{{ requirement.description }}</span>
            }
            @if (requirement.uploadable && requirement.fileTypes.length > 0) {
              <span class="requirement__upload mpp-muted">
                {{ 'portal.requirement.upload' | t: { types: fileTypes(requirement) } }}
              </span>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .requirements {
      margin: 0;
      padding-left: var(--mpp-space-5);
    }
    .requirement {
      margin-bottom: var(--mpp-space-3);
    }
    .requirement > span {
      display: block;
    }
    .requirement__name {
      font-weight: 600;
    }
    .requirement__tags {
      display: flex !important;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
      margin: var(--mpp-space-1) 0;
    }
  `,
})
export class RequirementListComponent {
  readonly requirements = input.required<RequirementResponse[]>();

  protected readonly formKey = documentFormKey;

  protected fileTypes(requirement: RequirementResponse): string {
    return requirement.fileTypes.map((type) => type.toUpperCase()).join(', ');
  }
}
