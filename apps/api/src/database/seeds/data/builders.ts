import type { CompletionTime, Fee, ProcedureStep, QueueSettings, UploadableFileType } from '@mpp/contracts';

import type { SeedRequirement } from '../seed-types';

/** Builders and documents shared by the seed catalogues of every site. */

export const SCAN: UploadableFileType[] = ['pdf', 'jpg', 'png'];
export const PHOTO: UploadableFileType[] = ['jpg', 'png'];

export const step = (text: string, textEn: string): ProcedureStep => ({ text, textEn });
export const minutes = (value: number, note: string | null = null): CompletionTime => ({ value, unit: 'minutes', note });
export const workingDays = (value: number, note: string | null = null): CompletionTime => ({ value, unit: 'working_days', note });
export const calendarDays = (value: number, note: string | null = null): CompletionTime => ({ value, unit: 'calendar_days', note });
export const free = (legalBasis: string | null, note: string | null = null): Fee => ({ free: true, amount: 0, legalBasis, note });
export const paid = (amount: number, legalBasis: string, note: string | null = null): Fee => ({ free: false, amount, legalBasis, note });
/**
 * Queue settings. `onlineTicket` lets citizens take the day's ticket from home (antrean daring,
 * docs/queue.md); a service that takes them has a daily quota, which kiosk and online tickets share.
 */
export const queue = (
  ticketPrefix: string,
  expectedServiceMinutes: number,
  dailyQuota: number | null,
  options: { walkIn?: boolean; online?: boolean; onlineTicket?: boolean } = {},
): QueueSettings => ({
  ticketPrefix,
  expectedServiceMinutes,
  walkInEnabled: options.walkIn ?? true,
  onlineBookingEnabled: options.online ?? true,
  onlineTicketEnabled: options.onlineTicket ?? false,
  dailyQuota,
});

// Documents many services ask for.
export const ktpEl = (overrides: Partial<SeedRequirement> = {}): SeedRequirement => ({
  name: 'KTP-el pemohon',
  nameEn: "Applicant's electronic ID card (KTP-el)",
  form: 'original',
  uploadable: true,
  fileTypes: SCAN,
  ...overrides,
});
export const kartuKeluarga = (overrides: Partial<SeedRequirement> = {}): SeedRequirement => ({
  name: 'Kartu Keluarga (KK)',
  nameEn: 'Family card (Kartu Keluarga)',
  form: 'copy',
  uploadable: true,
  fileTypes: SCAN,
  ...overrides,
});
export const suratKuasa: SeedRequirement = {
  name: 'Surat kuasa bermeterai dan KTP-el penerima kuasa (jika diwakilkan)',
  nameEn: "Stamped power of attorney and the representative's KTP-el (if represented)",
  mandatory: false,
  form: 'original',
  uploadable: true,
  fileTypes: SCAN,
};

// Population administration (adminduk) is free by law.
export const ADMINDUK_FEE = free(
  'UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan, Pasal 79A',
  'Tidak dipungut biaya. Pungutan atas dokumen kependudukan dapat dipidana (Pasal 95B UU 24/2013).',
);
export const ADMINDUK_LAW = [
  'UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013',
  'PP 40/2019 tentang Pelaksanaan UU 23/2006 tentang Administrasi Kependudukan',
  'Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil',
  'Permendagri 108/2019 tentang Peraturan Pelaksanaan Perpres 96/2018',
];

export const POLRI_PNBP = 'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia';

/** The national complaint channel plus the site's own desk. */
export const laporFor = (siteName: string): string =>
  `SP4N-LAPOR! (www.lapor.go.id atau SMS 1708), meja pengaduan dan kotak saran ${siteName}`;
