import { SITE_FACILITIES, type LocalizedText } from '@mpp/contracts';
import { FACILITY_LABELS } from '@mpp/domain';

/**
 * The site page's own words, Indonesian and English. They live in the page's lazy chunk rather
 * than in a dictionary registered at start, so a phone loading the home page does not download
 * them (every dictionary given to provideMppUi is in the first load).
 */
export const SITE_PAGE_TEXTS: Readonly<Record<string, LocalizedText>> = {
  'back': { id: 'Cari layanan di MPP ini', en: 'Search services at this MPP' },
  'now.open': { id: 'Buka sekarang', en: 'Open now' },
  'now.on_break': { id: 'Sedang istirahat', en: 'On a break' },
  'now.closed': { id: 'Tutup sekarang', en: 'Closed now' },
  'now.openUntil': { id: 'Buka sampai pukul {time} {zone}.', en: 'Open until {time} {zone}.' },
  'now.breakUntil': { id: 'Loket melayani lagi pukul {time} {zone}. Nomor antrean tetap bisa diambil.', en: 'Counters serve again at {time} {zone}. You can still take a queue ticket.' },
  'now.opensToday': { id: 'Buka hari ini pukul {time} {zone}.', en: 'Opens today at {time} {zone}.' },
  'now.opensNext': { id: 'Buka lagi {date}, pukul {time} {zone}.', en: 'Opens again on {date} at {time} {zone}.' },
  'now.noNext': { id: 'Belum ada jadwal buka dalam 31 hari ke depan.', en: 'No opening day in the next 31 days.' },
  'now.asOf': { id: 'Waktu setempat saat dimuat: {time} {zone}', en: 'Local time when loaded: {time} {zone}' },
  'today': { id: 'Hari ini, {date}', en: 'Today, {date}' },
  'today.hours': { id: '{open}–{close} {zone}', en: '{open}–{close} {zone}' },
  'today.break': { id: 'Istirahat {start}–{end}', en: 'Break {start}–{end}' },
  'today.closed': { id: 'Tutup', en: 'Closed' },
  'closure.weekly_closed': { id: 'Hari libur mingguan', en: 'Weekly day off' },
  'closure.national_holiday': { id: 'Libur nasional', en: 'Public holiday' },
  'closure.cuti_bersama': { id: 'Cuti bersama', en: 'Collective leave day' },
  'closure.local_closure': { id: 'MPP tutup', en: 'MPP closed' },
  'address': { id: 'Alamat', en: 'Address' },
  'map': { id: 'Buka di peta', en: 'Open in maps' },
  'phone': { id: 'Telepon', en: 'Phone' },
  'email': { id: 'Email', en: 'Email' },
  'week': { id: 'Jam buka', en: 'Opening hours' },
  'week.closed': { id: 'Tutup', en: 'Closed' },
  'week.cutiBersama': { id: 'Tutup pada hari cuti bersama.', en: 'Closed on collective leave days (cuti bersama).' },
  'week.cutiBersamaOpen': { id: 'Tetap buka pada hari cuti bersama.', en: 'Open on collective leave days (cuti bersama).' },
  'closures': { id: 'Hari tutup 30 hari ke depan', en: 'Closed days in the next 30 days' },
  'closures.none': { id: 'Tidak ada hari libur atau penutupan dalam 30 hari ke depan.', en: 'No holidays or closures in the next 30 days.' },
  'facilities': { id: 'Fasilitas', en: 'Facilities' },
  'facilities.none': { id: 'Daftar fasilitas belum diisi oleh pengelola MPP.', en: 'The MPP has not listed its facilities yet.' },
  ...Object.fromEntries(SITE_FACILITIES.map((f) => [`facility.${f}`, FACILITY_LABELS[f]])),
  'agencies': { id: 'Instansi di MPP ini', en: 'Agencies at this MPP' },
  'agencies.none': { id: 'Belum ada instansi yang melayani di MPP ini.', en: 'No agency serves at this MPP yet.' },
  'complaints': { id: 'Pengaduan & konsultasi', en: 'Complaints & consultation' },
  'complaints.intro': { id: 'Ada yang tidak beres atau ingin bertanya? Sampaikan ke pengelola pengaduan MPP ini, lalu ikuti dengan kode pelacakan.', en: "Something went wrong, or a question? Tell this MPP's complaint handlers and follow it with a tracking code." },
  'complaints.file': { id: 'Sampaikan pengaduan', en: 'Make a complaint' },
  'complaints.track': { id: 'Lacak pengaduan', en: 'Track a complaint' },
  'complaints.stats': { id: 'Statistik pengaduan', en: 'Complaint statistics' },
  'agency.services': { id: '{n} layanan', en: '{n} services' },
  'agency.services.one': { id: '{n} layanan', en: '{n} service' },
  'notFound': { id: 'MPP ini tidak ditemukan. Pilih MPP dari halaman utama.', en: 'This MPP was not found. Choose an MPP on the home page.' },
};
