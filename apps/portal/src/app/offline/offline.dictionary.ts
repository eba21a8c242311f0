import { defineDictionary } from '@mpp/ui';

/** The offline page and banner (docs/portal.md, Notifications and offline). */
export const OFFLINE_DICTIONARY = defineDictionary(
  {
    'portal.offline.title': 'Anda sedang offline',
    'portal.offline.body': 'Halaman ini belum tersimpan di ponsel Anda, jadi belum bisa dibuka tanpa koneksi internet.',
    'portal.offline.serverTitle': 'Server tidak dapat dihubungi',
    'portal.offline.serverBody': 'Koneksi ke MPP Digital terputus. Periksa sinyal atau Wi-Fi Anda, lalu coba lagi.',
    'portal.offline.available': 'Yang tetap bisa dibuka tanpa internet:',
    'portal.offline.search': 'Pencarian layanan terakhir Anda',
    'portal.offline.ticket': 'Tiket antrean {number}',
    'portal.offline.keep': 'Nomor antrean Anda tetap berlaku selama Anda offline. Bila notifikasi aktif, Anda tetap diberi tahu saat dipanggil begitu ponsel tersambung lagi.',
    'portal.offline.retry': 'Coba lagi',
    'portal.offline.banner': 'Anda offline. Yang tampil adalah data terakhir yang tersimpan di ponsel ini.',
    'portal.offline.pageTitle': 'Offline',
  },
  {
    'portal.offline.title': 'You are offline',
    'portal.offline.body': 'This page has not been saved on your phone yet, so it cannot be opened without an internet connection.',
    'portal.offline.serverTitle': 'The server cannot be reached',
    'portal.offline.serverBody': 'The connection to MPP Digital was lost. Check your signal or Wi-Fi, then try again.',
    'portal.offline.available': 'Still available without internet:',
    'portal.offline.search': 'Your last service search',
    'portal.offline.ticket': 'Queue ticket {number}',
    'portal.offline.keep': 'Your queue number stays valid while you are offline. With notifications on, you are still told when you are called as soon as your phone is connected again.',
    'portal.offline.retry': 'Try again',
    'portal.offline.banner': 'You are offline. What you see is the last data saved on this phone.',
    'portal.offline.pageTitle': 'Offline',
  },
);
