import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** One setting of a policy, as the form shows it (words are dictionary keys). */
export interface PolicyField<T> {
  key: keyof T & string;
  testId: string;
  label: string;
  hint?: string;
  /** `optional-number`: an empty field is null (the API's default applies, which the hint names). */
  kind: 'number' | 'optional-number' | 'boolean' | 'choice';
  min?: number;
  max?: number;
  choices?: readonly { value: string; label: string }[];
}

/** A policy the API reads back (GET) and replaces whole (PUT): what the form needs to show and save it. */
export interface PolicyFormSpec<T extends object> {
  /** Prefix of the form's element ids and test ids, e.g. `queue-policy`. */
  id: string;
  heading: string;
  intro: string;
  fields: readonly PolicyField<T>[];
  load(siteCode: string): Observable<T>;
  save(siteCode: string, policy: T): Observable<T>;
  /** The announcement once saved: a dictionary key and its values. */
  saved(policy: T): { key: string; params: Record<string, string | number> };
}

type FieldValue = string | boolean;

/**
 * Kebijakan: one policy's form. It shows the values the API holds (never a guess), sends what was
 * typed (the API says what is wrong, in its words, and the saved values stay) and shows what the
 * API saved.
 */
@Component({
  selector: 'counter-policy-form',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './admin-page.css',
  template: `
    @if (loadError()) {
      <ui-error-alert [error]="loadError()" [retryable]="true" (retry)="load()" />
    } @else if (loaded()) {
      <form class="mpp-card admin-page__form" novalidate [attr.data-testid]="spec().id + '-form'" (submit)="save($event)">
        <h3>{{ spec().heading | t }}</h3>
        <p class="mpp-muted">{{ spec().intro | t }}</p>
        @if (saveError()) {
          <ui-error-alert [attr.data-testid]="spec().id + '-error'" [error]="saveError()" />
        }
        <div class="admin-page__grid">
          @for (field of spec().fields; track field.key) {
            <div class="mpp-field">
              @switch (field.kind) {
                @case ('boolean') {
                  <label class="admin-page__check">
                    <input #check type="checkbox" [id]="spec().id + '-' + field.key" [attr.data-testid]="field.testId" [attr.aria-describedby]="field.hint ? spec().id + '-' + field.key + '-hint' : null" [checked]="values()[field.key] === true" (change)="set(field.key, check.checked)" />
                    {{ field.label | t }}
                  </label>
                }
                @case ('choice') {
                  <label class="mpp-label" [for]="spec().id + '-' + field.key">{{ field.label | t }}</label>
                  <select #choice class="mpp-input" [id]="spec().id + '-' + field.key" [attr.data-testid]="field.testId" [attr.aria-describedby]="field.hint ? spec().id + '-' + field.key + '-hint' : null" (change)="set(field.key, choice.value)">
                    @for (option of field.choices; track option.value) {
                      <option [value]="option.value" [selected]="values()[field.key] === option.value">{{ option.label | t }}</option>
                    }
                  </select>
                }
                @default {
                  <label class="mpp-label" [for]="spec().id + '-' + field.key">{{ field.label | t }}</label>
                  <input #num class="mpp-input" type="number" inputmode="numeric" [id]="spec().id + '-' + field.key" [attr.min]="field.min" [attr.max]="field.max" [attr.data-testid]="field.testId" [attr.aria-describedby]="field.hint ? spec().id + '-' + field.key + '-hint' : null" [value]="values()[field.key]" (input)="set(field.key, num.value)" />
                }
              }
              @if (field.hint) {
                <p class="mpp-muted admin-page__hint" [id]="spec().id + '-' + field.key + '-hint'">{{ field.hint | t }}</p>
              }
            </div>
          }
        </div>
        <button type="submit" class="mpp-button mpp-button--primary" [attr.data-testid]="spec().id + '-save'" [disabled]="saving()">
          {{ (saving() ? 'admin.working' : 'admin.policies.save') | t }}
        </button>
      </form>
    } @else {
      <p class="mpp-status" role="status">{{ 'admin.loading' | t }}</p>
    }
  `,
})
export class PolicyFormComponent<T extends object> {
  private readonly i18n = inject(I18nService);

  readonly spec = input.required<PolicyFormSpec<T>>();
  readonly siteCode = input.required<string>();
  /** What the page announces once the API saved the policy. */
  readonly announce = output<string>();

  protected readonly loaded = signal(false);
  protected readonly loadError = signal<unknown>(null);
  protected readonly values = signal<Record<string, FieldValue>>({});
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);

  constructor() {
    effect(() => {
      this.siteCode();
      this.spec();
      untracked(() => this.load());
    });
  }

  protected load(): void {
    this.loaded.set(false);
    this.loadError.set(null);
    this.saveError.set(null);
    this.spec()
      .load(this.siteCode())
      .subscribe({
        next: (policy) => this.show(policy),
        error: (error: unknown) => this.loadError.set(error),
      });
  }

  private show(policy: T): void {
    const values: Record<string, FieldValue> = {};
    for (const field of this.spec().fields) {
      const value = policy[field.key];
      values[field.key] = typeof value === 'boolean' ? value : value === null || value === undefined ? '' : String(value);
    }
    this.values.set(values);
    this.loaded.set(true);
  }

  protected set(key: string, value: FieldValue): void {
    this.values.update((values) => ({ ...values, [key]: value }));
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    // Numbers as typed (a number, or the text when it is not one): the API says what is wrong.
    const asNumber = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
    const policy: Record<string, unknown> = {};
    for (const field of this.spec().fields) {
      const value = this.values()[field.key];
      if (field.kind === 'optional-number' && typeof value === 'string' && value.trim() === '') policy[field.key] = null;
      else policy[field.key] = (field.kind === 'number' || field.kind === 'optional-number') && typeof value === 'string' ? asNumber(value) : value;
    }
    this.spec()
      .save(this.siteCode(), policy as T)
      .subscribe({
        next: (saved) => {
          this.saving.set(false);
          this.show(saved);
          const { key, params } = this.spec().saved(saved);
          this.announce.emit(this.i18n.t(key, params));
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveError.set(error);
        },
      });
  }
}
