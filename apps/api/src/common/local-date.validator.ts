import { isValidLocalDate } from '@mpp/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The bilingual message for a date that is not a real calendar day written YYYY-MM-DD. */
export const LOCAL_DATE_MESSAGE = {
  id: 'Tanggal harus tanggal yang ada, berformat YYYY-MM-DD, mis. 2026-11-23.',
  en: 'The date must be a real date written YYYY-MM-DD, e.g. 2026-11-23.',
};

/**
 * A site-local date "YYYY-MM-DD" that exists in the calendar (libs/domain isValidLocalDate), so
 * 2026-02-30, 2026-13-01 and 0000-00-00 are a 400 naming the field, not a RangeError deeper down.
 */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      // A non-empty default message: class-validator attaches the context only to a constraint with a message.
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidLocalDate(value), defaultMessage: () => LOCAL_DATE_MESSAGE.en },
    },
    { context: { message: LOCAL_DATE_MESSAGE }, ...options },
  );
}
