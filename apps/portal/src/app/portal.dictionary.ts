import { defineDictionary } from '@mpp/ui';

/**
 * The portal's first-load words: the header and the home (search). Part of the initial bundle, so
 * kept to what the first page shows; each lazy page registers its own dictionary in its
 * `*.routes.ts` (provideDictionary), so its words load with its chunk (docs/portal.md, Budget).
 * apps/api/src/portal-home.ts copies the Indonesian texts of the home it renders.
 */
export const PORTAL_DICTIONARY = defineDictionary(
  {
    'portal.subtitle': 'Informasi layanan Mal Pelayanan Publik',
    'portal.search.title': 'Cari layanan',
    'portal.search.heading': 'Layanan apa yang Anda perlukan?',
    'portal.search.label': 'Cari layanan',
    'portal.search.placeholder': 'Contoh: KTP, paspor, SKCK',
    'portal.search.submit': 'Cari',
    'portal.site.label': 'Pilih MPP',
    'portal.sites.none': 'Belum ada MPP yang terdaftar.',
    'portal.agency.label': 'Instansi',
    'portal.results.heading': 'Hasil pencarian',
    'portal.results.count': '{n} layanan ditemukan',
    'portal.results.count.one': '{n} layanan ditemukan',
    'portal.results.shown': 'Menampilkan {shown} dari {total} layanan',
    'portal.results.empty': 'Layanan tidak ditemukan',
    'portal.results.emptyHint': 'Coba kata lain, periksa ejaan, atau pilih semua instansi.',
    'portal.results.loadMore': 'Muat lebih banyak',
    'portal.result.fee': 'Biaya',
    'portal.result.time': 'Waktu',
    'portal.account.signIn': 'Masuk',
    'portal.account.history': 'Riwayat saya',
    'portal.footer.complaints': 'Pengaduan & konsultasi',
  },
  {
    'portal.subtitle': 'Public Service Mall information',
    'portal.search.title': 'Find a service',
    'portal.search.heading': 'Which service do you need?',
    'portal.search.label': 'Search services',
    'portal.search.placeholder': 'For example: ID card, passport, SKCK',
    'portal.search.submit': 'Search',
    'portal.site.label': 'Choose an MPP',
    'portal.sites.none': 'No MPP has been registered yet.',
    'portal.agency.label': 'Agency',
    'portal.results.heading': 'Search results',
    'portal.results.count': '{n} services found',
    'portal.results.count.one': '{n} service found',
    'portal.results.shown': 'Showing {shown} of {total} services',
    'portal.results.empty': 'No services found',
    'portal.results.emptyHint': 'Try other words, check the spelling, or choose all agencies.',
    'portal.results.loadMore': 'Load more',
    'portal.result.fee': 'Fee',
    'portal.result.time': 'Time',
    'portal.account.signIn': 'Sign in',
    'portal.account.history': 'My history',
    'portal.footer.complaints': 'Complaints & consultation',
  },
);
