import { zonedToUtc } from '@mpp/domain';
import { buildBookingCalendar, foldLine, icsText, icsUtc, type BookingCalendarInput } from './booking-ics';

/** A Tuesday 10:00–10:30 WITA slot in Kupang, check-in 09:30–10:15. */
function newCalendarInput(overrides: Partial<BookingCalendarInput> = {}): BookingCalendarInput {
  return {
    code: 'K7M39QXA',
    status: 'active',
    serviceName: 'Penerbitan KTP-el Baru',
    siteName: 'MPP Kota Kupang',
    siteAddress: 'Jl. Timor Raya No. 1, Kota Kupang',
    timeZone: 'Asia/Makassar',
    start: '10:00',
    end: '10:30',
    startsAt: zonedToUtc('2026-11-24', '10:00', 'Asia/Makassar'),
    endsAt: zonedToUtc('2026-11-24', '10:30', 'Asia/Makassar'),
    checkIn: { opensAt: zonedToUtc('2026-11-24', '09:30', 'Asia/Makassar').toISOString(), closesAt: zonedToUtc('2026-11-24', '10:15', 'Asia/Makassar').toISOString() },
    requirements: ['Kartu Keluarga (KK) asli', 'Surat pengantar RT/RW'],
    pageUrl: 'https://mpp.example.go.id/pemesanan/K7M39QXA',
    uidHost: 'mpp.example.go.id',
    now: new Date('2026-11-23T00:30:00Z'),
    lang: 'id',
    ...overrides,
  };
}

/** The content lines, unfolded (RFC 5545 §3.1: CRLF followed by one space continues a line). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

function property(ics: string, name: string): string | undefined {
  return unfold(ics)
    .find((line) => line.startsWith(`${name}:`))
    ?.slice(name.length + 1);
}

describe(buildBookingCalendar.name, () => {
  it('should place the slot by its UTC instants: 10:00 WITA is 02:00Z', () => {
    const sut = buildBookingCalendar(newCalendarInput());

    expect(property(sut, 'DTSTART')).toBe('20261124T020000Z');
    expect(property(sut, 'DTEND')).toBe('20261124T023000Z');
    expect(property(sut, 'DTSTAMP')).toBe(icsUtc(new Date('2026-11-23T00:30:00Z')));
  });

  it('should place a Jakarta slot an hour later in UTC than the same clock time in Kupang', () => {
    const kupang = buildBookingCalendar(newCalendarInput());
    const jakarta = buildBookingCalendar(
      newCalendarInput({ timeZone: 'Asia/Jakarta', startsAt: zonedToUtc('2026-11-24', '10:00', 'Asia/Jakarta'), endsAt: zonedToUtc('2026-11-24', '10:30', 'Asia/Jakarta') }),
    );

    expect(property(kupang, 'DTSTART')).toBe('20261124T020000Z');
    expect(property(jakarta, 'DTSTART')).toBe('20261124T030000Z');
    expect(property(jakarta, 'DESCRIPTION')).toContain('10.00–10.30 WIB');
  });

  it('should be one VEVENT in a VCALENDAR with CRLF line ends and lines of at most 75 octets', () => {
    const sut = buildBookingCalendar(newCalendarInput({ serviceName: 'Penerbitan Akta Kelahiran dan Kartu Identitas Anak (KIA) untuk anak di bawah 17 tahun — layanan terpadu' }));

    expect(sut.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(sut.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(sut.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of sut.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(sut).filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(property(sut, 'SUMMARY')).toContain('Kartu Identitas Anak (KIA) untuk anak di bawah 17 tahun — layanan terpadu (K7M3-9QXA)');
  });

  it('should say where, when, what to bring and where to manage it, in Indonesian by default', () => {
    const sut = buildBookingCalendar(newCalendarInput());

    expect(property(sut, 'LOCATION')).toBe('MPP Kota Kupang\\, Jl. Timor Raya No. 1\\, Kota Kupang');
    const description = property(sut, 'DESCRIPTION')!;
    expect(description).toContain('Kode pemesanan: K7M3-9QXA');
    expect(description).toContain('Jadwal: 10.00–10.30 WITA');
    expect(description).toContain('Check-in di kios MPP: 09.30–10.15 WITA');
    expect(description).toContain('Persyaratan yang dibawa: Kartu Keluarga (KK) asli\\; Surat pengantar RT/RW');
    expect(property(sut, 'URL')).toBe('https://mpp.example.go.id/pemesanan/K7M39QXA');
    expect(property(sut, 'UID')).toBe('booking-K7M39QXA@mpp.example.go.id');
    expect(property(sut, 'STATUS')).toBe('CONFIRMED');
    expect(unfold(sut)).toContain('TRIGGER:-PT1H');
  });

  it('should write English with English clock times when asked', () => {
    const sut = buildBookingCalendar(newCalendarInput({ lang: 'en', serviceName: 'New electronic ID card' }));

    expect(property(sut, 'SUMMARY')).toBe('MPP appointment: New electronic ID card (K7M3-9QXA)');
    expect(property(sut, 'DESCRIPTION')).toContain('Time: 10:00–10:30 WITA');
  });

  it('should mark a cancelled booking CANCELLED, without a reminder', () => {
    const sut = buildBookingCalendar(newCalendarInput({ status: 'cancelled' }));

    expect(property(sut, 'STATUS')).toBe('CANCELLED');
    expect(sut).not.toContain('VALARM');
  });
});

describe(icsText.name, () => {
  it('should escape backslashes, semicolons, commas and line breaks', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe(foldLine.name, () => {
  it('should never split a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(80)}`;

    const sut = foldLine(line).split('\r\n');

    expect(sut.length).toBeGreaterThan(1);
    for (const part of sut) expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    expect(sut.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });
});
