import type { LocalizedText } from '@mpp/contracts';
import { checkPersonName, NIK_MESSAGES, normalizeIndonesianMobile, parseNik, PERSON_NAME_MESSAGES, PHONE_MESSAGES } from '@mpp/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The citizen's NIK, name and phone checked by libs/domain's rules in the validation pipe, beside
 * every other field, so one answer names every bad field at once (an empty name no longer hides a
 * bad NIK). Each message says why, from the rule's own table. The service runs the same rules
 * again on the values it keeps (normalised, and the NIK against its clock).
 */
function domainRule(name: string, problem: (value: unknown) => LocalizedText | null, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      // A non-empty default message: class-validator attaches the context only to a constraint with a message.
      validator: { validate: (value: unknown) => problem(value) === null, defaultMessage: () => name },
    },
    { context: { message: (value: unknown) => problem(value) ?? { id: '', en: '' } }, ...options },
  );
}

export function IsNik(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isNik',
    (value) => {
      const nik = parseNik(typeof value === 'string' ? value : '');
      return nik.valid ? null : NIK_MESSAGES[nik.reason];
    },
    options,
  );
}

export function IsIndonesianMobile(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isIndonesianMobile',
    (value) => {
      const phone = normalizeIndonesianMobile(typeof value === 'string' ? value : '');
      return phone.valid ? null : PHONE_MESSAGES[phone.reason];
    },
    options,
  );
}

export function IsPersonName(options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isPersonName',
    (value) => {
      const name = checkPersonName(value);
      return name.valid ? null : PERSON_NAME_MESSAGES[name.reason];
    },
    options,
  );
}
