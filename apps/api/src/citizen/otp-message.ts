import type { CitizenOtpChannel } from '@mpp/contracts';

/**
 * The sign-in code's message, Indonesian first with English after it. The text holds a secret:
 * it goes only through the outbox, which keeps it encrypted and never logs it.
 */
export function otpMessage(channel: CitizenOtpChannel, code: string, minutes: number): { subject: string | null; body: string } {
  const id = `Kode masuk MPP Digital: ${code}. Berlaku ${minutes} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`;
  const en = `Your MPP Digital sign-in code: ${code}. Valid for ${minutes} minutes. Never share it with anyone, staff included.`;
  if (channel === 'sms') return { subject: null, body: `${id}\n${en}` };
  return {
    subject: 'Kode masuk MPP Digital / Sign-in code',
    body: `${id}\n\n${en}\n\nJika Anda tidak meminta kode ini, abaikan email ini. / If you did not ask for it, ignore this email.`,
  };
}

/** The code in a message written by otpMessage (for the tests that play the citizen). */
export function codeInOtpMessage(body: string): string | null {
  return /Kode masuk MPP Digital: (\d{6})\./.exec(body)?.[1] ?? null;
}
