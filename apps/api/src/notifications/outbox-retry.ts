/**
 * When the outbox tries a message again (docs/booking.md, Messages that fail). Pure: the relay
 * (outbox-relay.ts) and NotificationsService apply it; every time is PostgreSQL's now().
 */

/** The wait after each failed attempt, by the attempt's number: after the 1st 1 min, then 5, 15, 60. */
export const RETRY_DELAYS_SECONDS: readonly number[] = [60, 5 * 60, 15 * 60, 60 * 60];

/** Attempts in all, the first (in process) included; a message failed this often is given up. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * How long a send may take at most before the relay may take its row again ('pending' with its
 * next_attempt_at come): far longer than the channels' own time-outs (SMTP: 10 s to connect, 10 s
 * for the greeting, 20 s of silence), so a send still in flight is never doubled.
 */
export const SEND_LEASE_SECONDS = 5 * 60;

/** Rows the relay claims at once and sends together (so each send begins at once, inside its lease); the next batch is claimed when they are done. */
export const RELAY_BATCH_SIZE = 10;

/**
 * Seconds until a message that failed its `attempts`-th attempt is tried again, or null when that
 * was the last (the message stays 'failed' and is reported).
 */
export function retryDelaySeconds(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`attempts must be a whole number from 1 (got ${attempts})`);
  return attempts < MAX_ATTEMPTS ? RETRY_DELAYS_SECONDS[attempts - 1] : null;
}
