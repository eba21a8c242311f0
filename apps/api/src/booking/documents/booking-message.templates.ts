/**
 * The messages a citizen gets about a booking: an email (subject and plain-text body) and an SMS,
 * when it is confirmed, cancelled or rescheduled. Handlebars, kept as strings so the compiled API
 * needs no asset copying; compiled with `noEscape` because nothing here is HTML.
 *
 * Personal data: the NIK appears only masked and only in the email; the phone never appears.
 * The link (manageUrl) carries the booking's manage token in its fragment: it is the citizen's
 * key, and the only place besides the create answer where the token is ever written. The
 * SMS is folded to plain ASCII (within the GSM 7-bit alphabet, so one SMS holds 160 characters,
 * not the 70 of UCS-2) and kept to 160 characters when the link allows, by shortening the service name.
 */
import Handlebars from 'handlebars';
import type { LocalizedText } from '@mpp/contracts';
import { localTime, timeZoneAbbreviation } from '@mpp/domain';
import { ensureMaskedNik, renderConfirmationText, type BookingConfirmationModel, type BookingConfirmationText } from './booking-confirmation.model';

/** The languages a message is written in. */
type MessageLang = keyof LocalizedText;

export type BookingMessageKind = 'confirmed' | 'cancelled' | 'rescheduled';

export interface BookingMessages {
  email: { subject: string; body: string };
  sms: string;
}

interface MessageTemplates {
  subject: string;
  email: string;
  sms: string;
}

/** One SMS in the GSM 7-bit alphabet. */
export const SMS_MAX_LENGTH = 160;
/** The service name is never cut shorter than this to make an SMS fit. */
const SMS_MIN_SERVICE_LENGTH = 12;

/** The booking block shared by the emails (a partial: {{> booking}}). */
const BOOKING_BLOCK: Readonly<Record<MessageLang, string>> = {
  id: `Kode pemesanan: {{code}}
Layanan: {{serviceName}}
Instansi: {{agencyName}}
Tempat: {{siteName}}{{#if siteAddress}}, {{siteAddress}}{{/if}}
Tanggal: {{date}}
Jam: {{slot}}
`,
  en: `Booking code: {{code}}
Service: {{serviceName}}
Agency: {{agencyName}}
Place: {{siteName}}{{#if siteAddress}}, {{siteAddress}}{{/if}}
Date: {{date}}
Time: {{slot}}
`,
};

const ACTIVE_BOOKING_DETAILS: Readonly<Record<MessageLang, string>> = {
  id: `{{> booking}}
{{checkIn}}
Atas nama: {{fullName}} (NIK {{nikMasked}})
{{#if requirements.length}}

Persyaratan yang perlu dibawa:
{{#each requirements}}
- {{this}}
{{/each}}
{{/if}}

Bukti pemesanan dan kode QR: {{manageUrl}}
Tunjukkan kode QR tersebut di kios MPP untuk mendapatkan nomor antrean.
{{manageHint}}
`,
  en: `{{> booking}}
{{checkIn}}
Booked for: {{fullName}} (NIK {{nikMasked}})
{{#if requirements.length}}

Requirements to bring:
{{#each requirements}}
- {{this}}
{{/each}}
{{/if}}

Confirmation and QR code: {{manageUrl}}
Show that QR code at the MPP kiosk to get your queue number.
{{manageHint}}
`,
};

const MANAGE_HINT: Readonly<Record<MessageLang, Readonly<Record<'token' | 'nik', string>>>> = {
  id: {
    token: 'Untuk membatalkan atau mengubah jadwal, buka tautan di atas. Jangan bagikan tautan ini: siapa pun yang memilikinya dapat mengubah pemesanan Anda.',
    nik: 'Untuk membatalkan atau mengubah jadwal, buka tautan di atas dan masukkan 16 digit NIK Anda.',
  },
  en: {
    token: 'To cancel or reschedule, open the link above. Do not share it: anyone who has it can change your booking.',
    nik: 'To cancel or reschedule, open the link above and enter your 16-digit NIK.',
  },
};

const SIGNATURE: Readonly<Record<MessageLang, string>> = {
  id: `
Salam,
{{siteName}}

Email ini dikirim otomatis; mohon tidak membalas.
`,
  en: `
Regards,
{{siteName}}

This email was sent automatically; please do not reply.
`,
};

export const BOOKING_MESSAGE_TEMPLATES: Readonly<Record<MessageLang, Readonly<Record<BookingMessageKind, MessageTemplates>>>> = {
  id: {
    confirmed: {
      subject: 'Pemesanan antrean {{code}}: {{serviceName}}, {{date}}',
      email: `Yth. {{fullName}},

Pemesanan antrean Anda telah tercatat.

${ACTIVE_BOOKING_DETAILS.id}${SIGNATURE.id}`,
      sms: '{{smsSite}}: antrean {{smsService}} {{smsDay}} {{start}} {{zone}}. Kode {{code}}. Check-in di kios {{smsCheckIn}}. Batal/ubah: {{manageUrl}}',
    },
    rescheduled: {
      subject: 'Jadwal antrean {{code}} diubah: {{date}} {{slot}}',
      email: `Yth. {{fullName}},

Jadwal pemesanan antrean Anda telah diubah. Jadwal baru:

${ACTIVE_BOOKING_DETAILS.id}${SIGNATURE.id}`,
      sms: '{{smsSite}}: jadwal baru antrean {{smsService}} {{smsDay}} {{start}} {{zone}}. Kode {{code}}. Check-in {{smsCheckIn}}. Batal/ubah: {{manageUrl}}',
    },
    cancelled: {
      subject: 'Pemesanan antrean {{code}} dibatalkan',
      email: `Yth. {{fullName}},

Pemesanan antrean berikut telah dibatalkan:

{{> booking}}

Jika Anda masih memerlukan layanan ini, silakan pesan jadwal baru.
Rincian: {{manageUrl}}
${SIGNATURE.id}`,
      sms: '{{smsSite}}: antrean {{smsService}} {{smsDay}} {{start}} {{zone}} (kode {{code}}) telah dibatalkan. Info: {{manageUrl}}',
    },
  },
  en: {
    confirmed: {
      subject: 'Queue booking {{code}}: {{serviceName}}, {{date}}',
      email: `Dear {{fullName}},

Your queue booking is confirmed.

${ACTIVE_BOOKING_DETAILS.en}${SIGNATURE.en}`,
      sms: '{{smsSite}}: {{smsService}} booked {{smsDay}} {{start}} {{zone}}. Code {{code}}. Kiosk check-in {{smsCheckIn}}. Cancel/change: {{manageUrl}}',
    },
    rescheduled: {
      subject: 'Queue booking {{code}} moved: {{date}} {{slot}}',
      email: `Dear {{fullName}},

Your queue booking has been moved. The new time:

${ACTIVE_BOOKING_DETAILS.en}${SIGNATURE.en}`,
      sms: '{{smsSite}}: {{smsService}} moved to {{smsDay}} {{start}} {{zone}}. Code {{code}}. Check-in {{smsCheckIn}}. Cancel/change: {{manageUrl}}',
    },
    cancelled: {
      subject: 'Queue booking {{code}} cancelled',
      email: `Dear {{fullName}},

The following queue booking has been cancelled:

{{> booking}}

If you still need this service, please book a new time.
Details: {{manageUrl}}
${SIGNATURE.en}`,
      sms: '{{smsSite}}: {{smsService}} {{smsDay}} {{start}} {{zone}} (code {{code}}) is cancelled. Info: {{manageUrl}}',
    },
  },
};

interface MessageContext extends Omit<BookingConfirmationText, 'text'> {
  fullName: string;
  nikMasked: string;
  /** The booking's link; with a manage token it is the citizen's key (bookingManageUrl). */
  manageUrl: string;
  /** How the link is used: kept secret (token) or opened with the full NIK (older bookings). */
  manageHint: string;
  /** Local start "08:00" and zone "WITA" (the SMS says the date and time apart). */
  start: string;
  zone: string;
  smsSite: string;
  smsService: string;
  /** "23/11". */
  smsDay: string;
  /** "07:30-08:15", ASCII. */
  smsCheckIn: string;
}

type Compiled = HandlebarsTemplateDelegate<MessageContext>;

const compiled = new Map<string, Compiled>();

/** Compiled once each, in an environment of their own with the booking block as a partial; strict. */
function template(lang: MessageLang, source: string): Compiled {
  const key = `${lang}\u0000${source}`;
  let delegate = compiled.get(key);
  if (!delegate) {
    const env = Handlebars.create();
    env.registerPartial('booking', BOOKING_BLOCK[lang]);
    delegate = env.compile<MessageContext>(source, { strict: true, knownHelpersOnly: true, noEscape: true });
    compiled.set(key, delegate);
  }
  return delegate;
}

/** "Mal Pelayanan Publik Kota Kupang" → "MPP Kota Kupang", as people say it and an SMS can afford. */
export function shortSiteName(siteName: string): string {
  return siteName.replace(/^\s*Mal Pelayanan Publik\b/i, 'MPP').trim();
}

/** The GSM 7-bit extension characters, which take two of the 160 places. */
const GSM_EXTENSION = new Set('^{}\\[~]|€');

/** Places taken in one GSM 7-bit SMS. */
export function smsLength(text: string): number {
  let length = 0;
  for (const char of text) length += GSM_EXTENSION.has(char) ? 2 : 1;
  return length;
}

const ASCII_LOOKALIKES: Readonly<Record<string, string>> = { '–': '-', '—': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '…': '...', '×': 'x', '±': '+/-' };

/**
 * Folds text to printable ASCII, which every phone shows in the GSM 7-bit alphabet: accents are
 * dropped ("é" → "e"), dashes and quotes straightened, line breaks become spaces, anything else "?".
 */
export function toSmsText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) out += char;
    else if (char === '\n' || char === '\r' || char === '\t' || /\s/u.test(char)) out += ' ';
    else if (ASCII_LOOKALIKES[char] !== undefined) out += ASCII_LOOKALIKES[char];
    else out += [...char.normalize('NFKD')].filter((part) => /[\x20-\x7e]/.test(part)).join('') || '?';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** The SMS with the service name shortened ("Perekaman KTP-el dan K..") until it fits, if it can. */
function fitSms(render: (service: string) => string, service: string): string {
  let text = render(service);
  for (let keep = service.length - 1; smsLength(text) > SMS_MAX_LENGTH && keep >= SMS_MIN_SERVICE_LENGTH; keep--) {
    text = render(`${service.slice(0, keep).trimEnd()}..`);
  }
  return text;
}

/**
 * The email and the SMS for a booking event, in the model's language. Throws a RangeError for a
 * relative manageUrl (as renderConfirmationText does): a link in a message must open on a phone.
 */
export function renderBookingMessages(kind: BookingMessageKind, model: BookingConfirmationModel): BookingMessages {
  const { text: _text, ...pieces } = renderConfirmationText(model);
  const lang = pieces.lang;
  const { booking } = model;
  const templates = BOOKING_MESSAGE_TEMPLATES[lang][kind];
  const [, month, day] = booking.date.split('-');
  const context: MessageContext = {
    ...pieces,
    fullName: booking.fullName,
    nikMasked: ensureMaskedNik(booking.nikMasked),
    manageUrl: model.manageUrl,
    manageHint: MANAGE_HINT[lang][booking.hasManageToken ? 'token' : 'nik'],
    start: booking.start,
    zone: timeZoneAbbreviation(booking.timeZone),
    smsSite: toSmsText(shortSiteName(booking.siteName)),
    smsService: toSmsText(pieces.serviceName),
    smsDay: `${day}/${month}`,
    smsCheckIn: `${localTime(new Date(booking.checkIn.opensAt), booking.timeZone)}-${localTime(new Date(booking.checkIn.closesAt), booking.timeZone)}`,
  };
  const sms = fitSms((smsService) => toSmsText(template(lang, templates.sms)({ ...context, smsService })), context.smsService);
  return {
    email: {
      subject: template(lang, templates.subject)(context).replace(/\s+/g, ' ').trim(),
      body: template(lang, templates.email)(context),
    },
    sms,
  };
}
