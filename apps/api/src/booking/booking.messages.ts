import type { BookingStatus, LocalizedText } from '@mpp/contracts';
import { localDate, localTime, timeZoneAbbreviation } from '@mpp/domain';
import { formatBookingDate } from './documents/booking-confirmation.model';

/** A local "HH:MM" as each language writes it: "09.30" in Indonesian, "09:30" in English. */
function clock(time: string): LocalizedText {
  return { id: time.replace(':', '.'), en: time };
}

const STATUS: Record<BookingStatus, LocalizedText> = {
  active: { id: 'aktif', en: 'active' },
  checked_in: { id: 'sudah check-in', en: 'checked in' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
  no_show: { id: 'tidak hadir', en: 'a no-show' },
};


export const BookingMessages = {
  invalidPerson: (first: LocalizedText): LocalizedText => ({ id: `Data pemesanan belum benar: ${first.id}`, en: `The booking data is not valid: ${first.en}` }),
  notifyByEmailWithoutEmail: {
    id: 'Untuk diberi tahu lewat email, isi alamat email Anda, atau pilih SMS atau WhatsApp.',
    en: 'To be told by email, fill in your email address, or choose SMS or WhatsApp.',
  },
  noBookingForTicket: {
    id: 'Tiket ini tidak berasal dari pemesanan daring.',
    en: 'This ticket did not come from an online booking.',
  },
  notFound: { id: 'Kode pemesanan tidak ditemukan. Periksa kembali kode pada bukti pemesanan.', en: 'Booking code not found. Check the code on your confirmation.' },
  serviceNotFound: { id: 'Layanan tidak ditemukan atau tidak tersedia.', en: 'Service not found or not offered.' },
  onlineDisabled: { id: 'Layanan ini tidak dapat dipesan secara daring. Silakan ambil antrean di kios MPP.', en: 'This service cannot be booked online. Please take a ticket at the MPP kiosk.' },
  alreadyBooked: {
    id: 'NIK ini sudah memiliki pemesanan aktif untuk layanan ini pada hari tersebut.',
    en: 'This NIK already has an active booking for this service on that day.',
  },
  weeklyLimit: (limit: number): LocalizedText => ({
    id: `Satu NIK paling banyak ${limit} pemesanan aktif per minggu. Batalkan pemesanan lain atau pilih minggu lain.`,
    en: `One NIK may hold at most ${limit} active bookings per week. Cancel another booking or choose another week.`,
  }),
  dayFull: {
    id: 'Kuota pemesanan daring hari itu sudah habis (sebagian kuota disediakan untuk antrean langsung). Pilih hari lain.',
    en: "That day's online booking quota is full (part of it is kept for walk-ins). Choose another day.",
  },
  slotFull: (start: string, timeZone: string): LocalizedText => ({
    id: `Jadwal pukul ${clock(start).id} ${timeZoneAbbreviation(timeZone)} sudah penuh. Pilih jadwal lain.`,
    en: `The ${clock(start).en} ${timeZoneAbbreviation(timeZone)} slot is full. Choose another slot.`,
  }),
  slotClosed: (cutoff: number): LocalizedText => ({
    id: `Pemesanan untuk jadwal ini sudah ditutup (paling lambat ${cutoff} menit sebelum jadwal). Pilih jadwal berikutnya.`,
    en: `Booking for this slot has closed (at the latest ${cutoff} minutes before it starts). Choose a later slot.`,
  }),
  noSuchSlot: (start: string, date: string, timeZone: string): LocalizedText => ({
    id: `Tidak ada jadwal pukul ${clock(start).id} ${timeZoneAbbreviation(timeZone)} pada ${formatBookingDate(date, 'id')}. Lihat daftar jadwal yang tersedia.`,
    en: `There is no ${clock(start).en} ${timeZoneAbbreviation(timeZone)} slot on ${formatBookingDate(date, 'en')}. See the list of available slots.`,
  }),
  notActive: (status: BookingStatus): LocalizedText => ({
    id: `Pemesanan ini ${STATUS[status].id}, sehingga tidak dapat diubah.`,
    en: `This booking is ${STATUS[status].en}, so it cannot be changed.`,
  }),
  proofRequired: {
    id: 'Buka pemesanan ini melalui tautan pada SMS atau email konfirmasi. Untuk pemesanan lama tanpa tautan, masukkan 16 digit NIK.',
    en: 'Open this booking through the link in the confirmation SMS or email. For an older booking without a link, enter the 16-digit NIK.',
  },
  proofInvalid: {
    id: 'Tautan atau NIK tidak cocok dengan pemesanan ini.',
    en: 'The link or the NIK does not match this booking.',
  },
  linkRequired: {
    id: 'Pemesanan ini hanya dapat dikelola melalui tautan pada SMS atau email konfirmasi.',
    en: 'This booking can only be managed through the link in the confirmation SMS or email.',
  },
  proofLocked: (minutes: number): LocalizedText => ({
    id: `Terlalu banyak percobaan yang salah untuk pemesanan ini. Coba lagi dalam ${minutes} menit.`,
    en: `Too many wrong attempts for this booking. Try again in ${minutes} minutes.`,
  }),
  kioskOnly: { id: 'Check-in hanya dapat dilakukan di kios MPP.', en: 'Check-in is done at the MPP kiosk.' },
  otherSite: { id: 'Pemesanan ini untuk MPP lain. Silakan datang ke MPP yang tertera pada bukti pemesanan.', en: 'This booking is for another site. Please go to the site on your confirmation.' },
  /** "Come back at 09.30 WITA" today; on another day, which day ("on Tuesday, 24 November 2026 at …"). */
  tooEarly: (opensAt: Date, now: Date, timeZone: string): LocalizedText => {
    const time = clock(localTime(opensAt, timeZone));
    const zone = timeZoneAbbreviation(timeZone);
    const day = localDate(opensAt, timeZone);
    if (day === localDate(now, timeZone)) {
      return {
        id: `Terlalu awal untuk check-in. Silakan kembali pukul ${time.id} ${zone}.`,
        en: `Too early to check in. Please come back at ${time.en} ${zone}.`,
      };
    }
    return {
      id: `Terlalu awal untuk check-in: pemesanan ini untuk ${formatBookingDate(day, 'id')}. Silakan kembali pada hari itu pukul ${time.id} ${zone}.`,
      en: `Too early to check in: this booking is for ${formatBookingDate(day, 'en')}. Please come back that day at ${time.en} ${zone}.`,
    };
  },
  tooLate: {
    id: 'Waktu check-in untuk pemesanan ini sudah lewat. Silakan ambil antrean baru di kios.',
    en: 'The check-in time for this booking has passed. Please take a new ticket at the kiosk.',
  },
  quotaFull: {
    id: 'Kuota harian layanan ini sudah habis. Silakan datang pada hari kerja berikutnya.',
    en: "Today's quota for this service is used up. Please come back on the next working day.",
  },
  siteNotFound: (code: string): LocalizedText => ({ id: `MPP "${code}" tidak ditemukan.`, en: `Site "${code}" not found.` }),
};
