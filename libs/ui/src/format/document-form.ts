import type { DocumentForm } from '@mpp/contracts';

import type { UiTranslationKey } from '../i18n/ui.dictionary';

const FORM_KEYS: Readonly<Record<DocumentForm, UiTranslationKey | null>> = {
  original: 'requirement.form.original',
  copy: 'requirement.form.copy',
  original_and_copy: 'requirement.form.original_and_copy',
  none: null,
};

/** The i18n key naming what to bring ("Asli", "Fotokopi", ...); null when nothing is brought. */
export function documentFormKey(form: DocumentForm): UiTranslationKey | null {
  return FORM_KEYS[form];
}
