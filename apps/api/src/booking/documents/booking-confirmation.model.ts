/**
 * What a booking confirmation says, written once for the PDF (booking-pdf.ts), its plain-text form
 * and the booking messages (booking-message.templates.ts). Layout lives elsewhere;
 * every human word of the confirmation lives here.
 *
 * Personal data: the NIK and the phone appear only masked. BookingResponse already carries them
 * masked; should an unmasked value ever be passed by mistake, it is masked here again.
 */
import Handlebars from 'handlebars';
import { BOOKING_NEED_LABELS, type BookingResponse, type BookingStatus } from '@mpp/contracts';
import { formatBookingCode, isValidLocalDate, localDate, localTime, maskNik, maskPhone, PRIORITY_LABELS } from '@mpp/domain';
import { timeZoneAbbreviation, type PrintLang } from '../../queue/printing/ticket-print.model';
import { BOOKING_CONFIRMATION_TEMPLATE } from './booking-confirmation-template';

export interface BookingConfirmationModel {
  booking: BookingResponse;
  /** The agency's full name, e.g. "Dinas Kependudukan dan Pencatatan Sipil Kota Kupang". */
  agencyName: string;
  siteAddress: string | null;
  /** Names of the mandatory requirements to bring to the counter. */
  requirements: string[];
  /**
   * Absolute URL of the booking's page, where it can be cancelled or rescheduled; for a booking
   * with a manage token it carries the token (bookingManageUrl), so it is the owner's key.
   */
  manageUrl: string;
  /** Defaults to 'id'. */
  lang?: PrintLang;
}

/** The human text of a confirmation, piece by piece; optional pieces are null when not shown. */
export interface BookingConfirmationText {
  lang: PrintLang;
  /** Heading: "Bukti Pemesanan Antrean". */
  title: string;
  /** Document title (PDF metadata): "Bukti Pemesanan K7M3-9QXA". */
  documentTitle: string;
  /** Set when the booking is no longer active: "DIBATALKAN", "SUDAH CHECK-IN: nomor antrean A001". */
  statusMark: string | null;
  /** "Kode pemesanan". */
  codeCaption: string;
  /** "K7M3-9QXA". */
  code: string;
  siteName: string;
  siteAddress: string | null;
  agencyName: string;
  serviceName: string;
  /** The slot's date in words: "Senin, 23 November 2026". */
  date: string;
  /** "08:00–08:30 WITA". */
  slot: string;
  /** "Check-in di kios: 07:30–08:15 WITA". */
  checkIn: string;
  /** Name, masked NIK and masked phone, as label and value. */
  details: { label: string; value: string }[];
  /** "Persyaratan yang perlu dibawa". */
  requirementsHeading: string;
  requirements: string[];
  /** What to do with the confirmation: show the QR at the kiosk; how to cancel or reschedule. */
  notes: string[];
  /** "Dipesan pada Selasa, 17 November 2026 10:12 WITA". */
  bookedAt: string;
  /** Alternative text for the QR image. */
  qrAlt: string;
  /** All of the above as plain text lines (BOOKING_CONFIRMATION_TEMPLATE), ending with a line break. */
  text: string;
}

interface ConfirmationTexts {
  locale: string;
  title: string;
  documentTitle: (code: string) => string;
  status: Readonly<Record<Exclude<BookingStatus, 'active'>, (ticketNumber: string | null) => string>>;
  codeCaption: string;
  checkIn: (window: string) => string;
  name: string;
  nik: string;
  phone: string;
  /** Shown only when the booking has them (its owner's documents, never a public answer). */
  priority: string;
  needs: string;
  requirementsHeading: string;
  showQr: string;
  /** With a manage token the link is the key; an older booking's page asks for the full NIK. */
  manage: (url: string, withToken: boolean) => string;
  bookedAt: (when: string) => string;
  qrAlt: string;
}

const TEXTS: Readonly<Record<PrintLang, ConfirmationTexts>> = {
  id: {
    locale: 'id-ID',
    title: 'Bukti Pemesanan Antrean',
    documentTitle: (code) => `Bukti Pemesanan ${code}`,
    status: {
      cancelled: () => 'DIBATALKAN',
      checked_in: (number) => (number ? `SUDAH CHECK-IN: nomor antrean ${number}` : 'SUDAH CHECK-IN'),
      no_show: () => 'TIDAK HADIR',
    },
    codeCaption: 'Kode pemesanan',
    checkIn: (window) => `Check-in di kios: ${window}`,
    name: 'Nama',
    nik: 'NIK',
    phone: 'No. HP',
    priority: 'Kelompok prioritas',
    needs: 'Kebutuhan di loket',
    requirementsHeading: 'Persyaratan yang perlu dibawa',
    showQr: 'Tunjukkan kode QR ini di kios MPP untuk mendapatkan nomor antrean.',
    manage: (url, withToken) =>
      withToken
        ? `Untuk membatalkan atau mengubah jadwal, buka ${url}. Jangan bagikan tautan ini: siapa pun yang memilikinya dapat mengubah pemesanan Anda.`
        : `Untuk membatalkan atau mengubah jadwal, buka ${url} dan masukkan 16 digit NIK Anda.`,
    bookedAt: (when) => `Dipesan pada ${when}`,
    qrAlt: 'Kode QR pemesanan',
  },
  en: {
    locale: 'en-GB',
    title: 'Queue Booking Confirmation',
    documentTitle: (code) => `Booking confirmation ${code}`,
    status: {
      cancelled: () => 'CANCELLED',
      checked_in: (number) => (number ? `CHECKED IN: queue number ${number}` : 'CHECKED IN'),
      no_show: () => 'NOT ATTENDED',
    },
    codeCaption: 'Booking code',
    checkIn: (window) => `Check in at the kiosk: ${window}`,
    name: 'Name',
    nik: 'NIK',
    phone: 'Mobile',
    priority: 'Priority group',
    needs: 'Needs at the counter',
    requirementsHeading: 'Requirements to bring',
    showQr: 'Show this QR code at the MPP kiosk to get your queue number.',
    manage: (url, withToken) =>
      withToken
        ? `To cancel or reschedule, open ${url}. Do not share this link: anyone who has it can change your booking.`
        : `To cancel or reschedule, open ${url} and enter your 16-digit NIK.`,
    bookedAt: (when) => `Booked on ${when}`,
    qrAlt: 'Booking QR code',
  },
};

/**
 * "Senin, 23 November 2026" for a local date "2026-11-23"; the date is the site's, so no zone applies.
 * Spelt out rather than `dateStyle: 'full'`, which writes "01 Januari" in Indonesian.
 */
export function formatBookingDate(date: string, lang: PrintLang = 'id'): string {
  if (!isValidLocalDate(date)) throw new RangeError(`Not a local date: ${JSON.stringify(date)}`);
  const midnight = new Date(`${date}T00:00:00Z`);
  return new Intl.DateTimeFormat(TEXTS[lang].locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(midnight);
}

/** "07:30–08:15 WITA": two instants as wall-clock times at the site, never the server's zone. */
export function formatLocalWindow(from: Date, to: Date, timeZone: string): string {
  return `${localTime(from, timeZone)}–${localTime(to, timeZone)} ${timeZoneAbbreviation(timeZone)}`;
}

/**
 * "Selasa, 17 November 2026 10:12 WITA": an instant at the site. Written with a colon like the slot
 * times on the same page (formatIssuedAt's "pukul 10.12" is the ticket's style).
 */
export function formatLocalDateTime(instant: Date, timeZone: string, lang: PrintLang = 'id'): string {
  return `${formatBookingDate(localDate(instant, timeZone), lang)} ${localTime(instant, timeZone)} ${timeZoneAbbreviation(timeZone)}`;
}

/** The NIK as shown: kept when already masked, masked when (by mistake) it is not. */
export function ensureMaskedNik(value: string): string {
  return /\d{5,}/.test(value.replace(/\s+/g, '')) ? maskNik(value) : value;
}

/** The phone as shown: kept when already masked, masked when (by mistake) it is not. */
export function ensureMaskedPhone(value: string): string {
  return value.includes('*') ? value : maskPhone(value);
}

/** A relative URL cannot be opened from paper or from an SMS: refuse it before printing or sending. */
export function assertAbsoluteManageUrl(url: string): void {
  if (!URL.canParse(url)) throw new RangeError(`The booking confirmation needs an absolute URL for the booking page (got "${url}")`);
}

type ConfirmationPieces = Omit<BookingConfirmationText, 'text'>;

let compiled: HandlebarsTemplateDelegate<ConfirmationPieces> | undefined;

/** Compiled once, in its own Handlebars environment; strict, so a misspelt field fails loudly. */
function template(): HandlebarsTemplateDelegate<ConfirmationPieces> {
  compiled ??= Handlebars.create().compile<ConfirmationPieces>(BOOKING_CONFIRMATION_TEMPLATE, { strict: true, knownHelpersOnly: true, noEscape: true });
  return compiled;
}

/** The confirmation's words, piece by piece, and as plain text. Throws a RangeError for a relative manageUrl. */
export function renderConfirmationText(model: BookingConfirmationModel): BookingConfirmationText {
  assertAbsoluteManageUrl(model.manageUrl);
  const lang = model.lang ?? 'id';
  const texts = TEXTS[lang];
  const { booking } = model;
  const code = formatBookingCode(booking.code);
  const pieces: ConfirmationPieces = {
    lang,
    title: texts.title,
    documentTitle: texts.documentTitle(code),
    statusMark: booking.status === 'active' ? null : texts.status[booking.status](booking.ticket?.number ?? null),
    codeCaption: texts.codeCaption,
    code,
    siteName: booking.siteName,
    siteAddress: model.siteAddress?.trim() || null,
    agencyName: model.agencyName,
    serviceName: lang === 'en' && booking.service.nameEn ? booking.service.nameEn : booking.service.name,
    date: formatBookingDate(booking.date, lang),
    slot: `${booking.start}–${booking.end} ${timeZoneAbbreviation(booking.timeZone)}`,
    checkIn: texts.checkIn(formatLocalWindow(new Date(booking.checkIn.opensAt), new Date(booking.checkIn.closesAt), booking.timeZone)),
    details: [
      { label: texts.name, value: booking.fullName },
      { label: texts.nik, value: ensureMaskedNik(booking.nikMasked) },
      { label: texts.phone, value: ensureMaskedPhone(booking.phoneMasked) },
      ...(booking.priorityGroup && booking.priorityGroup !== 'regular' ? [{ label: texts.priority, value: PRIORITY_LABELS[booking.priorityGroup][lang] }] : []),
      ...(booking.needs?.length ? [{ label: texts.needs, value: booking.needs.map((n) => BOOKING_NEED_LABELS[n][lang]).join(', ') }] : []),
    ],
    requirementsHeading: texts.requirementsHeading,
    requirements: model.requirements.map((r) => r.trim()).filter((r) => r.length > 0),
    notes: [texts.showQr, texts.manage(model.manageUrl, booking.hasManageToken)],
    bookedAt: texts.bookedAt(formatLocalDateTime(new Date(booking.createdAt), booking.timeZone, lang)),
    qrAlt: texts.qrAlt,
  };
  return { ...pieces, text: template()(pieces) };
}
