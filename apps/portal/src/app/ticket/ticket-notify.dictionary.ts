import { defineDictionary } from '@mpp/ui';

/** The ticket page's notifications (ticket-notify.component.ts). */
export const TICKET_NOTIFY_DICTIONARY = defineDictionary(
  {
    'portal.notify.heading': 'Pemberitahuan',
    'portal.notify.intro': 'Kami beri tahu ponsel Anda saat giliran Anda hampir tiba dan saat Anda dipanggil, walau halaman ini ditutup.',
    'portal.notify.enable': 'Beri tahu saya saat dipanggil',
    'portal.notify.enabling': 'Mengaktifkan…',
    'portal.notify.on': 'Pemberitahuan aktif di ponsel ini.',
    'portal.notify.disable': 'Matikan pemberitahuan',
    'portal.notify.denied': 'Pemberitahuan diblokir untuk situs ini. Izinkan di pengaturan browser, atau biarkan halaman ini terbuka: ponsel akan bergetar saat Anda dipanggil.',
    'portal.notify.unsupported': 'Browser ini tidak mendukung pemberitahuan. Biarkan halaman ini terbuka: ponsel akan bergetar saat Anda dipanggil.',
    'portal.notify.failed': 'Pemberitahuan belum bisa diaktifkan. Coba lagi sebentar lagi.',
    'portal.notify.calledTitle': 'Dipanggil: menuju loket {n}',
  },
  {
    'portal.notify.heading': 'Notifications',
    'portal.notify.intro': 'We tell your phone when your turn is near and when you are called, even with this page closed.',
    'portal.notify.enable': 'Notify me when I am called',
    'portal.notify.enabling': 'Turning on…',
    'portal.notify.on': 'Notifications are on for this phone.',
    'portal.notify.disable': 'Turn notifications off',
    'portal.notify.denied': 'Notifications are blocked for this site. Allow them in the browser settings, or keep this page open: your phone will vibrate when you are called.',
    'portal.notify.unsupported': 'This browser does not support notifications. Keep this page open: your phone will vibrate when you are called.',
    'portal.notify.failed': 'Notifications could not be turned on. Try again in a moment.',
    'portal.notify.calledTitle': 'Called: go to counter {n}',
  },
);
