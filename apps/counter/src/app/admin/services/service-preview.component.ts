import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CompletionTimePipe, LocalizedPipe, RupiahPipe, TranslatePipe, documentFormKey } from '@mpp/ui';

import { type ServiceDraft, serviceBodyOf } from './service-draft';

/**
 * "Pratinjau": the service as the portal's service page shows it to a citizen (title, summary,
 * fee, completion time, the requirements as a checklist, procedure, product, legal basis,
 * complaints), drawn from the form's current values before anything is saved.
 */
@Component({
  selector: 'counter-service-preview',
  imports: [CompletionTimePipe, LocalizedPipe, RupiahPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = body();
    <article class="preview mpp-card" data-testid="service-preview" aria-labelledby="service-preview-title">
      <p class="mpp-muted">{{ 'admin.services.preview.note' | t }}</p>
      <p class="preview__agency">{{ agencyName() }}</p>
      <h4 id="service-preview-title" class="preview__title" data-testid="preview-title">{{ s.name | localized: s.nameEn }}</h4>
      <p>{{ s.summary | localized: s.summaryEn }}</p>
      <p>{{ s.description | localized: s.descriptionEn }}</p>
      <dl class="preview__facts">
        <div>
          <dt>{{ 'admin.services.fee' | t }}</dt>
          <dd data-testid="preview-fee">{{ s.fee | rupiah }}</dd>
        </div>
        <div>
          <dt>{{ 'admin.services.completion' | t }}</dt>
          <dd data-testid="preview-time">
            @if (s.completionTime; as time) {
              {{ time | completionTime }}
            } @else {
              {{ 'admin.services.completion.legalDefault' | t }}
            }
          </dd>
        </div>
      </dl>
      <h5>{{ 'admin.services.requirements' | t }}</h5>
      <ul class="preview__checklist" data-testid="preview-requirements">
        @for (r of s.requirements; track $index) {
          <li data-testid="preview-requirement">
            <span aria-hidden="true">☐</span>
            <span>
              <strong>{{ r.name | localized: r.nameEn }}</strong>
              @if (formKey(r.form); as key) {
                ({{ key | t }})
              }
              @if (!r.mandatory) {
                <em>{{ 'admin.services.req.optional' | t }}</em>
              }
              @if (r.description) {
                <br /><span class="mpp-muted">{{ r.description }}</span>
              }
            </span>
          </li>
        }
      </ul>
      @if (s.procedure.length > 0) {
        <h5>{{ 'admin.services.procedure' | t }}</h5>
        <ol>
          @for (step of s.procedure; track $index) {
            <li>{{ step.text | localized: step.textEn }}</li>
          }
        </ol>
      }
      <h5>{{ 'admin.services.product' | t }}</h5>
      <p>{{ s.product | localized: s.productEn }}</p>
      @if (s.fee.legalBasis) {
        <p class="mpp-muted">{{ 'admin.services.feeLegalBasis' | t }}: {{ s.fee.legalBasis }}</p>
      }
      @if (s.legalBasis.length > 0) {
        <h5>{{ 'admin.services.legalBasis' | t }}</h5>
        <ul>
          @for (basis of s.legalBasis; track $index) {
            <li>{{ basis }}</li>
          }
        </ul>
      }
      <h5>{{ 'admin.services.complaintChannel' | t }}</h5>
      <p>{{ s.complaintChannel }}</p>
    </article>
  `,
  styles: `
    .preview {
      border-left: 6px solid var(--mpp-color-primary, currentColor);
    }
    .preview__agency {
      margin: 0;
      font-weight: 600;
    }
    .preview__title {
      font-size: 1.25rem;
      margin: var(--mpp-space-1) 0;
    }
    .preview__facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-4);
    }
    .preview__facts dt {
      font-weight: 600;
    }
    .preview__facts dd {
      margin: 0;
    }
    .preview__checklist {
      list-style: none;
      padding: 0;
    }
    .preview__checklist li {
      display: flex;
      gap: var(--mpp-space-2);
      margin-bottom: var(--mpp-space-2);
    }
  `,
})
export class ServicePreviewComponent {
  readonly draft = input.required<ServiceDraft>();
  readonly agencyName = input<string>('');
  protected readonly body = computed(() => serviceBodyOf(this.draft()));
  protected readonly formKey = documentFormKey;
}
