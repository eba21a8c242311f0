/**
 * The booking as a calendar event (RFC 5545), for the citizen's phone calendar. It says only what
 * the booking code already shows anyone (docs/booking.md): where, when, the code, what to bring
 * and the booking's page without its manage token. No name, NIK, phone, email, priority group or
 * needs. Times are UTC instants (`…Z`), so every calendar places them right whatever its zone;
 * the text repeats the local time with the site's zone (WITA, WIB, WIT).
 */
import type { BookingStatus } from '@mpp/contracts';
import { formatBookingCode, timeZoneAbbreviation } from '@mpp/domain';

export type CalendarLang = 'id' | 'en';

export interface BookingCalendarInput {
  code: string;
  status: BookingStatus;
  serviceName: string;
  siteName: string;
  siteAddress: string | null;
  timeZone: string;
  /** Site-local "HH:MM". */
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  checkIn: { opensAt: string; closesAt: string };
  /** Names of the mandatory requirements to bring. */
  requirements: string[];
  /** The booking's page, without the manage token. */
  pageUrl: string;
  /** Host name for the event's UID, e.g. "mpp.kupangkota.go.id". */
  uidHost: string;
  /** When the file is made (DTSTAMP). */
  now: Date;
  lang: CalendarLang;
}

const WORDS = {
  id: {
    summary: (service: string, code: string) => `Antrean MPP: ${service} (${code})`,
    code: 'Kode pemesanan',
    time: 'Jadwal',
    checkIn: 'Check-in di kios MPP',
    bring: 'Persyaratan yang dibawa',
    manage: 'Lihat, ubah jadwal atau batalkan melalui tautan pada SMS atau email konfirmasi. Halaman pemesanan',
    reminder: 'Pengingat: antrean MPP 1 jam lagi',
    clock: (time: string) => time.replace(':', '.'),
  },
  en: {
    summary: (service: string, code: string) => `MPP appointment: ${service} (${code})`,
    code: 'Booking code',
    time: 'Time',
    checkIn: 'Check in at the MPP kiosk',
    bring: 'Bring',
    manage: 'See, reschedule or cancel through the link in the confirmation SMS or email. Booking page',
    reminder: 'Reminder: MPP appointment in 1 hour',
    clock: (time: string) => time,
  },
} as const;

/** "20261124T000000Z": an instant in the iCalendar UTC form. */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines begin with one space.
 * Counts UTF-8 bytes and never splits a character (names of services are often not ASCII-only).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function localClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The whole VCALENDAR, CRLF line ends, one VEVENT (cancelled bookings say STATUS:CANCELLED). */
export function buildBookingCalendar(input: BookingCalendarInput): string {
  const w = WORDS[input.lang];
  const code = formatBookingCode(input.code);
  const zone = timeZoneAbbreviation(input.timeZone);
  const location = [input.siteName, input.siteAddress].filter((part): part is string => !!part).join(', ');
  const description = [
    `${w.code}: ${code}`,
    `${w.time}: ${w.clock(input.start)}–${w.clock(input.end)} ${zone}`,
    `${w.checkIn}: ${w.clock(localClock(input.checkIn.opensAt, input.timeZone))}–${w.clock(localClock(input.checkIn.closesAt, input.timeZone))} ${zone}`,
    ...(input.requirements.length ? [`${w.bring}: ${input.requirements.join('; ')}`] : []),
    `${w.manage}: ${input.pageUrl}`,
  ].join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MPP Digital//Pemesanan Antrean//ID',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:booking-${input.code}@${input.uidHost}`,
    `DTSTAMP:${icsUtc(input.now)}`,
    `DTSTART:${icsUtc(input.startsAt)}`,
    `DTEND:${icsUtc(input.endsAt)}`,
    `SUMMARY:${icsText(w.summary(input.serviceName, code))}`,
    `LOCATION:${icsText(location)}`,
    `DESCRIPTION:${icsText(description)}`,
    `URL:${input.pageUrl}`,
    `STATUS:${input.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    ...(input.status === 'active' ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${icsText(w.reminder)}`, 'TRIGGER:-PT1H', 'END:VALARM'] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
