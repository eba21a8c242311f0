import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LocalizedText } from '@mpp/contracts';
import { BilingualPipe } from '@mpp/ui';

import { CITIZEN_FORM_TEXT } from './citizen-form.text';
import type { CitizenField, CitizenIdentityForm } from './citizen-identity-form';

interface FieldSpec {
  field: CitizenField;
  /** The field's test id after the prefix (the name is "name", as the pages always called it). */
  testId: string;
  label: LocalizedText;
  hint: LocalizedText | null;
  type: 'text' | 'tel' | 'email';
  inputmode: 'numeric' | 'tel' | null;
  autocomplete: string;
  maxlength: number;
  required: boolean;
}

const SPECS: readonly FieldSpec[] = [
  { field: 'nik', testId: 'nik', label: CITIZEN_FORM_TEXT.nik, hint: CITIZEN_FORM_TEXT.nikHint, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 20, required: true },
  { field: 'fullName', testId: 'name', label: CITIZEN_FORM_TEXT.name, hint: null, type: 'text', inputmode: null, autocomplete: 'name', maxlength: 120, required: true },
  { field: 'phone', testId: 'phone', label: CITIZEN_FORM_TEXT.phone, hint: null, type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20, required: true },
  { field: 'email', testId: 'email', label: CITIZEN_FORM_TEXT.email, hint: null, type: 'email', inputmode: null, autocomplete: 'email', maxlength: 254, required: false },
];

/**
 * The citizen's identity fields (NIK, name, mobile, and email when the form takes one), for the
 * booking form and the ticket from home. Each input has its label, its hint and its message tied
 * to it (aria-describedby, aria-invalid); ids and test ids are `{idPrefix}-{field}` (the name's
 * test id is `{idPrefix}-name`), so the page can focus the first field with a problem. The state
 * and the checks live in the CitizenIdentityForm the page passes in.
 */
@Component({
  selector: 'portal-citizen-identity-fields',
  imports: [BilingualPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './citizen-identity-fields.component.html',
  styleUrl: './citizen-identity-fields.component.css',
})
export class CitizenIdentityFieldsComponent {
  readonly form = input.required<CitizenIdentityForm>();
  /** "booking" or "online": the start of every id and test id. */
  readonly idPrefix = input.required<string>();
  /** A hint under the mobile number (what the page sends there), if any. */
  readonly phoneHint = input<LocalizedText | null>(null);

  protected readonly text = CITIZEN_FORM_TEXT;
  protected readonly specs = computed(() => {
    const fields = this.form().fields;
    const phoneHint = this.phoneHint();
    return SPECS.filter((s) => fields.includes(s.field)).map((s) => (s.field === 'phone' ? { ...s, hint: phoneHint } : s));
  });
  protected readonly anyPrefilled = computed(() => this.form().prefilled().size > 0);

  protected describedBy(spec: FieldSpec, error: string | undefined): string | null {
    const id = `${this.idPrefix()}-${spec.field}`;
    const ids = [spec.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((x) => x !== null);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected onInput(field: CitizenField, event: Event): void {
    this.form().set(field, (event.target as HTMLInputElement).value);
  }
}
