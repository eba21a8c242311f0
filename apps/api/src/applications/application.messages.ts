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
  noteEmpty: { id: 'Catatan harus diisi, paling banyak 2000 karakter.', en: 'A note must have text, at most 2000 characters.' },
  resultDocumentMissing: {
    id: 'Unggah dokumen hasil (atau buat surat keputusan) terlebih dahulu: pemohon akan mengunduhnya.',
    en: 'Upload the result document (or generate the decision letter) first: the applicant will download it.',
  },
  badCursor: { id: 'cursor tidak dikenali: mulai lagi dari halaman pertama.', en: 'cursor not recognised: start again from the first page.' },
  uploadNotAllowed: {
    id: 'Dokumen hanya dapat diunggah saat permohonan masih draf, atau untuk persyaratan yang dikembalikan untuk diperbaiki.',
    en: 'Documents can be uploaded only while the application is a draft, or for requirements returned for correction.',
  },
  uploadItemNotReturned: {
    id: 'Persyaratan ini tidak dikembalikan untuk diperbaiki: dokumennya tidak dapat diganti sekarang.',
    en: 'This requirement was not returned for correction: its document cannot be replaced now.',
  },
  uploadNotRaw: {
    id: 'Kirim berkas itu sendiri sebagai isi permintaan (Content-Type berkasnya, misalnya application/pdf), bukan JSON atau formulir.',
    en: 'Send the file itself as the request body (with its own Content-Type, e.g. application/pdf), not JSON or a form.',
  },
  badFileName: {
    id: 'Nama berkas (X-File-Name) tidak dapat dibaca: kirim dalam UTF-8 yang di-percent-encode.',
    en: 'The file name (X-File-Name) cannot be read: send it percent-encoded UTF-8.',
  },
  documentsMissing: (names: { id: string; en: string }): LocalizedText => ({
    id: `Unggah dulu dokumen persyaratan wajib: ${names.id}.`,
    en: `Upload the mandatory documents first: ${names.en}.`,
  }),
  documentNotFound: { id: 'Dokumen tidak ditemukan.', en: 'Document not found.' },
  documentPurged: (at: Date): LocalizedText => ({
    id: `Berkas dokumen ini sudah dihapus pada ${at.toISOString().slice(0, 10)} sesuai masa simpan permohonan yang selesai. Catatan permohonan tetap tersimpan.`,
    en: `This document's file was deleted on ${at.toISOString().slice(0, 10)} under the retention period of finished applications. The application's record is kept.`,
  }),
  ticketNotFound: {
    id: 'Tiket tidak ditemukan di instansi Anda.',
    en: 'Ticket not found at your agency.',
  },
  ticketNotServedByYou: {
    id: 'Permohonan di loket hanya dapat dibuat dari tiket yang sedang Anda layani di loket Anda.',
    en: 'A walk-in application can be opened only from the ticket you are serving at your counter.',
  },
  applicationsDisabled: {
    id: 'Layanan ini tidak menerima permohonan digital.',
    en: 'This service does not take digital applications.',
  },
  invalidPerson: (detail: LocalizedText): LocalizedText => ({ id: `Data pemohon belum benar: ${detail.id}`, en: `The applicant's data is not valid: ${detail.en}` }),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
