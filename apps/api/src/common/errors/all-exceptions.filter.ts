import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError, LocalizedText } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { renderErrorPage } from './error-page';
import { pgErrorOf } from './pg-error';

/** Constraint names from the migrations, with what they mean to a person. */
const CONSTRAINT_MESSAGES: Record<string, { code: string; message: LocalizedText }> = {
  uq_site_code: { code: 'SITE_CODE_TAKEN', message: { id: 'Kode MPP sudah dipakai. Pilih kode lain.', en: 'This site code is already in use. Choose another code.' } },
  uq_agency_site_code: { code: 'AGENCY_CODE_TAKEN', message: { id: 'Kode instansi sudah dipakai di MPP ini. Pilih kode lain.', en: 'This agency code is already used at this site. Choose another code.' } },
  uq_service_site_code: { code: 'SERVICE_CODE_TAKEN', message: { id: 'Kode layanan sudah dipakai di MPP ini. Pilih kode lain.', en: 'This service code is already used at this site. Choose another code.' } },
  uq_staff_user_email: { code: 'EMAIL_TAKEN', message: { id: 'Email ini sudah terdaftar untuk akun petugas lain.', en: 'This email is already registered to another staff account.' } },
  uq_site_closure_day: { code: 'CLOSURE_EXISTS', message: { id: 'Tanggal ini sudah tercatat sebagai hari tutup MPP.', en: 'This date is already recorded as a closure for the site.' } },
  uq_counter_site_number: { code: 'COUNTER_NUMBER_TAKEN', message: { id: 'Nomor loket ini sudah dipakai di MPP ini.', en: 'This counter number is already used at this site.' } },
  uq_counter_officer: { code: 'OFFICER_AT_OTHER_COUNTER', message: { id: 'Petugas ini sedang bertugas di loket lain.', en: 'This officer is signed in at another counter.' } },
  uq_ticket_active_per_counter: { code: 'COUNTER_BUSY', message: { id: 'Loket ini masih memegang tiket lain.', en: 'This counter still holds another ticket.' } },
  uq_national_calendar_day: { code: 'CALENDAR_DAY_EXISTS', message: { id: 'Tanggal ini sudah tercatat di kalender nasional.', en: 'This date is already in the national calendar.' } },
};

const STATUS_CODES: Partial<Record<number, { code: string; message: LocalizedText }>> = {
  400: { code: 'BAD_REQUEST', message: { id: 'Permintaan tidak dapat diproses. Periksa data yang dikirim.', en: 'The request could not be processed. Check the data you sent.' } },
  401: { code: 'UNAUTHENTICATED', message: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' } },
  403: { code: 'FORBIDDEN', message: { id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' } },
  404: { code: 'NOT_FOUND', message: { id: 'Alamat yang diminta tidak ditemukan.', en: 'The requested address was not found.' } },
  413: { code: 'PAYLOAD_TOO_LARGE', message: { id: 'Data yang dikirim terlalu besar.', en: 'The request body is too large.' } },
  429: { code: 'TOO_MANY_REQUESTS', message: { id: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.', en: 'Too many attempts. Wait a moment and try again.' } },
};

/**
 * What body-parser (json, urlencoded) refuses, by its error `type`; any other error it raises with
 * a 4xx status is a bad request too (a gzip body that does not unzip, an aborted upload).
 */
const BODY_PARSER_ERRORS: Record<string, { statusCode: number; code: string; message: LocalizedText }> = {
  'charset.unsupported': {
    statusCode: 415,
    code: 'UNSUPPORTED_CHARSET',
    message: { id: 'Isi permintaan harus berkode UTF-8 (charset=utf-8).', en: 'The request body must be encoded as UTF-8 (charset=utf-8).' },
  },
  'encoding.unsupported': {
    statusCode: 415,
    code: 'UNSUPPORTED_ENCODING',
    message: {
      id: 'Content-Encoding ini tidak didukung; kirim tanpa kompresi atau dengan gzip, deflate atau br.',
      en: 'This Content-Encoding is not supported; send the body uncompressed or as gzip, deflate or br.',
    },
  },
  'querystring.parse.rangeError': {
    statusCode: 400,
    code: 'BODY_TOO_DEEP',
    message: { id: 'Data formulir yang dikirim bersarang terlalu dalam.', en: 'The submitted form data is nested too deeply.' },
  },
  'parameters.too.many': {
    statusCode: 413,
    code: 'TOO_MANY_PARAMETERS',
    message: { id: 'Data formulir yang dikirim berisi terlalu banyak kolom.', en: 'The submitted form data has too many fields.' },
  },
};

const MALFORMED_BODY: LocalizedText = {
  id: 'Isi permintaan tidak dapat dibaca. Periksa Content-Type, Content-Encoding dan isinya.',
  en: 'The request body could not be read. Check its Content-Type, Content-Encoding and content.',
};

const MALFORMED_JSON: ApiError = {
  statusCode: 400,
  code: 'MALFORMED_JSON',
  message: { id: 'Isi permintaan bukan JSON yang benar.', en: 'The request body is not valid JSON.' },
};

const INTERNAL: LocalizedText = {
  id: 'Terjadi gangguan pada sistem. Data Anda tidak berubah; silakan coba lagi.',
  en: 'Something went wrong on our side. Nothing was changed; please try again.',
};

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request | undefined>();
    const body = this.toApiError(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) return;
    // A route that answers a page (set by its @Header, or named .html when a guard refused
    // before the route ran) gets its error as a page too.
    if (String(response.getHeader('Content-Type') ?? '').startsWith('text/html') || /\.html$/.test(request?.path ?? '')) {
      response.status(body.statusCode).type('html').send(renderErrorPage(body));
      return;
    }
    response.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (isApiError(payload)) return payload;
      // Nest turns body-parser's SyntaxError into a plain BadRequestException.
      if (status === 400 && /JSON/.test(exception.message)) return MALFORMED_JSON;
      const known = STATUS_CODES[status];
      if (known) return { statusCode: status, ...known };
      return { statusCode: status, code: `HTTP_${status}`, message: { id: exception.message, en: exception.message } };
    }
    const pg = pgErrorOf(exception);
    if (pg) {
      if (pg.code === '23505' && pg.constraint && CONSTRAINT_MESSAGES[pg.constraint]) {
        return { statusCode: HttpStatus.CONFLICT, ...CONSTRAINT_MESSAGES[pg.constraint] };
      }
      if (pg.code === '23505') {
        return { statusCode: HttpStatus.CONFLICT, code: 'DUPLICATE', message: { id: 'Data yang sama sudah ada.', en: 'The same record already exists.' } };
      }
      if (pg.code === '23503') {
        return {
          statusCode: HttpStatus.CONFLICT,
          code: 'IN_USE',
          message: { id: 'Data ini masih dipakai oleh data lain.', en: 'This record is still referenced by other records.' },
        };
      }
    }
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: INTERNAL };
  }
}

/** An error body-parser (http-errors) raised: a numeric 4xx status, meant to be shown. */
function bodyParserError(exception: unknown): ApiError | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, type, expose } = exception as { status?: unknown; type?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (known) return { ...known };
  if (status === 413) return { statusCode: 413, ...STATUS_CODES[413]! };
  return { statusCode: status, code: 'MALFORMED_BODY', message: MALFORMED_BODY };
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    typeof (value as ApiError).message === 'object'
  );
}
