import { randomBytes } from 'node:crypto';

/** Small builders for request bodies; each call gives unique codes. */
const uniq = () => randomBytes(3).toString('hex');

export function newSiteDto(overrides: Record<string, unknown> = {}) {
  return {
    code: `mpp-uji-${uniq()}`,
    name: 'MPP Kabupaten Uji',
    city: 'Kabupaten Uji',
    province: 'Nusa Tenggara Timur',
    address: 'Jl. Percobaan No. 1',
    timeZone: 'Asia/Makassar',
    openingHours: [
      { weekday: 1, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
      { weekday: 5, open: '08:00', close: '16:00', breaks: [{ start: '11:30', end: '13:00' }] },
    ],
    closesOnCutiBersama: true,
    ...overrides,
  };
}

export function newAgencyDto(overrides: Record<string, unknown> = {}) {
  return { code: `instansi-${uniq()}`, name: 'Dinas Uji Coba Kota Kupang', shortName: 'Dinas Uji', ...overrides };
}

export function newServiceDto(overrides: Record<string, unknown> = {}) {
  return {
    code: `layanan-${uniq()}`,
    name: 'Legalisir Dokumen Uji',
    nameEn: 'Test document legalisation',
    summary: 'Legalisir salinan dokumen.',
    summaryEn: 'Certified copies of documents.',
    description: 'Pengesahan salinan dokumen kependudukan untuk keperluan administrasi.',
    descriptionEn: 'Certification of copies of population documents for administrative use.',
    synonyms: ['legalisir', 'cap basah'],
    requirements: [
      { name: 'Dokumen asli', mandatory: true, form: 'original', uploadable: false, fileTypes: [] },
      { name: 'Fotokopi dokumen', mandatory: true, form: 'copy', uploadable: true, fileTypes: ['pdf', 'jpg'] },
    ],
    procedure: [{ text: 'Ambil nomor antrean.' }, { text: 'Serahkan dokumen ke petugas.', textEn: 'Hand the documents to the officer.' }],
    completionTime: { value: 30, unit: 'minutes' },
    fee: { free: true, amount: 0, legalBasis: 'UU 24/2013 Pasal 79A' },
    product: 'Salinan dokumen yang dilegalisir',
    legalBasis: ['UU 24/2013 tentang Administrasi Kependudukan'],
    complaintChannel: 'SP4N-LAPOR! (lapor.go.id)',
    queue: { ticketPrefix: 'Z', expectedServiceMinutes: 10, walkInEnabled: true, onlineBookingEnabled: false, dailyQuota: 50 },
    ...overrides,
  };
}
