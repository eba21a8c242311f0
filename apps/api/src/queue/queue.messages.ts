import type { LocalizedText } from '@mpp/contracts';

export const QueueMessages = {
  serviceNotFound: { id: 'Layanan tidak ditemukan atau tidak tersedia.', en: 'Service not found or not offered.' },
  walkInDisabled: {
    id: 'Layanan ini tidak menerima antrean langsung di kios. Silakan pesan secara daring.',
    en: 'This service takes no walk-in tickets at the kiosk. Please book online.',
  },
  siteClosed: (reason: LocalizedText): LocalizedText => ({
    id: `MPP sedang tutup (${reason.id}). Tiket tidak dapat diambil sekarang.`,
    en: `The site is closed (${reason.en}). Tickets cannot be issued now.`,
  }),
  quotaFull: (quota: number): LocalizedText => ({
    id: `Kuota harian layanan ini (${quota} tiket) sudah habis. Silakan datang kembali pada hari kerja berikutnya atau pesan secara daring.`,
    en: `Today's quota for this service (${quota} tickets) is used up. Please come back on the next working day or book online.`,
  }),
  otherSite: { id: 'Perangkat atau akun ini terdaftar di MPP lain.', en: 'This device or account belongs to another site.' },
  kioskOnly: { id: 'Hanya kios dan petugas yang dapat mengambil tiket.', en: 'Only kiosks and staff can issue tickets.' },
  idempotencyMismatch: {
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain. Buat kunci baru untuk permintaan baru.',
    en: 'This Idempotency-Key was used for a different request. Use a new key for a new request.',
  },
  ticketNotFound: { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' },
  counterNotFound: { id: 'Loket tidak ditemukan.', en: 'Counter not found.' },
  notAtCounter: {
    id: 'Anda tidak sedang bertugas di loket ini. Buka loket terlebih dahulu.',
    en: 'You are not signed in at this counter. Open the counter first.',
  },
  counterTaken: (name: string): LocalizedText => ({
    id: `Loket ini sedang dipakai oleh ${name}.`,
    en: `This counter is in use by ${name}.`,
  }),
  counterNotOpen: { id: 'Loket sedang dijeda atau tutup. Buka loket untuk memanggil.', en: 'The counter is paused or closed. Open it to call.' },
  counterBusy: (number: string): LocalizedText => ({
    id: `Loket masih memegang tiket ${number}. Selesaikan, tandai tidak hadir, atau kembalikan dulu.`,
    en: `The counter still holds ticket ${number}. Finish it, mark it no-show or return it first.`,
  }),
  noCurrentTicket: { id: 'Loket tidak sedang memegang tiket.', en: 'The counter holds no ticket.' },
  queueEmpty: { id: 'Tidak ada antrean untuk loket ini.', en: 'No one is waiting for this counter.' },
  noServiceOfYours: {
    id: 'Loket ini tidak melayani layanan instansi Anda.',
    en: 'This counter serves none of your agency\'s services.',
  },
  otherAgencyTicket: (number: string, agency: string): LocalizedText => ({
    id: `Tiket ${number} adalah layanan ${agency}, bukan instansi Anda. Hanya petugas ${agency} yang dapat melayaninya; kembalikan tiket ke antrean.`,
    en: `Ticket ${number} is for a ${agency} service, not your agency's. Only a ${agency} officer may serve it; return it to the queue.`,
  }),
  ticketSentElsewhere: {
    id: 'Tiket ini dialihkan ke loket lain; hanya loket itu yang dapat memanggilnya.',
    en: 'This ticket was transferred to another counter; only that counter may call it.',
  },
  pickNotAllowed: {
    id: 'MPP ini tidak mengizinkan petugas memilih tiket tertentu. Gunakan "Panggil berikutnya".',
    en: 'This site does not let officers pick a specific ticket. Use "Call next".',
  },
  notForThisCounter: {
    id: 'Tiket ini bukan untuk layanan loket Anda.',
    en: 'This ticket is not for a service of your counter.',
  },
  transferTargetMissing: {
    id: 'Sebutkan layanan atau loket tujuan pengalihan.',
    en: 'Name the service or the counter to transfer to.',
  },
  transferCounterNoService: {
    id: 'Loket tujuan tidak melayani layanan tiket ini.',
    en: 'The target counter does not serve the ticket\'s service.',
  },
  counterNumberRetired: (number: number): LocalizedText => ({
    id: `Nomor ${number} milik loket yang sudah dihentikan dan tidak dipakai lagi (laporan lama menyebutnya). Pilih nomor lain.`,
    en: `Number ${number} belonged to a retired counter and is not reused (past reports name it). Choose another number.`,
  }),
  noFreeCounterNumber: {
    id: 'Tidak ada nomor loket kosong (1–999) untuk menukar nomor. Hentikan loket yang tidak dipakai lebih dulu.',
    en: 'There is no free counter number (1–999) to swap numbers through. Retire an unused counter first.',
  },
  counterStillOpen: (state: string): LocalizedText => ({
    id: `Loket masih ${state === 'open' ? 'buka' : 'dijeda'} atau ada petugas di dalamnya. Petugas perlu menutup loket dulu sebelum loket dihentikan.`,
    en: `The counter is still ${state === 'open' ? 'open' : 'paused'} or an officer sits at it. The officer must close it before it is retired.`,
  }),
  counterHasTransfers: (count: number): LocalizedText => ({
    id: `Masih ada ${count} antrean yang dialihkan khusus ke loket ini. Panggil atau alihkan antrean itu dulu.`,
    en: `${count} waiting ticket(s) were transferred to this counter only. Call or transfer them first.`,
  }),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
