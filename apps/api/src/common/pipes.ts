import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiException } from './errors/api-exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

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
    if (!SLUG.test(code) || code.length > 64) {
      const field = meta.data ?? 'code';
      throw ApiException.badRequest('INVALID_CODE', {
        id: `${field} "${value}" tidak sesuai format kode (huruf kecil, angka dan tanda hubung, mis. kota-kupang).`,
        en: `${field} "${value}" is not a valid code (lowercase letters, digits and hyphens, e.g. kota-kupang).`,
      });
    }
    return code;
  }
}
