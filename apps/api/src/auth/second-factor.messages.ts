import type { LocalizedText } from '@mpp/contracts';

/** What an administrator reads at the second step of signing in (TOTP), and about a reset. */
export const SECOND_FACTOR_MESSAGES = {
  enrolFirst: {
    id: 'Admin wajib memakai verifikasi dua langkah. Pasang aplikasi autentikator (mis. Google Authenticator, Aegis), pindai kode QR, lalu masukkan kode 6 digitnya.',
    en: 'Administrators must use two-step verification. Install an authenticator app (e.g. Google Authenticator, Aegis), scan the QR code, then enter its 6-digit code.',
  },
  codeRequired: {
    id: 'Masukkan kode 6 digit dari aplikasi autentikator Anda.',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  wrongCode: {
    id: 'Kode salah atau sudah kedaluwarsa. Masukkan kode yang sedang tampil di aplikasi autentikator; bila tetap ditolak, periksa jam ponsel (atur otomatis).',
    en: 'Wrong or expired code. Enter the code your authenticator app shows now; if it is still refused, check that the phone sets its clock automatically.',
  },
  codeUsed: {
    id: 'Kode ini sudah dipakai. Tunggu kode berikutnya di aplikasi autentikator (paling lama 30 detik), lalu masukkan kode itu.',
    en: 'This code has already been used. Wait for the next code in your authenticator app (at most 30 seconds) and enter that one.',
  },
  tokenExpired: {
    id: 'Langkah verifikasi sudah kedaluwarsa (5 menit). Masuk lagi dengan email dan kata sandi.',
    en: 'The verification step has expired (5 minutes). Sign in again with your email and password.',
  },
  tokenInvalid: {
    id: 'Langkah verifikasi ini tidak berlaku lagi. Masuk lagi dengan email dan kata sandi.',
    en: 'This verification step is no longer valid. Sign in again with your email and password.',
  },
  alreadyEnrolled: {
    id: 'Aplikasi autentikator sudah terdaftar untuk akun ini. Masuk dengan kodenya; bila ponsel hilang, minta admin MPP atau admin sistem mengatur ulang verifikasi dua langkah.',
    en: 'An authenticator app is already enrolled for this account. Sign in with its code; if the phone is lost, ask a site or system administrator to reset two-step verification.',
  },
  enrolmentNotStarted: {
    id: 'Kode rahasia belum dibuat. Buka langkah pendaftaran aplikasi autentikator dulu, lalu masukkan kodenya.',
    en: 'No secret has been created yet. Open the authenticator enrolment step first, then enter its code.',
  },
  resetSelf: {
    id: 'Anda tidak dapat mengatur ulang verifikasi dua langkah akun Anda sendiri. Minta admin lain melakukannya.',
    en: 'You cannot reset the two-step verification of your own account. Ask another administrator to do it.',
  },
  resetNotAdmin: {
    id: 'Akun ini tidak memakai verifikasi dua langkah (hanya admin yang memakainya).',
    en: 'This account does not use two-step verification (only administrators do).',
  },
  resetWrongRole: {
    id: 'Admin MPP hanya dapat mengatur ulang verifikasi dua langkah admin instansi di MPP-nya. Untuk admin MPP, minta admin sistem.',
    en: 'A site administrator may only reset the two-step verification of agency administrators of their site. For a site administrator, ask a system administrator.',
  },
} satisfies Record<string, LocalizedText>;
