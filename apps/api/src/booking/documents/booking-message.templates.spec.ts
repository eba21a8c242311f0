import { newBookingModel } from './booking-confirmation.factory';
import { renderBookingMessages, shortSiteName, SMS_MAX_LENGTH, smsLength, toSmsText, type BookingMessageKind } from './booking-message.templates';

const KINDS: BookingMessageKind[] = ['confirmed', 'cancelled', 'rescheduled'];
const FULL_NIK = '5371014508900001';
/** Printable ASCII: all within the GSM 7-bit alphabet, so a single SMS holds 160 of them. */
const GSM_SAFE = /^[\x20-\x7e]*$/;

describe(renderBookingMessages.name, () => {
  it('should write the confirmation SMS as people say it', () => {
    const sut = renderBookingMessages('confirmed', newBookingModel());
    expect(sut.sms).toBe(
      'MPP Kota Kupang: antrean KTP-el 23/11 08:00 WITA. Kode K7M3-9QXA. Check-in di kios 07:30-08:15. Batal/ubah: https://mpp.example.go.id/pesan/K7M39QXA',
    );
  });

  it.each(KINDS)('should keep the %s SMS to one message of plain characters', (kind) => {
    for (const lang of ['id', 'en'] as const) {
      const sut = renderBookingMessages(kind, newBookingModel({ lang }));
      expect(sut.sms).toMatch(GSM_SAFE);
      expect(smsLength(sut.sms)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sut.sms).toContain('K7M3-9QXA');
      expect(sut.sms).toContain('https://mpp.example.go.id/pesan/K7M39QXA');
    }
  });

  it('should shorten a long service name to fit the SMS, keeping the link whole', () => {
    const model = newBookingModel({ booking: { service: { id: 's', name: 'Penerbitan Surat Keterangan Pindah Datang Antar Kabupaten/Kota', nameEn: 'x' } } });
    for (const kind of KINDS) {
      const sut = renderBookingMessages(kind, model).sms;
      expect(smsLength(sut)).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sut).toMatch(/ Penerbitan S[\w /]*\.\. /);
      expect(sut).toMatch(/https:\/\/mpp\.example\.go\.id\/pesan\/K7M39QXA$/);
    }
  });

  it('should fold what a basic phone cannot show: en dashes, accents, emoji', () => {
    const sut = renderBookingMessages('confirmed', newBookingModel({ booking: { service: { id: 's', name: 'Légalisir – “KK”', nameEn: 'x' } } }));
    expect(sut.sms).toContain('antrean Legalisir - "KK" 23/11');
    expect(sut.sms).toMatch(GSM_SAFE);
  });

  it.each(KINDS)('should never put a full NIK or the phone into the %s messages', (kind) => {
    const sut = renderBookingMessages(kind, newBookingModel({ booking: { nikMasked: FULL_NIK, phoneMasked: '+6281234567890' } }));
    const everything = JSON.stringify(sut);
    expect(everything).not.toMatch(/\d{16}/);
    expect(everything).not.toContain('81234567890');
    expect(everything).not.toContain('812****7890');
  });

  it('should confirm by email with the code, the time, the check-in window, the masked NIK, the requirements and the link', () => {
    const sut = renderBookingMessages('confirmed', newBookingModel());
    expect(sut.email.subject).toBe('Pemesanan antrean K7M3-9QXA: KTP-el, Senin, 23 November 2026');
    expect(sut.email.body).toMatch(/^Yth\. Maria Goreti Fernandes,\n\nPemesanan antrean Anda telah tercatat\.\n\nKode pemesanan: K7M3-9QXA\n/);
    for (const line of [
      'Tempat: Mal Pelayanan Publik Kota Kupang, Jl. Timor Raya No. 1, Kota Kupang',
      'Tanggal: Senin, 23 November 2026',
      'Jam: 08:00–08:30 WITA',
      'Check-in di kios: 07:30–08:15 WITA',
      'Atas nama: Maria Goreti Fernandes (NIK 5371********0001)',
      '- Kartu Keluarga (KK) asli',
      'Bukti pemesanan dan kode QR: https://mpp.example.go.id/pesan/K7M39QXA',
    ]) {
      expect(sut.email.body.split('\n')).toContain(line);
    }
    expect(sut.email.body).not.toContain('&');
  });

  it('should tell of a cancellation without the check-in window or the requirements', () => {
    const sut = renderBookingMessages('cancelled', newBookingModel({ booking: { status: 'cancelled' } }));
    expect(sut.email.subject).toBe('Pemesanan antrean K7M3-9QXA dibatalkan');
    expect(sut.email.body).toContain('Pemesanan antrean berikut telah dibatalkan:\n\nKode pemesanan: K7M3-9QXA\n');
    expect(sut.email.body).not.toContain('Check-in');
    expect(sut.email.body).not.toContain('Persyaratan');
    expect(sut.sms).toBe('MPP Kota Kupang: antrean KTP-el 23/11 08:00 WITA (kode K7M3-9QXA) telah dibatalkan. Info: https://mpp.example.go.id/pesan/K7M39QXA');
  });

  it('should give the new time of a rescheduled booking', () => {
    const sut = renderBookingMessages('rescheduled', newBookingModel({ booking: { date: '2026-11-24', start: '10:00', end: '10:30' } }));
    expect(sut.email.subject).toBe('Jadwal antrean K7M3-9QXA diubah: Selasa, 24 November 2026 10:00–10:30 WITA');
    expect(sut.email.body).toContain('Jadwal baru:\n\nKode pemesanan: K7M3-9QXA\n');
    expect(sut.sms).toMatch(/^MPP Kota Kupang: jadwal baru antrean KTP-el 24\/11 10:00 WITA\. Kode K7M3-9QXA\./);
  });

  it('should speak English when asked', () => {
    const sut = renderBookingMessages('confirmed', newBookingModel({ lang: 'en' }));
    expect(sut.email.subject).toBe('Queue booking K7M3-9QXA: Electronic ID card, Monday, 23 November 2026');
    expect(sut.email.body).toContain('Booked for: Maria Goreti Fernandes (NIK 5371********0001)');
    expect(sut.sms).toMatch(/^MPP Kota Kupang: Electronic ID card booked 23\/11 08:00 WITA\. Code K7M3-9QXA\./);
  });

  it('should refuse a relative link', () => {
    expect(() => renderBookingMessages('confirmed', newBookingModel({ manageUrl: '/pesan/K7M39QXA' }))).toThrow(/absolute URL/);
  });
});

describe(shortSiteName.name, () => {
  it('should say MPP for Mal Pelayanan Publik and leave other names alone', () => {
    expect(shortSiteName('Mal Pelayanan Publik Kota Kupang')).toBe('MPP Kota Kupang');
    expect(shortSiteName('MPP Kabupaten Badung')).toBe('MPP Kabupaten Badung');
  });
});

describe(toSmsText.name, () => {
  it('should fold to printable ASCII', () => {
    expect(toSmsText('08:00–08:30 · “Kantor” é\nbaris 😀')).toBe('08:00-08:30 ? "Kantor" e baris ?');
  });
});

describe(smsLength.name, () => {
  it('should count the GSM extension characters twice', () => {
    expect(smsLength('a[b]')).toBe(6);
  });
});
