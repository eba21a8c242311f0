import type { LocalizedText } from '@mpp/contracts';

/** "08.00 WITA" in Indonesian, "08:00 WITA" in English. */
function at(hhmm: string, zone: string): LocalizedText {
  return { id: `${hhmm.replace(':', '.')} ${zone}`, en: `${hhmm} ${zone}` };
}

/** What a citizen is told when a ticket from home cannot be taken: why, and what to do instead. */
export const OnlineTicketMessages = {
  disabled: {
    id: 'Layanan ini belum menerima antrean daring. Silakan ambil tiket di kios MPP atau pesan jadwal kunjungan.',
    en: 'This service does not take tickets from home. Please take a ticket at the MPP kiosk or book a visit.',
  },
  closedToday: (reason: LocalizedText): LocalizedText => ({
    id: `MPP tutup hari ini (${reason.id}). Silakan ambil antrean daring pada hari buka berikutnya atau pesan jadwal kunjungan.`,
    en: `The MPP is closed today (${reason.en}). Please take a ticket from home on its next opening day, or book a visit.`,
  }),
  beforeOpening: (opensAt: string, zone: string): LocalizedText => ({
    id: `MPP belum buka. Antrean daring dapat diambil mulai pukul ${at(opensAt, zone).id}.`,
    en: `The MPP is not open yet. Tickets from home can be taken from ${at(opensAt, zone).en}.`,
  }),
  afterClosing: (closedAt: string, zone: string): LocalizedText => ({
    id: `MPP sudah tutup hari ini (pukul ${at(closedAt, zone).id}). Silakan ambil antrean daring pada hari buka berikutnya atau pesan jadwal kunjungan.`,
    en: `The MPP closed for today at ${at(closedAt, zone).en}. Please take a ticket from home on its next opening day, or book a visit.`,
  }),
  onBreak: (until: string, zone: string): LocalizedText => ({
    id: `MPP sedang istirahat hingga pukul ${at(until, zone).id}. Silakan ambil antrean daring setelah itu.`,
    en: `The MPP is on its break until ${at(until, zone).en}. Please take a ticket from home after that.`,
  }),
  noCounterOpen: {
    id: 'Belum ada loket yang melayani layanan ini sekarang, sehingga waktu tunggu belum dapat diperkirakan. Silakan coba lagi beberapa menit lagi.',
    en: 'No counter serving this service is open now, so the wait cannot be estimated. Please try again in a few minutes.',
  },
  waitPastClosing: (waitMinutes: number, callAt: string, closesAt: string, zone: string): LocalizedText => ({
    id: `Perkiraan waktu tunggu sekitar ${waitMinutes} menit (dipanggil sekitar pukul ${at(callAt, zone).id}), terlalu dekat dengan jam tutup pukul ${at(closesAt, zone).id}. Silakan pesan jadwal kunjungan untuk hari lain atau ambil antrean daring lebih awal pada hari buka berikutnya.`,
    en: `The estimated wait is about ${waitMinutes} minutes (called around ${at(callAt, zone).en}), too close to closing time at ${at(closesAt, zone).en}. Please book a visit for another day, or take a ticket from home earlier on the next opening day.`,
  }),
  capService: (cap: number): LocalizedText => ({
    id: `NIK ini sudah mengambil ${cap} antrean daring untuk layanan ini hari ini (batas ${cap} per hari). Gunakan tiket yang sudah diambil, atau ambil tiket di kios MPP.`,
    en: `This NIK has already taken ${cap} ticket(s) from home for this service today (limit ${cap} a day). Use the ticket already taken, or take one at the MPP kiosk.`,
  }),
  capDay: (cap: number): LocalizedText => ({
    id: `NIK ini sudah mengambil ${cap} antrean daring hari ini di MPP ini (batas ${cap} per hari). Gunakan tiket yang sudah diambil, atau ambil tiket di kios MPP.`,
    en: `This NIK has already taken ${cap} tickets from home at this MPP today (limit ${cap} a day). Use the tickets already taken, or take one at the MPP kiosk.`,
  }),
  quotaFull: {
    id: 'Kuota harian layanan ini sudah habis. Silakan pesan jadwal kunjungan untuk hari lain.',
    en: "Today's quota for this service is used up. Please book a visit for another day.",
  },
  serviceNotFound: { id: 'Layanan tidak ditemukan atau tidak tersedia.', en: 'Service not found or not offered.' },
  invalidPerson: (first: LocalizedText): LocalizedText => ({
    id: `Data antrean belum benar: ${first.id}`,
    en: `The ticket data is not valid: ${first.en}`,
  }),
  capsOrder: {
    id: 'Batas per layanan tidak boleh melebihi batas per hari.',
    en: 'The limit per service may not exceed the limit per day.',
  },
};
