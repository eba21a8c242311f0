import type { DocumentForm, FieldError, RequirementResponse, UploadableFileType } from '@mpp/contracts';

/** What an edit may say about one requirement (RequirementDto's fields). */
export interface RequirementInput {
  id?: string;
  name: string;
  nameEn?: string | null;
  description?: string | null;
  mandatory: boolean;
  form: DocumentForm;
  uploadable: boolean;
  fileTypes: UploadableFileType[];
}

/** A requirement's stored fields, as written to service_requirement (and answered, without the id). */
export type RequirementValues = Omit<RequirementResponse, 'id'>;

/** An active requirement row as it is now. */
export type StoredRequirement = RequirementResponse;

export interface RequirementEditPlan {
  /** Rows kept, with their values after the edit (position included). */
  updates: StoredRequirement[];
  /** New rows, in the order they come. */
  inserts: RequirementValues[];
  /** Rows left out: deleted, or retired when something refers to them. */
  removals: string[];
  /** Whether the set differs in anything a reader sees: a row added, removed, changed or moved. */
  changed: boolean;
}

/** A requirement as the edit asks for it at `position` (1-based): trimmed, empty optional texts as null. */
export function requirementValues(input: RequirementInput, position: number): RequirementValues {
  return {
    position,
    name: input.name.trim(),
    nameEn: input.nameEn?.trim() || null,
    description: input.description?.trim() || null,
    mandatory: input.mandatory,
    form: input.form,
    uploadable: input.uploadable,
    fileTypes: [...input.fileTypes],
  };
}

function sameValues(a: RequirementValues, b: RequirementValues): boolean {
  return (
    a.position === b.position &&
    a.name === b.name &&
    a.nameEn === b.nameEn &&
    a.description === b.description &&
    a.mandatory === b.mandatory &&
    a.form === b.form &&
    a.uploadable === b.uploadable &&
    a.fileTypes.length === b.fileTypes.length &&
    a.fileTypes.every((t, i) => t === b.fileTypes[i])
  );
}

/**
 * How an edit's requirement list changes a service's active requirements: a requirement with the id
 * of one of them updates that row (its id stays), one without an id is new, and a row the list
 * leaves out is removed. An id that is not one of the service's active requirements, or comes
 * twice, is refused with the field it is in.
 */
export function planRequirementEdit(current: readonly StoredRequirement[], requested: readonly RequirementInput[]): { plan: RequirementEditPlan } | { refused: FieldError[] } {
  const byId = new Map(current.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const refused: FieldError[] = [];
  const updates: StoredRequirement[] = [];
  const inserts: RequirementValues[] = [];
  let changed = false;

  requested.forEach((input, i) => {
    const values = requirementValues(input, i + 1);
    if (input.id === undefined) {
      inserts.push(values);
      changed = true;
      return;
    }
    const id = input.id.toLowerCase();
    const stored = byId.get(id);
    if (!stored) {
      refused.push({ field: `requirements.${i}.id`, message: REQUIREMENT_NOT_OF_SERVICE });
    } else if (seen.has(id)) {
      refused.push({ field: `requirements.${i}.id`, message: REQUIREMENT_TWICE });
    } else {
      seen.add(id);
      updates.push({ id, ...values });
      if (!sameValues(stored, values)) changed = true;
    }
  });
  if (refused.length > 0) return { refused };

  const removals = current.filter((r) => !seen.has(r.id)).map((r) => r.id);
  if (removals.length > 0) changed = true;
  return { plan: { updates, inserts, removals, changed } };
}

const REQUIREMENT_NOT_OF_SERVICE = {
  id: 'ID ini bukan persyaratan layanan ini (atau sudah dihapus). Muat ulang layanan; persyaratan baru dikirim tanpa id.',
  en: "This id is not one of the service's requirements (or it was removed). Reload the service; send a new requirement without an id.",
};

const REQUIREMENT_TWICE = {
  id: 'Persyaratan yang sama (id yang sama) muncul lebih dari sekali.',
  en: 'The same requirement (the same id) appears more than once.',
};
