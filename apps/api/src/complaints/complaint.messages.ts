/** The complaint module's messages to people, in Bahasa Indonesia and English. */
export const ComplaintMessages = {
  notFound: { id: 'Pengaduan tidak ditemukan.', en: 'Complaint not found.' },
  siteNotFound: { id: 'MPP tidak ditemukan.', en: 'MPP site not found.' },
  agencyNotAtSite: { id: 'Instansi tidak ada di MPP ini.', en: 'The agency is not at this MPP.' },
  serviceNotAtSite: { id: 'Layanan tidak ada di MPP ini atau bukan layanan instansi yang dipilih.', en: 'The service is not at this MPP or not of the chosen agency.' },
  identityRequired: { id: 'Nama dan nomor HP wajib diisi untuk pengaduan bernama atau rahasia.', en: 'A name and a mobile number are required for a named or confidential complaint.' },
  anonymousHasIdentity: { id: 'Pengaduan anonim tidak boleh berisi nama, nomor HP atau email.', en: 'An anonymous complaint must not carry a name, a mobile number or an email.' },
  noSuchStep: { id: 'Langkah ini tidak dapat dilakukan pada status pengaduan saat ini.', en: 'This step is not possible in the complaint’s current status.' },
  notForYou: { id: 'Langkah ini tidak dapat Anda lakukan.', en: 'You cannot take this step.' },
  textTooShort: { id: 'Ceritakan pengaduan Anda (paling sedikit 10 karakter).', en: 'Describe your complaint (at least 10 characters).' },
  textRequired: { id: 'Teks harus diisi.', en: 'A text is required.' },
  reopenPeriodOver: { id: 'Batas waktu untuk membuka kembali pengaduan sudah lewat.', en: 'The period to reopen the complaint is over.' },
  ratingOnlyAnswered: { id: 'Penilaian hanya dapat diberikan setelah pengaduan dijawab.', en: 'A rating can be given only once the complaint is answered.' },
  staffNotFound: { id: 'Petugas tidak ditemukan di MPP atau instansi ini.', en: 'Staff member not found at this MPP or agency.' },
  mergeSelf: { id: 'Pengaduan tidak dapat digabung ke dirinya sendiri atau ke pengaduan yang sudah digabung.', en: 'A complaint cannot be merged into itself or into a merged complaint.' },
  alreadyClosed: { id: 'Pengaduan sudah selesai.', en: 'The complaint is already closed.' },
  rerouteSameAgency: { id: 'Pengaduan sudah berada di instansi ini.', en: 'The complaint is already with this agency.' },
};
