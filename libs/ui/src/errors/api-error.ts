import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError, FieldError, LocalizedText } from '@mpp/contracts';

import { pickText } from '../format/localized';
import { interpolate } from '../i18n/dictionary';
import type { Lang } from '../i18n/lang';
import { uiText } from '../i18n/ui.dictionary';

export interface ErrorDescription {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The API's stable code ("INVALID_CREDENTIALS"), or null when the body was not an ApiError. */
  code: string | null;
  message: string;
  fields: { field: string; message: string }[];
}

/** True for the body every API error carries: `{ statusCode, code, message: { id, en } }`. */
export function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const candidate = body as Partial<ApiError>;
  return (
    typeof candidate.statusCode === 'number' &&
    typeof candidate.code === 'string' &&
    isLocalizedText(candidate.message)
  );
}

function isLocalizedText(value: unknown): value is LocalizedText {
  const text = value as Partial<LocalizedText> | null | undefined;
  return typeof text === 'object' && text !== null && typeof text.id === 'string';
}

function fieldsOf(fields: FieldError[] | undefined, lang: Lang): ErrorDescription['fields'] {
  return (fields ?? [])
    .filter((entry) => isLocalizedText(entry.message))
    .map((entry) => ({ field: entry.field, message: pickText(lang, entry.message) }));
}

function fallbackMessage(status: number, lang: Lang): string {
  if (status === 0) {
    return uiText(lang, 'error.network');
  }
  if (status === 404) {
    return uiText(lang, 'error.notFound');
  }
  if (status === 429) {
    return uiText(lang, 'error.tooManyRequests');
  }
  if (status >= 500) {
    return uiText(lang, 'error.server');
  }
  return interpolate(uiText(lang, 'error.unknown'), { status });
}

/**
 * Turns whatever a request failed with into text in the given language: the API's own message
 * when the body is an ApiError, a message for the status otherwise, and the "cannot reach the
 * server" text for network failures.
 */
export function describeApiError(error: unknown, lang: Lang): ErrorDescription {
  const status = error instanceof HttpErrorResponse ? error.status : isApiError(error) ? error.statusCode : 0;
  const body = error instanceof HttpErrorResponse ? error.error : error;
  if (status !== 0 && isApiError(body)) {
    return {
      status,
      code: body.code,
      message: pickText(lang, body.message),
      fields: fieldsOf(body.fields, lang),
    };
  }
  return { status, code: null, message: fallbackMessage(status, lang), fields: [] };
}

/** The message and any field messages as one line of text. */
export function formatApiError(error: unknown, lang: Lang): string {
  const { message, fields } = describeApiError(error, lang);
  return [message, ...fields.map((entry) => entry.message)].join(' ');
}
