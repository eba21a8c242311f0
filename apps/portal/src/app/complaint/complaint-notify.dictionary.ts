import { defineDictionary } from '@mpp/ui';

/** The tracking page's notifications (complaint-notify.component.ts). */
export const COMPLAINT_NOTIFY_DICTIONARY = defineDictionary(
  {
    'complaint.notify.heading': 'Pemberitahuan',
    'complaint.notify.intro': 'Kami beri tahu ponsel ini setiap kali status pengaduan berubah, walau halaman ini ditutup. Cocok untuk pengaduan anonim, yang tidak menerima SMS.',
    'complaint.notify.enable': 'Beri tahu saya saat ada tanggapan',
    'complaint.notify.enabling': 'Mengaktifkan…',
    'complaint.notify.on': 'Pemberitahuan pengaduan ini aktif di ponsel ini.',
    'complaint.notify.disable': 'Matikan pemberitahuan',
    'complaint.notify.denied': 'Pemberitahuan diblokir untuk situs ini. Izinkan di pengaturan browser, atau buka halaman ini lagi nanti dengan kode dan kode rahasia.',
    'complaint.notify.unsupported': 'Browser ini tidak mendukung pemberitahuan. Buka halaman ini lagi nanti dengan kode dan kode rahasia.',
    'complaint.notify.failed': 'Pemberitahuan belum bisa diaktifkan. Coba lagi sebentar lagi.',
  },
  {
    'complaint.notify.heading': 'Notifications',
    'complaint.notify.intro': 'We tell this phone each time the status of the complaint changes, even with this page closed. Useful for anonymous complaints, which get no SMS.',
    'complaint.notify.enable': 'Notify me when there is a response',
    'complaint.notify.enabling': 'Turning on…',
    'complaint.notify.on': 'Notifications for this complaint are on for this phone.',
    'complaint.notify.disable': 'Turn notifications off',
    'complaint.notify.denied': 'Notifications are blocked for this site. Allow them in the browser settings, or open this page again later with the code and the secret.',
    'complaint.notify.unsupported': 'This browser does not support notifications. Open this page again later with the code and the secret.',
    'complaint.notify.failed': 'Notifications could not be turned on. Try again in a moment.',
  },
);
