import type { LocalizedText } from '@mpp/contracts';

/**
 * The words of the citizen's identity fields (NIK, name, mobile, email), shared by the booking
 * form and the ticket from home. They stay in the lazy chunks of those pages (read with the
 * `bilingual` pipe), not in a dictionary of the first load. The field checks speak with the
 * messages of libs/domain, the same the API answers.
 */
export const CITIZEN_FORM_TEXT = {
  nik: { id: 'NIK (16 digit)', en: 'NIK (16 digits)' },
  nikHint: { id: 'Sesuai KTP-el atau Kartu Keluarga.', en: 'As on your e-KTP or family card.' },
  name: { id: 'Nama lengkap', en: 'Full name' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  email: { id: 'Email (tidak wajib)', en: 'Email (optional)' },
  emailInvalid: { id: 'Alamat email belum benar, mis. nama@contoh.id.', en: 'The email address is not valid, e.g. name@example.id.' },
  prefilled: {
    id: 'Sebagian data diisi dari akun Anda. Periksa dan ubah bila perlu.',
    en: 'Some details were filled in from your account. Check them and change them if needed.',
  },
} satisfies Record<string, LocalizedText>;
