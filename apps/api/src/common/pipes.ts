import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@mpp/contracts';
import { isSlug } from '@mpp/domain';
import { ApiException } from './errors/api-exception';
import { validationExceptionFactory } from './errors/validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Deeper than any body the API takes (a service with its requirements is 4 levels). */
export const MAX_INPUT_DEPTH = 32;

/** NUL (PostgreSQL stores no NUL in text) and UTF-16 surrogates without their pair (not text at all). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const FORBIDDEN_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Looks at a body or query before class-transformer and class-validator see it, without
 * recursion: nesting deeper than MAX_INPUT_DEPTH (JSON 1,500 levels deep overflowed the
 * validator's stack: a 500) and strings holding NUL or a lone surrogate (PostgreSQL refused
 * them: a 500) are the caller's mistake, answered 400 with every such field named.
 */
export function inspectInput(value: unknown): { tooDeep: boolean; badText: string[] } {
  const badText: string[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (FORBIDDEN_CHARACTER.test(current)) badText.push(path || 'body');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { tooDeep: true, badText };
    for (const [key, child] of Object.entries(current)) {
      if (FORBIDDEN_CHARACTER.test(key)) badText.push(path ? `${path}.${key}` : key);
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return { tooDeep: false, badText: badText.reverse() };
}

const TOO_DEEP = {
  id: `Data yang dikirim bersarang terlalu dalam (paling dalam ${MAX_INPUT_DEPTH} tingkat).`,
  en: `The submitted data is nested too deeply (at most ${MAX_INPUT_DEPTH} levels).`,
};

function badTextError(field: string): FieldError {
  return {
    field,
    message: {
      id: `${field} berisi karakter yang tidak diizinkan (NUL atau surrogate UTF-16 tanpa pasangan).`,
      en: `${field} contains a character that is not allowed (NUL or an unpaired UTF-16 surrogate).`,
    },
  };
}

/**
 * The API's one validation pipe: the checks of inspectInput first, then class-validator with the
 * house options (unknown fields refused, every problem named in both languages).
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const { tooDeep, badText } = inspectInput(value);
      if (tooDeep) throw ApiException.badRequest('BODY_TOO_DEEP', TOO_DEEP);
      if (badText.length > 0) {
        const fields = badText.map(badTextError);
        throw ApiException.badRequest(
          'VALIDATION_FAILED',
          { id: `Data yang dikirim belum benar: ${fields[0].message.id}`, en: `The submitted data is not valid: ${fields[0].message.en}` },
          fields,
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/** Path ids: a malformed id is the caller's mistake (400), not a missing record. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      const field = meta.data ?? 'id';
      throw ApiException.badRequest('INVALID_ID', {
        id: `${field} "${value}" bukan ID yang benar (UUID).`,
        en: `${field} "${value}" is not a valid ID (UUID).`,
      });
    }
    return value.toLowerCase();
  }
}

/** Codes of sites, agencies and services are lowercase slugs such as "kota-kupang". */
@Injectable()
export class SiteCodePipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    const code = value.trim().toLowerCase();
    if (!isSlug(code)) {
      const field = meta.data ?? 'code';
      throw ApiException.badRequest('INVALID_CODE', {
        id: `${field} "${value}" tidak sesuai format kode (huruf kecil, angka dan tanda hubung, mis. kota-kupang).`,
        en: `${field} "${value}" is not a valid code (lowercase letters, digits and hyphens, e.g. kota-kupang).`,
      });
    }
    return code;
  }
}
