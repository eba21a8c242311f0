import type { LocalizedText } from '@mpp/contracts';

/** What the survey's endpoints say, in both languages. */
export const SurveyMessages = {
  tokenInvalid: {
    id: 'Tautan survei ini tidak dikenal. Buka survei dari halaman tiket atau pesan yang Anda terima.',
    en: 'This survey link is not known. Open the survey from your ticket page or the message you received.',
  },
  tokenUsed: {
    id: 'Survei untuk layanan ini sudah diisi. Terima kasih; setiap layanan hanya dapat dinilai sekali.',
    en: 'The survey for this service has already been answered. Thank you; each service can be rated once.',
  },
  tokenExpired: {
    id: 'Masa pengisian survei untuk layanan ini sudah berakhir (14 hari setelah pelayanan).',
    en: 'The survey for this service has closed (14 days after the service).',
  },
  thanks: {
    id: 'Terima kasih. Penilaian Anda membantu MPP memperbaiki pelayanan.',
    en: 'Thank you. Your rating helps the MPP improve its services.',
  },
  scores: {
    id: 'Isi kesembilan unsur dengan nilai 1 sampai 4.',
    en: 'Rate all nine elements with a score from 1 to 4.',
  },
  comment: {
    id: 'Saran paling banyak 1.000 karakter.',
    en: 'The comment can be at most 1,000 characters.',
  },
  profile: {
    id: 'Pilih salah satu pilihan yang tersedia, atau kosongkan.',
    en: 'Choose one of the options given, or leave it empty.',
  },
  period: {
    id: 'Periode harus tanggal berformat YYYY-MM-DD, "from" tidak setelah "to", paling lama 366 hari.',
    en: 'The period must be dates written YYYY-MM-DD, "from" not after "to", at most 366 days.',
  },
  siteNotFound: { id: 'MPP tidak ditemukan.', en: 'MPP not found.' },
  agencyNotFound: { id: 'Instansi tidak ditemukan di MPP ini.', en: 'Agency not found at this MPP.' },
  serviceNotFound: { id: 'Layanan tidak ditemukan di MPP ini.', en: 'Service not found at this MPP.' },
  format: { id: 'format harus csv atau xlsx.', en: 'format must be csv or xlsx.' },
} satisfies Record<string, LocalizedText>;
