import type { LocalizedText } from '@mpp/contracts';

/** The issued documents' refusals and labels, in Bahasa Indonesia and English. */
export const IssuedDocumentMessages = {
  notFound: {
    id: 'Dokumen dengan nomor ini tidak ditemukan. Periksa nomor pada dokumen (contoh: TT-2612-7K3Q9M2X) atau pindai ulang kode QR-nya.',
    en: 'No document has this number. Check the number printed on the document (e.g. TT-2612-7K3Q9M2X) or scan its QR code again.',
  },
  receiptNotYet: {
    id: 'Tanda terima tersedia setelah permohonan diajukan. Ajukan permohonan terlebih dahulu.',
    en: 'The receipt is available once the application is submitted. Submit the application first.',
  },
  resultNotYet: {
    id: 'Hasil layanan belum tersedia. Anda akan menerima pemberitahuan saat hasil siap diunduh.',
    en: 'The result is not available yet. You will be told when it is ready to download.',
  },
  letterNotYet: {
    id: 'Belum ada surat keputusan untuk permohonan ini.',
    en: 'There is no decision letter for this application yet.',
  },
  resultNotApproved: {
    id: 'Dokumen hasil hanya dapat diunggah saat permohonan berstatus disetujui.',
    en: 'A result can be uploaded only while the application is approved.',
  },
  resultNotPdf: {
    id: 'Dokumen hasil harus berupa berkas PDF. Simpan atau pindai hasil sebagai PDF lalu unggah lagi.',
    en: 'The result must be a PDF file. Save or scan the result as a PDF and upload it again.',
  },
  resultEncrypted: {
    id: 'PDF hasil dilindungi kata sandi atau terenkripsi, sehingga nomor dan kode QR verifikasi tidak dapat dibubuhkan. Simpan ulang PDF tanpa kata sandi atau enkripsi, lalu unggah lagi.',
    en: 'The result PDF is password-protected or encrypted, so the number and verification QR code cannot be added. Save the PDF again without a password or encryption, then upload it again.',
  },
  resultUnreadable: {
    id: 'PDF hasil rusak, terpotong, atau tidak berisi halaman, sehingga tidak dapat dibaca. Buka berkasnya, simpan atau cetak ulang sebagai PDF, lalu unggah lagi.',
    en: 'The result PDF is damaged, cut short or has no pages, so it cannot be read. Open the file, save or print it again as a PDF, then upload it again.',
  },
  resultsBusy: {
    id: 'Server sedang memproses beberapa dokumen hasil. Tunggu sebentar lalu unggah lagi.',
    en: 'The server is processing several result documents. Wait a moment and upload again.',
  },
  approvalLetterNotApproved: {
    id: 'Surat persetujuan hanya dapat dibuat saat permohonan berstatus disetujui.',
    en: 'An approval letter can be made only while the application is approved.',
  },
  rejectionLetterNotRejected: {
    id: 'Surat penolakan hanya dapat dibuat saat permohonan berstatus ditolak.',
    en: 'A rejection letter can be made only while the application is rejected.',
  },
  rejectionReasonMissing: {
    id: 'Penolakan ini tidak mempunyai alasan tercatat, sehingga surat penolakan tidak dapat dibuat.',
    en: 'This rejection has no recorded reason, so a rejection letter cannot be made.',
  },
  tooLarge: (mb: number): LocalizedText => ({ id: `Berkas terlalu besar. Ukuran paling besar ${mb} MB.`, en: `The file is too large. The largest allowed is ${mb} MB.` }),
  emptyFile: { id: 'Berkas kosong. Pilih berkas PDF dokumen yang ingin diperiksa.', en: 'The file is empty. Choose the PDF of the document to check.' },
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

/** The kinds as people read them. */
export const ISSUED_DOCUMENT_KIND_LABELS = {
  receipt: { id: 'Tanda terima permohonan', en: 'Application receipt' },
  result: { id: 'Dokumen hasil layanan', en: 'Service result document' },
  decision_letter: { id: 'Surat keputusan', en: 'Decision letter' },
} as const satisfies Record<string, LocalizedText>;

export const LETTER_KIND_LABELS = {
  approval: { id: 'Surat persetujuan permohonan', en: 'Approval letter' },
  rejection: { id: 'Surat penolakan permohonan', en: 'Rejection letter' },
} as const satisfies Record<string, LocalizedText>;
