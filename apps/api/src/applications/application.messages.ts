import type { LocalizedText } from '@mpp/contracts';

/** The applications module's refusals, in Bahasa Indonesia and English. */
export const ApplicationMessages = {
  notFound: {
    id: 'Permohonan tidak ditemukan. Periksa kode permohonan dan kode rahasia pada pesan yang Anda terima.',
    en: 'Application not found. Check the application code and the secret in the message you received.',
  },
  serviceNotFound: { id: 'Layanan tidak ditemukan atau tidak tersedia.', en: 'Service not found or not offered.' },
  noAgency: {
    id: 'Hanya petugas instansi yang dapat menangani permohonan.',
    en: 'Only an agency officer may handle applications.',
  },
  claimedByOther: {
    id: 'Permohonan ini sedang ditangani petugas lain.',
    en: 'Another officer has claimed this application.',
  },
  notUnderReview: {
    id: 'Persyaratan hanya dapat diperiksa saat permohonan sedang diverifikasi, diajukan ulang, atau diproses.',
    en: 'Requirements can be reviewed only while the application is in verification, resubmitted or in process.',
  },
  itemNotFound: {
    id: 'Persyaratan ini tidak ada dalam daftar periksa permohonan.',
    en: 'This requirement is not on the application’s checklist.',
  },
  itemReasonMissing: {
    id: 'Tuliskan alasan: pemohon perlu tahu apa yang harus diperbaiki.',
    en: 'Give a reason: the applicant needs to know what to fix.',
  },
  claimFinal: {
    id: 'Permohonan yang sudah selesai tidak dapat diambil.',
    en: 'A finished application cannot be claimed.',
  },
  badCursor: { id: 'cursor tidak dikenali: mulai lagi dari halaman pertama.', en: 'cursor not recognised: start again from the first page.' },
  invalidPerson: (detail: LocalizedText): LocalizedText => ({ id: `Data pemohon belum benar: ${detail.id}`, en: `The applicant's data is not valid: ${detail.en}` }),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
