import { defineDictionary } from '@mpp/ui';

/** Words of the Loket page's order and retirement, and the Petugas page's second-factor reset. */
export const COUNTERS_STAFF_DICTIONARY = defineDictionary(
  {
    'cs.counters.numberHint': 'Kosongkan untuk nomor berikutnya ({n}). Nomor adalah urutan di layar antrean; dapat dipindah dengan Naik/Turun.',
    'cs.counters.order': 'Urutan',
    'cs.counters.up': 'Naik',
    'cs.counters.down': 'Turun',
    'cs.counters.moveTo': 'loket {number} ({name}) ke nomor {to}',
    'cs.counters.moved': 'Loket {other} ({name}) sekarang nomor {number}; loket yang tadinya bernomor {number} kini nomor {other}.',
    'cs.counters.retire': 'Pensiunkan',
    'cs.counters.retireTitle': 'Pensiunkan loket {number} ({name})?',
    'cs.counters.retireSays':
      'Loket ini tidak lagi ditawarkan kepada petugas, tidak tampil di layar antrean, dan tidak dapat dibuka lagi. Tiket dan nomornya tetap tercatat; nomornya tidak dipakai loket lain. Hanya loket yang tutup, tanpa petugas dan tanpa tiket yang sedang dilayani, yang dapat dipensiunkan.',
    'cs.counters.retireConfirm': 'Pensiunkan loket',
    'cs.counters.retired': 'Loket {number} ({name}) dipensiunkan.',
    'cs.counters.retiredHeading': 'Loket yang dipensiunkan',
    'cs.counters.retiredCaption': '{n} loket pensiun; nomornya tidak dipakai lagi',
    'cs.counters.retiredAt': 'Dipensiunkan',
    'cs.staff.secondFactor': 'Faktor kedua',
    'cs.staff.enrolled': 'Terdaftar',
    'cs.staff.notEnrolled': 'Belum terdaftar',
    'cs.staff.notNeeded': '—',
    'cs.staff.resetSecondFactor': 'Reset faktor kedua',
    'cs.staff.resetSecondFactorTitle': 'Reset faktor kedua {name}?',
    'cs.staff.resetSecondFactorSays':
      'Aplikasi autentikator {name} tidak berlaku lagi dan semua sesinya langsung berakhir. Pada saat masuk berikutnya, setelah kata sandi, ia harus mendaftarkan aplikasi autentikatornya lagi (memindai kode QR baru).',
    'cs.staff.resetSecondFactorConfirm': 'Reset faktor kedua',
    'cs.staff.secondFactorReset': 'Faktor kedua {name} direset; ia mendaftar lagi saat masuk berikutnya.',
  },
  {
    'cs.counters.numberHint': 'Leave empty for the next number ({n}). The number is the order on the hall display; move it with Up/Down.',
    'cs.counters.order': 'Order',
    'cs.counters.up': 'Up',
    'cs.counters.down': 'Down',
    'cs.counters.moveTo': 'counter {number} ({name}) to number {to}',
    'cs.counters.moved': 'Counter {other} ({name}) is now number {number}; the counter that had number {number} is now {other}.',
    'cs.counters.retire': 'Retire',
    'cs.counters.retireTitle': 'Retire counter {number} ({name})?',
    'cs.counters.retireSays':
      'The counter will no longer be offered to officers, shown on the hall display, or opened again. Its tickets and number stay in the records; no other counter takes its number. Only a closed counter with no officer and no ticket being served can be retired.',
    'cs.counters.retireConfirm': 'Retire counter',
    'cs.counters.retired': 'Counter {number} ({name}) retired.',
    'cs.counters.retiredHeading': 'Retired counters',
    'cs.counters.retiredCaption': '{n} retired counters; their numbers are not used again',
    'cs.counters.retiredAt': 'Retired',
    'cs.staff.secondFactor': 'Second factor',
    'cs.staff.enrolled': 'Enrolled',
    'cs.staff.notEnrolled': 'Not enrolled',
    'cs.staff.notNeeded': '—',
    'cs.staff.resetSecondFactor': 'Reset second factor',
    'cs.staff.resetSecondFactorTitle': "Reset {name}'s second factor?",
    'cs.staff.resetSecondFactorSays':
      "{name}'s authenticator app stops working and all their sessions end at once. At their next sign-in, after the password, they must enrol their authenticator app again (scan a new QR code).",
    'cs.staff.resetSecondFactorConfirm': 'Reset second factor',
    'cs.staff.secondFactorReset': "{name}'s second factor was reset; they enrol again at their next sign-in.",
  },
);
