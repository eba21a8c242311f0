import { newBookingModel } from './booking-confirmation.factory';
import { formatBookingDate, renderConfirmationText } from './booking-confirmation.model';

/** A slot starting 2026-11-23T00:00Z: 08:00 in Kupang (WITA), 07:00 in Jakarta (WIB), 09:00 in Jayapura (WIT). */
const STARTS_AT = new Date('2026-11-23T00:00:00Z');
const minutes = (n: number) => new Date(STARTS_AT.getTime() + n * 60_000);

/** The expected wall-clock time, computed here with Intl rather than with the code under test. */
const wallClock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);

const checkInAround = (timeZone: string) => ({ timeZone, checkIn: { opensAt: minutes(-30).toISOString(), closesAt: minutes(15).toISOString() } });

const FULL_NIK = '5371014508900001';

describe(renderConfirmationText.name, () => {
  it('should give the title, the code with a dash, site, agency and service', () => {
    const sut = renderConfirmationText(newBookingModel());
    expect(sut).toMatchObject({
      lang: 'id',
      title: 'Bukti Pemesanan Antrean',
      documentTitle: 'Bukti Pemesanan K7M3-9QXA',
      statusMark: null,
      codeCaption: 'Kode pemesanan',
      code: 'K7M3-9QXA',
      siteName: 'Mal Pelayanan Publik Kota Kupang',
      siteAddress: 'Jl. Timor Raya No. 1, Kota Kupang',
      agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      serviceName: 'KTP-el',
    });
  });

  it('should give the date in Indonesian words, the slot and the check-in window in WITA', () => {
    const sut = renderConfirmationText(newBookingModel());
    expect(sut.date).toBe('Senin, 23 November 2026');
    expect(sut.slot).toBe('08:00–08:30 WITA');
    expect(sut.checkIn).toBe('Check-in di kios: 07:30–08:15 WITA');
  });

  it('should show the check-in window in the site zone, not the server zone', () => {
    const kupang = renderConfirmationText(newBookingModel({ booking: checkInAround('Asia/Makassar') }));
    const jakarta = renderConfirmationText(newBookingModel({ booking: { ...checkInAround('Asia/Jakarta'), start: '07:00', end: '07:30' } }));
    const jayapura = renderConfirmationText(newBookingModel({ booking: { ...checkInAround('Asia/Jayapura'), start: '09:00', end: '09:30' } }));
    expect(wallClock(STARTS_AT, 'Asia/Makassar')).toBe('08:00');
    expect(wallClock(STARTS_AT, 'Asia/Jakarta')).toBe('07:00');
    expect(kupang.checkIn).toBe(`Check-in di kios: ${wallClock(minutes(-30), 'Asia/Makassar')}–${wallClock(minutes(15), 'Asia/Makassar')} WITA`);
    expect(jakarta.checkIn).toBe(`Check-in di kios: ${wallClock(minutes(-30), 'Asia/Jakarta')}–${wallClock(minutes(15), 'Asia/Jakarta')} WIB`);
    expect(jakarta.checkIn).toBe('Check-in di kios: 06:30–07:15 WIB');
    expect(jakarta.slot).toBe('07:00–07:30 WIB');
    expect(jayapura.checkIn).toBe(`Check-in di kios: ${wallClock(minutes(-30), 'Asia/Jayapura')}–${wallClock(minutes(15), 'Asia/Jayapura')} WIT`);
  });

  it('should give the booking time at the site', () => {
    const sut = renderConfirmationText(newBookingModel({ booking: { createdAt: '2026-11-17T02:12:00.000Z' } }));
    expect(sut.bookedAt).toBe(`Dipesan pada Selasa, 17 November 2026 ${wallClock(new Date('2026-11-17T02:12:00Z'), 'Asia/Makassar')} WITA`);
  });

  it('should list the name, the masked NIK and the masked phone', () => {
    expect(renderConfirmationText(newBookingModel()).details).toEqual([
      { label: 'Nama', value: 'Maria Goreti Fernandes' },
      { label: 'NIK', value: '5371********0001' },
      { label: 'No. HP', value: '+62 812****7890' },
    ]);
  });

  it("should add the priority group and the needs the owner gave, in the confirmation's language", () => {
    const booking = { priorityGroup: 'disability' as const, needs: ['wheelchair' as const, 'sign_language' as const] };

    expect(renderConfirmationText(newBookingModel({ booking })).details.slice(3)).toEqual([
      { label: 'Kelompok prioritas', value: 'Penyandang disabilitas' },
      { label: 'Kebutuhan di loket', value: 'Kursi roda, Juru bahasa isyarat' },
    ]);
    expect(renderConfirmationText(newBookingModel({ booking, lang: 'en' })).details.slice(3)).toEqual([
      { label: 'Priority group', value: 'Persons with disabilities' },
      { label: 'Needs at the counter', value: 'Wheelchair, Sign-language interpreter' },
    ]);
  });

  it('should never show a full NIK: no run of 16 digits anywhere in the pieces or the text', () => {
    const sut = renderConfirmationText(newBookingModel());
    const everything = JSON.stringify(sut);
    expect(everything).toContain('5371********0001');
    expect(sut.text).toContain('NIK: 5371********0001');
    expect(everything).not.toMatch(/\d{16}/);
  });

  it('should mask a NIK and a phone that were passed unmasked by mistake', () => {
    const sut = renderConfirmationText(newBookingModel({ booking: { nikMasked: FULL_NIK, phoneMasked: '+6281234567890' } }));
    const everything = JSON.stringify(sut);
    expect(everything).not.toContain(FULL_NIK);
    expect(everything).not.toMatch(/\d{16}/);
    expect(everything).not.toContain('81234567890');
    expect(sut.details[1].value).toBe('5371********0001');
    expect(sut.details[2].value).toBe('+62 812****7890');
  });

  it('should list the requirements to bring and the notes on the QR code and on cancelling', () => {
    const sut = renderConfirmationText(newBookingModel({ requirements: ['Kartu Keluarga (KK) asli', '  ', 'Surat pengantar RT/RW'] }));
    expect(sut.requirementsHeading).toBe('Persyaratan yang perlu dibawa');
    expect(sut.requirements).toEqual(['Kartu Keluarga (KK) asli', 'Surat pengantar RT/RW']);
    expect(sut.notes).toEqual([
      'Tunjukkan kode QR ini di kios MPP untuk mendapatkan nomor antrean.',
      'Untuk membatalkan atau mengubah jadwal, buka https://mpp.example.go.id/pesan/K7M39QXA. Jangan bagikan tautan ini: siapa pun yang memilikinya dapat mengubah pemesanan Anda.',
    ]);
  });

  it('should write every piece into the plain text, one per line', () => {
    const sut = renderConfirmationText(newBookingModel());
    expect(sut.text.split('\n')).toEqual([
      'Bukti Pemesanan Antrean',
      'Kode pemesanan: K7M3-9QXA',
      '',
      'Mal Pelayanan Publik Kota Kupang',
      'Jl. Timor Raya No. 1, Kota Kupang',
      'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      'KTP-el',
      '',
      'Senin, 23 November 2026',
      '08:00–08:30 WITA',
      'Check-in di kios: 07:30–08:15 WITA',
      '',
      'Nama: Maria Goreti Fernandes',
      'NIK: 5371********0001',
      'No. HP: +62 812****7890',
      '',
      'Persyaratan yang perlu dibawa:',
      '- Kartu Keluarga (KK) asli',
      '- Surat pengantar RT/RW',
      '',
      'Tunjukkan kode QR ini di kios MPP untuk mendapatkan nomor antrean.',
      'Untuk membatalkan atau mengubah jadwal, buka https://mpp.example.go.id/pesan/K7M39QXA. Jangan bagikan tautan ini: siapa pun yang memilikinya dapat mengubah pemesanan Anda.',
      sut.bookedAt,
      '',
    ]);
  });

  it('should leave out the address and the requirements section when there are none, and not escape text', () => {
    const sut = renderConfirmationText(newBookingModel({ siteAddress: ' ', requirements: [], agencyName: 'Dinas "A" & <B>' }));
    expect(sut.siteAddress).toBeNull();
    expect(sut.text).not.toContain('Persyaratan');
    expect(sut.text).not.toContain('\n\n\n');
    expect(sut.text).toContain('\nDinas "A" & <B>\n');
  });

  it.each([
    ['cancelled', null, 'DIBATALKAN'],
    ['no_show', null, 'TIDAK HADIR'],
    ['checked_in', { number: 'A017', publicCode: 'k7Qm2xWp' }, 'SUDAH CHECK-IN: nomor antrean A017'],
  ] as const)('should mark a %s booking so an old print-out is not taken for a valid one', (status, ticket, mark) => {
    const sut = renderConfirmationText(newBookingModel({ booking: { status, ticket } }));
    expect(sut.statusMark).toBe(mark);
    expect(sut.text).toContain(`*** ${mark} ***`);
  });

  it('should speak English when asked, with the English service name', () => {
    const sut = renderConfirmationText(newBookingModel({ lang: 'en' }));
    expect(sut).toMatchObject({
      title: 'Queue Booking Confirmation',
      documentTitle: 'Booking confirmation K7M3-9QXA',
      serviceName: 'Electronic ID card',
      date: 'Monday, 23 November 2026',
      slot: '08:00–08:30 WITA',
      checkIn: 'Check in at the kiosk: 07:30–08:15 WITA',
    });
  });

  it('should refuse a relative booking page URL, which nobody can open from paper', () => {
    expect(() => renderConfirmationText(newBookingModel({ manageUrl: '/pesan/K7M39QXA' }))).toThrow(/absolute URL/);
  });
});

describe(formatBookingDate.name, () => {
  it('should not move the date with the server zone', () => {
    expect(formatBookingDate('2026-01-01')).toBe('Kamis, 1 Januari 2026');
    expect(formatBookingDate('2026-12-31', 'en')).toBe('Thursday, 31 December 2026');
  });

  it('should refuse something that is not a date', () => {
    expect(() => formatBookingDate('23/11/2026')).toThrow(RangeError);
    expect(() => formatBookingDate('2026-02-30')).toThrow(RangeError);
  });
});
