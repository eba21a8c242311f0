import { defineDictionary } from '@mpp/ui';

/** Kalender nasional: national holidays and cuti bersama (system admins; loaded with the route). */
export const CALENDAR_ADMIN_DICTIONARY = defineDictionary(
  {
    'admin.calendar.title': 'Kalender nasional',
    'admin.calendar.heading': 'Kalender nasional',
    'admin.calendar.intro':
      'Hari libur nasional dan cuti bersama menurut SKB tiga menteri. Semua MPP memakainya untuk hari buka, jadwal pemesanan dan hari kerja permohonan. Penutupan setempat diatur di halaman Situs masing-masing MPP.',
    'admin.calendar.year': 'Tahun',
    'admin.calendar.caption': 'Tahun {year}: {n} hari',
    'admin.calendar.empty': 'Belum ada hari libur nasional atau cuti bersama untuk tahun {year}.',
    'admin.calendar.nextYearEmpty': 'Kalender tahun {year} belum diisi. Isi dari SKB begitu terbit, sebelum jadwal pemesanan mencapai tahun itu.',
    'admin.calendar.add': 'Tambah hari',
    'admin.calendar.added': '{name} ({date}) ditambahkan.',
    'admin.calendar.removed': '{name} ({date}) dihapus.',
    'admin.calendar.removeHeading': 'Hapus hari dari kalender nasional?',
    'admin.calendar.removeWarning': '{name}, {date}, akan dihapus untuk semua MPP: hari itu menjadi hari kerja biasa bagi antrean, pemesanan dan tenggat permohonan.',
    'admin.calendar.removeConfirm': 'Ya, hapus',
  },
  {
    'admin.calendar.title': 'National calendar',
    'admin.calendar.heading': 'National calendar',
    'admin.calendar.intro':
      "National holidays and cuti bersama (collective leave) from the three ministers' joint decree (SKB). Every MPP uses them for opening days, booking days and applications' working days. Local closures are set on each MPP's Site page.",
    'admin.calendar.year': 'Year',
    'admin.calendar.caption': '{year}: {n} days',
    'admin.calendar.empty': 'No national holiday or cuti bersama for {year} yet.',
    'admin.calendar.nextYearEmpty': "The calendar for {year} is empty. Fill it in from the SKB as soon as it is out, before bookings reach that year.",
    'admin.calendar.add': 'Add a day',
    'admin.calendar.added': '{name} ({date}) added.',
    'admin.calendar.removed': '{name} ({date}) removed.',
    'admin.calendar.removeHeading': 'Remove the day from the national calendar?',
    'admin.calendar.removeWarning': '{name}, {date}, will be removed for every MPP: it becomes an ordinary working day for queues, bookings and application deadlines.',
    'admin.calendar.removeConfirm': 'Yes, remove',
  },
);
