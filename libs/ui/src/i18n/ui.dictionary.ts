import { defineDictionary } from './dictionary';
import type { Lang } from './lang';

/** Keys shared by all three apps. App-specific keys live in each app's own dictionary. */
export const UI_DICTIONARY = defineDictionary(
  {
    'app.title': 'MPP Digital',
    'app.tagline': 'Mal Pelayanan Publik',
    'lang.label': 'Bahasa',
    'shell.skipToContent': 'Langsung ke konten utama',
    'common.loading': 'Memuat…',
    'common.retry': 'Coba lagi',
    'common.back': 'Kembali',
    'common.close': 'Tutup',
    'common.site': 'MPP',
    'common.agency': 'Instansi',
    'common.allAgencies': 'Semua instansi',
    'common.notFound.title': 'Halaman tidak ditemukan',
    'common.notFound.body': 'Alamat yang Anda buka tidak ada.',
    'common.notFound.home': 'Ke halaman utama',
    'fee.free': 'Gratis',
    'requirement.mandatory': 'Wajib',
    'requirement.optional': 'Tidak wajib',
    'requirement.form.original': 'Asli',
    'requirement.form.copy': 'Fotokopi',
    'requirement.form.original_and_copy': 'Asli dan fotokopi',
    'time.minutes': '{n} menit',
    'time.minutes.one': '{n} menit',
    'time.workingDays': '{n} hari kerja',
    'time.workingDays.one': '{n} hari kerja',
    'error.network': 'Tidak dapat terhubung ke server. Periksa koneksi Anda.',
    'error.notFound': 'Data yang diminta tidak ditemukan.',
    'error.server': 'Server sedang mengalami gangguan. Coba lagi beberapa saat lagi.',
    'error.tooManyRequests': 'Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.',
    'error.unknown': 'Terjadi kesalahan (kode {status}). Coba lagi.',
  },
  {
    'app.title': 'MPP Digital',
    'app.tagline': 'Public Service Mall',
    'lang.label': 'Language',
    'shell.skipToContent': 'Skip to main content',
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.back': 'Back',
    'common.close': 'Close',
    'common.site': 'MPP',
    'common.agency': 'Agency',
    'common.allAgencies': 'All agencies',
    'common.notFound.title': 'Page not found',
    'common.notFound.body': 'The address you opened does not exist.',
    'common.notFound.home': 'Go to the home page',
    'fee.free': 'Free',
    'requirement.mandatory': 'Required',
    'requirement.optional': 'Optional',
    'requirement.form.original': 'Original',
    'requirement.form.copy': 'Photocopy',
    'requirement.form.original_and_copy': 'Original and photocopy',
    'time.minutes': '{n} minutes',
    'time.minutes.one': '{n} minute',
    'time.workingDays': '{n} working days',
    'time.workingDays.one': '{n} working day',
    'error.network': 'Cannot reach the server. Check your connection.',
    'error.notFound': 'The requested data was not found.',
    'error.server': 'The server is having problems. Try again in a moment.',
    'error.tooManyRequests': 'Too many requests. Wait a moment, then try again.',
    'error.unknown': 'Something went wrong (code {status}). Try again.',
  },
);

export type UiTranslationKey = keyof (typeof UI_DICTIONARY)['id'];

/** Looks up a shared key without the service, for pure formatters. */
export function uiText(lang: Lang, key: UiTranslationKey): string {
  return UI_DICTIONARY[lang][key];
}
