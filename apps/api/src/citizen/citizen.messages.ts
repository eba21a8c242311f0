import type { LocalizedText } from '@mpp/contracts';

export const CITIZEN_MESSAGES = {
  badRecipient: {
    id: 'Masukkan nomor HP (08…) atau alamat email yang benar.',
    en: 'Enter a valid mobile number (08…) or email address.',
  },
  badCode: { id: 'Kode terdiri dari 6 angka.', en: 'The code is 6 digits.' },
  tooSoon: {
    id: 'Kode baru saja dikirim. Tunggu sebentar sebelum meminta kode lagi.',
    en: 'A code was just sent. Wait a moment before asking for another.',
  },
  tooManyForRecipient: {
    id: 'Terlalu banyak permintaan kode untuk nomor atau email ini. Coba lagi nanti.',
    en: 'Too many codes were asked for this number or email. Try again later.',
  },
  tooManyFromAddress: {
    id: 'Terlalu banyak permintaan kode dari jaringan ini. Coba lagi nanti.',
    en: 'Too many codes were asked from this network. Try again later.',
  },
  wrongCode: { id: 'Kode salah. Periksa kembali kode yang Anda terima.', en: 'Wrong code. Check the code you received.' },
  noLiveCode: {
    id: 'Kode sudah tidak berlaku (kedaluwarsa atau sudah dipakai). Minta kode baru.',
    en: 'The code is no longer valid (expired or already used). Ask for a new one.',
  },
  attemptsUsed: {
    id: 'Kode salah terlalu banyak kali, kode ini tidak berlaku lagi. Minta kode baru.',
    en: 'Too many wrong tries: this code no longer works. Ask for a new one.',
  },
  signedOut: { id: 'Silakan masuk ke akun warga terlebih dahulu.', en: 'Please sign in to your citizen account first.' },
  emailNotVerified: {
    id: 'Untuk diberi tahu lewat email, tambahkan dan verifikasi alamat email Anda terlebih dahulu.',
    en: 'To be told by email, add and verify your email address first.',
  },
  oidcOff: { id: 'Masuk dengan penyedia identitas tidak tersedia.', en: 'Signing in with an identity provider is not available.' },
  oidcFailed: {
    id: 'Gagal masuk dengan penyedia identitas. Silakan coba lagi.',
    en: 'Signing in with the identity provider failed. Please try again.',
  },
} satisfies Record<string, LocalizedText>;
