import type { FieldError, LocalizedText } from '@mpp/contracts';
import { checkPersonName, NIK_MESSAGES, normalizeIndonesianMobile, parseNik, PERSON_NAME_MESSAGES, PHONE_MESSAGES } from '@mpp/domain';
import { ApiException } from './errors/api-exception';

/** The identity a citizen's form keeps, normalised: the NIK, the name in NFC, the phone in E.164. */
export interface CheckedCitizenIdentity {
  nik: string;
  fullName: string;
  phone: string;
}

/**
 * NIK (against the clock), name and mobile by libs/domain's rules, as the service keeps them (the
 * DTO checked them too, without the clock). Every problem is named at once, with the feature's own
 * (`more`, after the identity's): 400 VALIDATION_FAILED, its message the feature's own (`invalid`)
 * around the first field's reason.
 */
export function checkCitizenIdentity(
  person: { nik: string; fullName: string; phone: string },
  now: Date,
  invalid: (first: LocalizedText) => LocalizedText,
  more: readonly FieldError[] = [],
): CheckedCitizenIdentity {
  const fields: FieldError[] = [];
  const nik = parseNik(person.nik, now);
  if (!nik.valid) fields.push({ field: 'nik', message: NIK_MESSAGES[nik.reason] });
  const phone = normalizeIndonesianMobile(person.phone);
  if (!phone.valid) fields.push({ field: 'phone', message: PHONE_MESSAGES[phone.reason] });
  const name = checkPersonName(person.fullName);
  if (!name.valid) fields.push({ field: 'fullName', message: PERSON_NAME_MESSAGES[name.reason] });
  fields.push(...more);
  if (!nik.valid || !phone.valid || !name.valid || fields.length > 0) throw ApiException.badRequest('VALIDATION_FAILED', invalid(fields[0].message), fields);
  return { nik: nik.nik, fullName: name.name, phone: phone.e164 };
}
