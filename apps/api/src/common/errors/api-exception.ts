import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, FieldError, LocalizedText } from '@mpp/contracts';

/** An error a person can act on, in Bahasa Indonesia and English. */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, code: string, message: LocalizedText, fields?: FieldError[]) {
    const body: ApiError = { statusCode: status, code, message, ...(fields ? { fields } : {}) };
    super(body, status);
  }

  static notFound(code: string, message: LocalizedText): ApiException {
    return new ApiException(HttpStatus.NOT_FOUND, code, message);
  }

  static conflict(code: string, message: LocalizedText): ApiException {
    return new ApiException(HttpStatus.CONFLICT, code, message);
  }

  static unprocessable(code: string, message: LocalizedText, fields?: FieldError[]): ApiException {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, fields);
  }

  static badRequest(code: string, message: LocalizedText, fields?: FieldError[]): ApiException {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message, fields);
  }

  static unauthorized(code: string, message: LocalizedText): ApiException {
    return new ApiException(HttpStatus.UNAUTHORIZED, code, message);
  }

  static forbidden(code: string, message: LocalizedText): ApiException {
    return new ApiException(HttpStatus.FORBIDDEN, code, message);
  }
}
