import { normalizeBookingCode } from '@mpp/domain';
import { readStorage, writeStorage } from '@mpp/ui';

/**
 * The secret of an application made without an account (docs/portal.md, Applications). The API
 * gives it once, in the answer to creating the application (and by SMS); the portal keeps it on
 * this phone in localStorage under `mpp.application.{CODE}`, so the citizen can come back to the
 * application's page, and sends it only in the `X-Application-Secret` header: never in a URL, a
 * link or a log. Storage may be missing (private mode): then the page asks for the secret from
 * the SMS.
 */
function keyOf(code: string): string {
  return `mpp.application.${normalizeBookingCode(code) ?? code}`;
}

export function readApplicationSecret(code: string): string | null {
  const value = readStorage('local', keyOf(code))?.trim();
  return value ? value : null;
}

export function keepApplicationSecret(code: string, secret: string): void {
  writeStorage('local', keyOf(code), secret.trim());
}

/** The stored secret was refused (another phone's, or a typo): forget it. */
export function forgetApplicationSecret(code: string): void {
  writeStorage('local', keyOf(code), null);
}
