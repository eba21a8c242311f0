import type { ValidationError } from 'class-validator';
import type { FieldError, LocalizedText } from '@mpp/contracts';
import { ApiException } from './api-exception';

/**
 * Turns class-validator's findings into bilingual field errors. Each DTO rule maps to one
 * template here, so every endpoint explains bad input the same way.
 */
type Template = (field: string, args: unknown[]) => LocalizedText;

const TEMPLATES: Record<string, Template> = {
  whitelistValidation: (f) => ({ id: `Kolom "${f}" tidak dikenal; hapus kolom ini.`, en: `Field "${f}" is not allowed; remove it.` }),
  isDefined: (f) => ({ id: `${f} wajib diisi.`, en: `${f} is required.` }),
  isNotEmpty: (f) => ({ id: `${f} wajib diisi.`, en: `${f} must not be empty.` }),
  isString: (f) => ({ id: `${f} harus berupa teks.`, en: `${f} must be text.` }),
  isBoolean: (f) => ({ id: `${f} harus bernilai true atau false.`, en: `${f} must be true or false.` }),
  isInt: (f) => ({ id: `${f} harus bilangan bulat.`, en: `${f} must be a whole number.` }),
  isArray: (f) => ({ id: `${f} harus berupa daftar.`, en: `${f} must be a list.` }),
  isObject: (f) => ({ id: `${f} harus berupa objek.`, en: `${f} must be an object.` }),
  isEmail: (f) => ({ id: `${f} harus alamat email yang benar, mis. nama@contoh.go.id.`, en: `${f} must be a valid email address, e.g. name@example.go.id.` }),
  isUrl: (f) => ({ id: `${f} harus alamat web (https://...).`, en: `${f} must be a web address (https://...).` }),
  isUUID: (f) => ({ id: `${f} harus berupa ID (UUID) yang benar.`, en: `${f} must be a valid ID (UUID).` }),
  isDateString: (f) => ({ id: `${f} harus tanggal dengan format YYYY-MM-DD.`, en: `${f} must be a date in YYYY-MM-DD format.` }),
  isISO8601: (f) => ({ id: `${f} harus tanggal dengan format YYYY-MM-DD.`, en: `${f} must be a date in YYYY-MM-DD format.` }),
  min: (f, a) => ({ id: `${f} paling kecil ${String(a[0])}.`, en: `${f} must be at least ${String(a[0])}.` }),
  max: (f, a) => ({ id: `${f} paling besar ${String(a[0])}.`, en: `${f} must be at most ${String(a[0])}.` }),
  minLength: (f, a) => ({ id: `${f} minimal ${String(a[0])} karakter.`, en: `${f} must be at least ${String(a[0])} characters long.` }),
  maxLength: (f, a) => ({ id: `${f} maksimal ${String(a[0])} karakter.`, en: `${f} must be at most ${String(a[0])} characters long.` }),
  arrayMinSize: (f, a) => ({ id: `${f} harus berisi minimal ${String(a[0])} butir.`, en: `${f} must contain at least ${String(a[0])} items.` }),
  arrayMaxSize: (f, a) => ({ id: `${f} maksimal berisi ${String(a[0])} butir.`, en: `${f} must contain at most ${String(a[0])} items.` }),
  isIn: (f, a) => ({ id: `${f} harus salah satu dari: ${formatList(a[0])}.`, en: `${f} must be one of: ${formatList(a[0])}.` }),
  isEnum: (f, a) => ({ id: `${f} harus salah satu dari: ${formatList(a[0])}.`, en: `${f} must be one of: ${formatList(a[0])}.` }),
  matches: (f) => ({ id: `Format ${f} tidak sesuai.`, en: `${f} has the wrong format.` }),
  nestedValidation: (f) => ({ id: `${f} tidak lengkap atau tidak sesuai.`, en: `${f} is incomplete or invalid.` }),
};

function formatList(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}

/**
 * Custom decorators may put a bilingual message in the context: { context: { message: {id, en} } },
 * or a function of the refused value that answers one (a rule with several reasons, e.g. the NIK).
 */
function messageFor(error: ValidationError, field: string, constraint: string, text: string): LocalizedText {
  const custom = (error.contexts?.[constraint] as { message?: LocalizedText | ((value: unknown) => LocalizedText) } | undefined)?.message;
  if (typeof custom === 'function') return custom(error.value);
  if (custom) return custom;
  const template = TEMPLATES[constraint];
  if (template) {
    const args = extractArgs(error, constraint);
    return template(field, args);
  }
  return { id: `${field} tidak valid: ${text}`, en: text };
}

/** class-validator keeps no constraint arguments on the error; recover them from the default message. */
function extractArgs(error: ValidationError, constraint: string): unknown[] {
  const text = error.constraints?.[constraint] ?? '';
  if (constraint === 'isIn' || constraint === 'isEnum') {
    const match = /: (.*)$/.exec(text);
    return [match ? match[1].split(',').map((s) => s.trim()) : []];
  }
  const number = /(-?\d+(\.\d+)?)/.exec(text.replace(error.property, ''));
  return [number ? number[1] : ''];
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, text] of Object.entries(error.constraints ?? {})) {
      out.push({ field, message: messageFor(error, field, constraint, text) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): ApiException {
  const fields = flattenValidationErrors(errors);
  const first = fields[0]?.message;
  return ApiException.badRequest(
    'VALIDATION_FAILED',
    {
      id: `Data yang dikirim belum benar${first ? `: ${first.id}` : '.'}${fields.length > 1 ? ` (dan ${fields.length - 1} lainnya)` : ''}`,
      en: `The submitted data is not valid${first ? `: ${first.en}` : '.'}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`,
    },
    fields,
  );
}
