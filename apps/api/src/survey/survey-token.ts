import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';

/** What was finished: a served ticket or a finished application. */
export type SurveySubjectKind = 'ticket' | 'application';

/** What the token is made from (the ticket's or application's own row). */
export interface SurveySubject {
  kind: SurveySubjectKind;
  /** The ticket's or application's id: only its keyed one-way hash goes into the token. */
  id: string;
  siteId: string;
  agencyId: string;
  serviceId: string;
  /** Site-local date of the service, YYYY-MM-DD. */
  date: string;
}

/** What a sealed token says: everything an answer keeps, and the one-way id that spends it. */
export interface SurveyTokenClaims {
  kind: SurveySubjectKind;
  siteId: string;
  agencyId: string;
  serviceId: string;
  date: string;
  /** HMAC of the subject (16 bytes): the same ticket always gives the same one. */
  oneWayId: Buffer;
}

/** Days after the service's date during which the survey may be answered. */
export const SURVEY_TOKEN_DAYS = 14;

const VERSION = 1;
const PLAIN_LENGTH = 1 + 1 + 16 * 3 + 4 + 16;
const DAY_MS = 86_400_000;
/** base64url of 12 (iv) + 16 (tag) + 70 bytes. */
export const SURVEY_TOKEN_LENGTH = Math.ceil(((12 + 16 + PLAIN_LENGTH) * 4) / 3);

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * One-time SKM survey tokens (docs/survey.md, Privacy). A token is sealed with AES-256-GCM under a
 * key derived from DATA_KEY: it carries the site, agency, service and date the answer will keep,
 * and a one-way id (HMAC of the ticket or application id under another derived key). Nothing is
 * written when a token is made (the queue's call-next and finish stay as they are); spending it
 * writes SHA-256 of the one-way id, so a second answer with the same token is refused.
 *
 * The nonce is derived from the content (a synthetic IV), so the same ticket always gets the same
 * token, and two tickets never share a nonce unless they are the same ticket.
 */
export class SurveyTokenSealer {
  private readonly sealKey: Buffer;
  private readonly nonceKey: Buffer;
  private readonly subjectKey: Buffer;

  constructor(dataKey: Buffer) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
    this.sealKey = derive('mpp-digital/survey-token/seal/v1');
    this.nonceKey = derive('mpp-digital/survey-token/nonce/v1');
    this.subjectKey = derive('mpp-digital/survey-token/subject/v1');
  }

  seal(subject: SurveySubject): string {
    const oneWayId = createHmac('sha256', this.subjectKey).update(`${subject.kind}:${subject.id}`).digest().subarray(0, 16);
    const date = Buffer.alloc(4);
    date.writeInt32BE(dayNumber(subject.date));
    const plain = Buffer.concat([
      Buffer.from([VERSION, subject.kind === 'ticket' ? 0 : 1]),
      uuidBytes(subject.siteId),
      uuidBytes(subject.agencyId),
      uuidBytes(subject.serviceId),
      date,
      oneWayId,
    ]);
    const iv = createHmac('sha256', this.nonceKey).update(plain).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The claims of an intact token of ours; null for anything else (altered, truncated, foreign). */
  open(token: string): SurveyTokenClaims | null {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 12 + 16 + PLAIN_LENGTH) return null;
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    } catch {
      return null;
    }
    if (plain[0] !== VERSION || (plain[1] !== 0 && plain[1] !== 1)) return null;
    return {
      kind: plain[1] === 0 ? 'ticket' : 'application',
      siteId: uuidText(plain.subarray(2, 18)),
      agencyId: uuidText(plain.subarray(18, 34)),
      serviceId: uuidText(plain.subarray(34, 50)),
      date: dateOfDay(plain.readInt32BE(50)),
      oneWayId: Buffer.from(plain.subarray(54, 70)),
    };
  }

  /** What survey_token_used keeps of a spent token. */
  static usedHash(claims: SurveyTokenClaims): Buffer {
    return createHash('sha256').update(claims.oneWayId).digest();
  }

  /** The last site-local day the token may be answered on. */
  static lastDay(claims: Pick<SurveyTokenClaims, 'date'>): string {
    return dateOfDay(dayNumber(claims.date) + SURVEY_TOKEN_DAYS);
  }
}
