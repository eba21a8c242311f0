import type { CitizenIdentityKind, CitizenOtpChannel } from '@mpp/contracts';
import { normalizeIndonesianMobile } from '@mpp/domain';

/** Where a sign-in code goes: an Indonesian mobile number (E.164) or an email address (lower-cased). */
export interface CitizenRecipient {
  channel: CitizenOtpChannel;
  kind: Extract<CitizenIdentityKind, 'phone' | 'email'>;
  /** +628… or the address, lower-cased and trimmed. Personal data: never logged. */
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The recipient typed by the citizen, or null when it is neither a mobile number nor an email. */
export function parseRecipient(input: string): CitizenRecipient | null {
  const text = input.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return email.length <= 254 && EMAIL.test(email) ? { channel: 'email', kind: 'email', value: email } : null;
  }
  const phone = normalizeIndonesianMobile(text);
  return phone.valid ? { channel: 'sms', kind: 'phone', value: phone.e164 } : null;
}
