import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import type { DocumentForm, RequirementResponse } from '@mpp/contracts';
import { ErrorAlertComponent, LocalizedPipe, TranslatePipe, type LoadState } from '@mpp/ui';

const FORM_KEYS: Readonly<Record<DocumentForm, string | null>> = {
  original: 'requirement.form.original',
  copy: 'requirement.form.copy',
  original_and_copy: 'requirement.form.original_and_copy',
  none: null,
};

/**
 * The service standard's requirements as a checklist the officer ticks while checking the
 * citizen's documents. The ticks belong to one ticket: a new ticket starts with none.
 */
@Component({
  selector: 'counter-requirements-checklist',
  imports: [ErrorAlertComponent, LocalizedPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="checklist mpp-card" aria-labelledby="checklist-title" data-testid="requirements">
      <h2 id="checklist-title">
        {{ 'console.requirements.title' | t }}
        @if (items().length > 0) {
          <span class="mpp-badge" data-testid="requirements-progress">{{ 'console.requirements.progress' | t: { done: checked().size, total: items().length } }}</span>
        }
      </h2>
      @switch (state()?.status) {
        @case ('loading') {
          <p class="mpp-muted" role="status">{{ 'common.loading' | t }}</p>
        }
        @case ('error') {
          <ui-error-alert [error]="error()" />
        }
        @case ('ready') {
          @if (items().length === 0) {
            <p class="mpp-muted">{{ 'console.requirements.none' | t }}</p>
          } @else {
            <ul class="mpp-list-plain checklist__items">
              @for (item of items(); track item.id) {
                <li class="checklist__item" data-testid="requirement-item" [attr.data-requirement-id]="item.id">
                  <input type="checkbox" [id]="'req-' + item.id" [checked]="checked().has(item.id)" (change)="toggle(item.id)" />
                  <label [for]="'req-' + item.id">
                    <span class="checklist__name" data-testid="requirement-name">{{ item.name | localized: item.nameEn }}</span>
                    <span class="mpp-muted checklist__meta">
                      {{ (item.mandatory ? 'requirement.mandatory' : 'requirement.optional') | t }}
                      @if (formKey(item); as key) {
                        · {{ key | t }}
                      }
                    </span>
                  </label>
                </li>
              }
            </ul>
          }
        }
      }
    </section>
  `,
  styles: `
    .checklist h2 {
      display: flex;
      gap: var(--mpp-space-2);
      align-items: center;
    }
    .checklist__items {
      display: grid;
      gap: var(--mpp-space-1);
    }
    .checklist__item {
      display: flex;
      gap: var(--mpp-space-2);
      align-items: flex-start;
    }
    .checklist__item input {
      width: 1.25rem;
      height: 1.25rem;
      margin-top: 0.15rem;
      flex: none;
    }
    .checklist__item label {
      display: flex;
      flex-direction: column;
      cursor: pointer;
    }
    .checklist__meta {
      font-size: 0.875rem;
    }
  `,
})
export class RequirementsChecklistComponent {
  /** The ticket the ticks belong to. */
  readonly ticketId = input.required<string>();
  readonly state = input.required<LoadState<RequirementResponse[]> | null>();

  protected readonly items = computed(() => {
    const state = this.state();
    return state?.status === 'ready' ? [...state.value].sort((a, b) => a.position - b.position) : [];
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state?.status === 'error' ? state.error : null;
  });
  /** Requirement ids ticked for this ticket; empty again for the next one. */
  protected readonly checked = linkedSignal<string, ReadonlySet<string>>({
    source: this.ticketId,
    computation: () => new Set<string>(),
  });

  protected toggle(id: string): void {
    const next = new Set(this.checked());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.checked.set(next);
  }

  protected formKey(item: RequirementResponse): string | null {
    return FORM_KEYS[item.form];
  }
}
