import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RED_FLAG_IKM_BANDS, type RedFlagSettings, type RedFlagSettingsResponse } from '@mpp/contracts';
import { describeApiError, ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';

import { CommandApi } from './command-api.service';

type NumberField = Exclude<keyof RedFlagSettings, 'ikmMinBand'>;

interface NumberFieldSpec {
  name: NumberField;
  /** Empty switches the flag off (sent as null); otherwise the API requires a number. */
  nullable: boolean;
  min: number;
  max: number;
}

/** The thresholds in the order of docs/red-flags.md; ranges only as input hints (the API decides). */
const NUMBER_FIELDS: readonly NumberFieldSpec[] = [
  { name: 'waitMinutes', nullable: true, min: 5, max: 480 },
  { name: 'idleMinutes', nullable: true, min: 5, max: 240 },
  { name: 'pickedSharePercent', nullable: true, min: 1, max: 100 },
  { name: 'pickedMinCalls', nullable: false, min: 1, max: 1000 },
  { name: 'overdueApplications', nullable: true, min: 1, max: 1000 },
  { name: 'ikmDays', nullable: false, min: 7, max: 365 },
  { name: 'ikmMinRespondents', nullable: false, min: 1, max: 1000 },
  { name: 'calendarDaysBefore', nullable: true, min: 1, max: 365 },
  { name: 'summaryHour', nullable: true, min: 0, max: 23 },
];

/**
 * The site's red flag thresholds (site and system admins): read from and saved to the settings
 * API; a refusal's field messages beside their fields, any other refusal (422) above the form.
 */
@Component({
  selector: 'counter-red-flag-settings-form',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="mpp-card settings" aria-labelledby="red-flag-settings-heading">
      <h2 id="red-flag-settings-heading">{{ 'command.settings.heading' | t }}</h2>
      <p class="mpp-muted">{{ 'command.settings.intro' | t }}</p>
      <p class="settings__done" role="status" data-testid="red-flag-settings-announcement">{{ announcement() }}</p>
      @if (loadError()) {
        <ui-error-alert [error]="loadError()" [retryable]="true" (retry)="load(siteCode())" />
      } @else if (loaded()) {
        @if (!loaded()!.updatedAt) {
          <p class="mpp-muted" data-testid="red-flag-settings-defaults">{{ 'command.settings.defaults' | t }}</p>
        }
        <form novalidate data-testid="red-flag-settings-form" (submit)="save($event)">
          @if (saveError(); as error) {
            @if (fieldErrors().size > 0) {
              <p class="settings__refused" role="alert" tabindex="-1" data-testid="red-flag-settings-error">{{ errorMessage() }}</p>
            } @else {
              <ui-error-alert data-testid="red-flag-settings-error" [error]="error" />
            }
          }
          <div class="settings__grid">
            @for (field of fields; track field.name) {
              <div class="mpp-field">
                <label class="mpp-label" [for]="'rf-' + field.name">{{ 'command.settings.' + field.name | t }}</label>
                <input
                  #box
                  class="mpp-input"
                  type="number"
                  inputmode="numeric"
                  [id]="'rf-' + field.name"
                  [attr.data-testid]="'rf-' + field.name"
                  [min]="field.min"
                  [max]="field.max"
                  [attr.aria-invalid]="fieldErrors().has(field.name) ? 'true' : null"
                  [attr.aria-describedby]="'rf-' + field.name + '-hint' + (fieldErrors().has(field.name) ? ' rf-' + field.name + '-error' : '')"
                  [value]="values()[field.name]"
                  (input)="setValue(field.name, box.value)"
                />
                <p class="mpp-muted settings__hint" [id]="'rf-' + field.name + '-hint'">{{ 'command.settings.' + field.name + 'Hint' | t }}</p>
                @if (fieldErrors().get(field.name); as message) {
                  <p class="settings__field-error" [id]="'rf-' + field.name + '-error'" [attr.data-testid]="'rf-' + field.name + '-error'">{{ message }}</p>
                }
              </div>
            }
            <div class="mpp-field">
              <label class="mpp-label" for="rf-ikmMinBand">{{ 'command.settings.ikmMinBand' | t }}</label>
              <select
                #band
                id="rf-ikmMinBand"
                class="mpp-select"
                data-testid="rf-ikmMinBand"
                [attr.aria-invalid]="fieldErrors().has('ikmMinBand') ? 'true' : null"
                [attr.aria-describedby]="'rf-ikmMinBand-hint' + (fieldErrors().has('ikmMinBand') ? ' rf-ikmMinBand-error' : '')"
                (change)="band$.set(band.value)"
              >
                <option value="" [selected]="band$() === ''">{{ 'command.settings.ikmOff' | t }}</option>
                @for (b of bands; track b) {
                  <option [value]="b" [selected]="band$() === b">{{ b }}</option>
                }
              </select>
              <p class="mpp-muted settings__hint" id="rf-ikmMinBand-hint">{{ 'command.settings.ikmMinBandHint' | t }}</p>
              @if (fieldErrors().get('ikmMinBand'); as message) {
                <p class="settings__field-error" id="rf-ikmMinBand-error" data-testid="rf-ikmMinBand-error">{{ message }}</p>
              }
            </div>
          </div>
          <button type="submit" class="mpp-button mpp-button--primary" data-testid="red-flag-settings-save" [disabled]="saving()">
            {{ (saving() ? 'command.settings.saving' : 'command.settings.save') | t }}
          </button>
        </form>
      } @else {
        <p class="mpp-status" role="status">{{ 'command.loading' | t }}</p>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .settings h2 {
      margin-top: 0;
    }
    .settings__grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 0 var(--mpp-space-4);
    }
    .settings__hint {
      margin: var(--mpp-space-1) 0 0;
      font-size: 0.875rem;
    }
    .settings__field-error,
    .settings__refused {
      margin: var(--mpp-space-1) 0 0;
      color: var(--mpp-color-danger);
      font-weight: 600;
    }
    .settings__refused {
      margin: 0 0 var(--mpp-space-3);
    }
    .settings__done:empty {
      display: none;
    }
    .settings__done {
      font-weight: 600;
    }
  `,
})
export class RedFlagSettingsFormComponent {
  private readonly api = inject(CommandApi);
  private readonly i18n = inject(I18nService);

  readonly siteCode = input.required<string>();

  protected readonly fields = NUMBER_FIELDS;
  protected readonly bands = RED_FLAG_IKM_BANDS;
  protected readonly loaded = signal<RedFlagSettingsResponse | null>(null);
  protected readonly loadError = signal<unknown>(null);
  protected readonly values = signal<Record<NumberField, string>>(emptyValues());
  protected readonly band$ = signal('');
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  protected readonly announcement = signal('');

  private readonly description = computed(() => (this.saveError() ? describeApiError(this.saveError(), this.i18n.lang()) : null));
  protected readonly errorMessage = computed(() => this.description()?.message ?? '');
  /** The refusal's messages by field (the API names the DTO's property). */
  protected readonly fieldErrors = computed(() => new Map((this.description()?.fields ?? []).map((f) => [f.field, f.message] as const)));

  constructor() {
    effect(() => {
      const code = this.siteCode();
      untracked(() => this.load(code));
    });
  }

  protected load(code: string): void {
    this.loaded.set(null);
    this.loadError.set(null);
    this.saveError.set(null);
    this.announcement.set('');
    this.api.settings(code).subscribe({
      next: (settings) => this.show(settings),
      error: (error: unknown) => this.loadError.set(error),
    });
  }

  private show(settings: RedFlagSettingsResponse): void {
    this.loaded.set(settings);
    const values = emptyValues();
    for (const field of NUMBER_FIELDS) values[field.name] = settings[field.name] === null ? '' : String(settings[field.name]);
    this.values.set(values);
    this.band$.set(settings.ikmMinBand ?? '');
  }

  protected setValue(name: NumberField, value: string): void {
    this.values.update((values) => ({ ...values, [name]: value }));
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    const code = this.siteCode();
    const typed = this.values();
    const body: Record<string, unknown> = { ikmMinBand: this.band$() === '' ? null : this.band$() };
    // Sent as typed (a number, empty as null where that switches a flag off): the API says what is wrong.
    for (const field of NUMBER_FIELDS) {
      const text = typed[field.name].trim();
      body[field.name] = text === '' ? (field.nullable ? null : text) : Number.isFinite(Number(text)) ? Number(text) : text;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.announcement.set('');
    this.api.saveSettings(code, body as unknown as RedFlagSettings).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.show(settings);
        this.announcement.set(this.i18n.t('command.settings.saved'));
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(error);
        const first = this.fieldErrors().keys().next().value;
        queueMicrotask(() => (first ? document.getElementById(`rf-${first}`) : null)?.focus());
      },
    });
  }
}

function emptyValues(): Record<NumberField, string> {
  return Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, ''])) as Record<NumberField, string>;
}
