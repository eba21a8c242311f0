import { COMPLAINT_MAX_PHOTOS } from '@mpp/contracts';

/** The complaint photos' messages to people, in Bahasa Indonesia and English. */
export const ComplaintPhotoMessages = {
  photoRequired: {
    id: 'Kirim satu foto sebagai berkas multipart di kolom "photo".',
    en: 'Send one photo as a multipart file in the field "photo".',
  },
  notJpegOrPng: {
    id: 'Foto harus berformat JPEG atau PNG. Gunakan JPEG atau PNG (foto HEIC dari iPhone: pilih Pengaturan › Kamera › Format › Paling Kompatibel, atau kirim tangkapan layar).',
    en: 'The photo must be a JPEG or PNG. Use JPEG or PNG (HEIC photos from an iPhone: choose Settings › Camera › Formats › Most Compatible, or send a screenshot).',
  },
  tooMany: {
    id: `Satu pengaduan paling banyak memuat ${COMPLAINT_MAX_PHOTOS} foto.`,
    en: `A complaint carries at most ${COMPLAINT_MAX_PHOTOS} photos.`,
  },
  closed: {
    id: 'Pengaduan sudah selesai; foto tidak dapat ditambahkan lagi.',
    en: 'The complaint is closed; no more photos can be added.',
  },
  photoNotFound: { id: 'Foto tidak ditemukan.', en: 'Photo not found.' },
};
