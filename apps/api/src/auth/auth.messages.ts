import type { LocalizedText } from '@mpp/contracts';

export const AUTH_MESSAGES = {
  missingToken: { id: 'Silakan masuk terlebih dahulu (token tidak ada).', en: 'Please sign in first (no token was sent).' },
  invalidToken: { id: 'Sesi tidak valid. Silakan masuk kembali.', en: 'Your session is not valid. Please sign in again.' },
  expiredToken: { id: 'Sesi Anda sudah berakhir. Silakan masuk kembali.', en: 'Your session has expired. Please sign in again.' },
  inactiveAccount: { id: 'Akun ini dinonaktifkan. Hubungi admin MPP.', en: 'This account is disabled. Contact the site administrator.' },
  sessionEnded: {
    id: 'Sesi ini sudah diakhiri karena kata sandi atau status akun berubah. Silakan masuk kembali.',
    en: 'This session was ended because the password or the account status changed. Please sign in again.',
  },
  revokedDevice: { id: 'Perangkat ini sudah dicabut aksesnya. Daftarkan ulang perangkat.', en: 'This device has been revoked. Register the device again.' },
  wrongCredentials: { id: 'Email atau kata sandi salah.', en: 'Wrong email or password.' },
  staffOnly: { id: 'Hanya petugas yang boleh melakukan ini.', en: 'Only staff may do this.' },
  wrongRole: { id: 'Peran akun Anda tidak berwenang melakukan ini.', en: 'Your role is not allowed to do this.' },
  otherSite: { id: 'Anda hanya boleh mengelola MPP tempat Anda bertugas.', en: 'You may only manage the site you are assigned to.' },
  otherAgency: { id: 'Anda hanya boleh mengelola instansi tempat Anda bertugas.', en: 'You may only manage the agency you are assigned to.' },
} satisfies Record<string, LocalizedText>;
