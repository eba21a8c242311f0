/**
 * The decision letters in Bahasa Indonesia (Handlebars, plain text: compiled with noEscape, never
 * put into HTML). Paragraphs are separated by a blank line; each block tag stands on its own line.
 * Kept as TypeScript strings so the compiled API needs no asset copying.
 */
export const DECISION_LETTER_ID = {
  approval: {
    title: 'SURAT PEMBERITAHUAN PERSETUJUAN PERMOHONAN',
    body: `Dengan hormat,

Bersama ini kami sampaikan bahwa permohonan {{serviceName}} dengan kode permohonan {{code}}, yang diajukan pada {{submittedOn}}, telah diperiksa dan DISETUJUI oleh {{agencyName}}.
{{#if note}}

{{note}}
{{/if}}

Hasil layanan akan tersedia untuk diunduh melalui halaman permohonan atau diambil di {{siteName}}, sesuai pemberitahuan yang Anda terima. Bawa KTP-el asli saat mengambil hasil di loket.

Demikian pemberitahuan ini kami sampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.`,
  },
  rejection: {
    title: 'SURAT PEMBERITAHUAN PENOLAKAN PERMOHONAN',
    body: `Dengan hormat,

Bersama ini kami sampaikan bahwa permohonan {{serviceName}} dengan kode permohonan {{code}}, yang diajukan pada {{submittedOn}}, tidak dapat disetujui oleh {{agencyName}}, dengan alasan sebagai berikut:

{{reason}}
{{#if note}}

{{note}}
{{/if}}

Saudara dapat mengajukan permohonan baru setelah memenuhi ketentuan di atas, atau menanyakan keputusan ini kepada petugas {{agencyName}} di {{siteName}} dengan menyebutkan nomor surat ini.

Demikian pemberitahuan ini kami sampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.`,
  },
  to: 'Kepada Yth.',
  number: 'Nomor',
  date: 'Tanggal',
  subject: 'Perihal',
  nik: 'NIK',
  signedFor: 'a.n. Kepala',
  officer: 'Petugas',
  electronic: 'Dokumen ini diterbitkan secara elektronik oleh MPP Digital dan sah tanpa tanda tangan basah; keasliannya dapat diperiksa melalui kode QR di bawah.',
} as const;
