import type { CompletionTime, Fee, ProcedureStep, QueueSettings, UploadableFileType } from '@mpp/contracts';

import type { SeedRequirement, SeedSite } from '../seed-types';

/**
 * MPP Kota Kupang (Nusa Tenggara Timur, WITA). Requirements, fees and legal bases follow the
 * national regulations named in each service; local details (quotas, prefixes, counter steps)
 * are editable seed values, not facts to build code on.
 */

const SCAN: UploadableFileType[] = ['pdf', 'jpg', 'png'];
const PHOTO: UploadableFileType[] = ['jpg', 'png'];

const LAPOR = 'SP4N-LAPOR! (www.lapor.go.id atau SMS 1708), meja pengaduan dan kotak saran MPP Kota Kupang';

const step = (text: string, textEn: string): ProcedureStep => ({ text, textEn });
const minutes = (value: number, note: string | null = null): CompletionTime => ({ value, unit: 'minutes', note });
const workingDays = (value: number, note: string | null = null): CompletionTime => ({ value, unit: 'working_days', note });
const free = (legalBasis: string | null, note: string | null = null): Fee => ({ free: true, amount: 0, legalBasis, note });
const paid = (amount: number, legalBasis: string, note: string | null = null): Fee => ({ free: false, amount, legalBasis, note });
const queue = (
  ticketPrefix: string,
  expectedServiceMinutes: number,
  dailyQuota: number | null,
  options: { walkIn?: boolean; online?: boolean } = {},
): QueueSettings => ({
  ticketPrefix,
  expectedServiceMinutes,
  walkInEnabled: options.walkIn ?? true,
  onlineBookingEnabled: options.online ?? true,
  dailyQuota,
});

// Documents many services ask for.
const ktpEl = (overrides: Partial<SeedRequirement> = {}): SeedRequirement => ({
  name: 'KTP-el pemohon',
  nameEn: "Applicant's electronic ID card (KTP-el)",
  form: 'original',
  uploadable: true,
  fileTypes: SCAN,
  ...overrides,
});
const kartuKeluarga = (overrides: Partial<SeedRequirement> = {}): SeedRequirement => ({
  name: 'Kartu Keluarga (KK)',
  nameEn: 'Family card (Kartu Keluarga)',
  form: 'copy',
  uploadable: true,
  fileTypes: SCAN,
  ...overrides,
});
const suratKuasa: SeedRequirement = {
  name: 'Surat kuasa bermeterai dan KTP-el penerima kuasa (jika diwakilkan)',
  nameEn: "Stamped power of attorney and the representative's KTP-el (if represented)",
  mandatory: false,
  form: 'original',
  uploadable: true,
  fileTypes: SCAN,
};

// Population administration (adminduk) is free by law.
const ADMINDUK_FEE = free(
  'UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan, Pasal 79A',
  'Tidak dipungut biaya. Pungutan atas dokumen kependudukan dapat dipidana (Pasal 95B UU 24/2013).',
);
const ADMINDUK_LAW = [
  'UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013',
  'PP 40/2019 tentang Pelaksanaan UU 23/2006 tentang Administrasi Kependudukan',
  'Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil',
  'Permendagri 108/2019 tentang Peraturan Pelaksanaan Perpres 96/2018',
];
const DUKCAPIL_COMPLAINT = `${LAPOR}, call center Ditjen Dukcapil Kemendagri 1500537`;

export const kotaKupang: SeedSite = {
  code: 'kota-kupang',
  name: 'MPP Kota Kupang',
  city: 'Kota Kupang',
  province: 'Nusa Tenggara Timur',
  address: 'Jl. Timor Raya No. 124, Pasir Panjang, Kota Lama, Kota Kupang, Nusa Tenggara Timur',
  timeZone: 'Asia/Makassar',
  closesOnCutiBersama: true,
  openingHours: [
    { weekday: 1, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 2, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 3, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 4, open: '08:00', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 5, open: '08:00', close: '16:00', breaks: [{ start: '11:30', end: '13:00' }] },
    { weekday: 6, open: '08:00', close: '12:00', breaks: [] },
  ],
  localClosures: [{ date: '2026-12-30', name: 'Pemeliharaan sistem dan sarana MPP Kota Kupang' }],
  agencies: [
    // ───────────────────────────── A: Dukcapil ─────────────────────────────
    {
      code: 'dukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      shortName: 'Dukcapil',
      description:
        'Pendaftaran penduduk dan pencatatan sipil: KTP-el, Kartu Keluarga, Kartu Identitas Anak, akta kelahiran, kematian dan perkawinan, serta perpindahan penduduk. Seluruh layanan gratis.',
      services: [
        {
          code: 'dukcapil-ktp-el-baru',
          name: 'Perekaman dan Penerbitan KTP-el Baru',
          nameEn: 'First Electronic ID Card (KTP-el): Enrolment and Issue',
          summary: 'Perekaman data biometrik dan pencetakan KTP-el pertama bagi penduduk berusia 17 tahun atau yang sudah/pernah kawin.',
          summaryEn: 'Biometric enrolment and printing of a first KTP-el for residents aged 17 or older, or married.',
          description:
            'Penduduk WNI yang telah berusia 17 tahun, sudah kawin atau pernah kawin wajib memiliki KTP-el. Petugas memverifikasi NIK pada Kartu Keluarga, merekam foto, sidik jari, iris mata dan tanda tangan, lalu mencetak KTP-el bila blangko tersedia. Perekaman dapat dilakukan sejak usia 16 tahun; KTP-el dicetak setelah berusia 17 tahun.',
          descriptionEn:
            'Indonesian residents who are 17 or older, or who are or have been married, must hold a KTP-el. The officer checks the NIK against the family card, records photo, fingerprints, iris and signature, then prints the card when blanks are in stock. Enrolment is possible from age 16; the card is printed once the applicant turns 17.',
          synonyms: ['ktp', 'e-ktp', 'ektp', 'ktp elektronik', 'ktp baru', 'rekam ktp', 'perekaman ktp', 'bikin ktp', 'buat ktp', 'ktp pemula'],
          requirements: [
            kartuKeluarga({ description: 'KK yang memuat NIK pemohon.' }),
            {
              name: 'Buku nikah atau akta perkawinan (bagi yang belum berusia 17 tahun tetapi sudah kawin)',
              nameEn: 'Marriage book or marriage certificate (if under 17 and married)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean di anjungan atau melalui pemesanan daring.', 'Take a queue ticket at the kiosk or book online.'),
            step('Serahkan KK di loket; petugas memverifikasi NIK dan data kependudukan.', 'Hand over the family card; the officer verifies the NIK and population data.'),
            step('Perekaman foto, sidik jari, iris mata dan tanda tangan.', 'Photo, fingerprint, iris and signature are recorded.'),
            step('KTP-el dicetak setelah data dinyatakan tunggal (tidak ganda) secara nasional.', 'The card is printed once the national deduplication check confirms a single record.'),
            step('Periksa data pada KTP-el, lalu terima dan tanda tangani tanda terima.', 'Check the data on the card, then sign for it.'),
          ],
          completionTime: minutes(60, 'Bila perekaman baru memerlukan verifikasi ganda nasional atau blangko habis, diberikan surat keterangan dan KTP-el dicetak kemudian.'),
          fee: ADMINDUK_FEE,
          product: 'KTP-el',
          productEn: 'Electronic ID card (KTP-el)',
          legalBasis: [...ADMINDUK_LAW, 'Permendagri 72/2022 tentang Standar dan Spesifikasi Perangkat Keras, Perangkat Lunak, dan Blangko KTP-el serta Penyelenggaraan Identitas Kependudukan Digital'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 100),
        },
        {
          code: 'dukcapil-ktp-el-hilang-rusak',
          name: 'Penggantian KTP-el Hilang atau Rusak',
          nameEn: 'Replacement of a Lost or Damaged KTP-el',
          summary: 'Pencetakan ulang KTP-el yang hilang atau rusak, dengan data yang sama.',
          summaryEn: 'Reprint of a lost or damaged KTP-el with the same data.',
          description:
            'KTP-el yang hilang atau rusak dicetak ulang tanpa perekaman ulang bila data biometrik sudah ada. Untuk KTP-el hilang bawa surat keterangan kehilangan dari kepolisian; untuk KTP-el rusak serahkan fisik KTP-el yang rusak.',
          descriptionEn:
            'A lost or damaged KTP-el is reprinted without re-enrolment when biometric data is already on record. For a lost card bring a police loss report; for a damaged card hand in the damaged card.',
          synonyms: ['ktp', 'e-ktp', 'ktp elektronik', 'hilang', 'rusak', 'kehilangan', 'ganti ktp', 'cetak ulang', 'lost id card'],
          requirements: [
            kartuKeluarga(),
            {
              name: 'Surat keterangan kehilangan dari kepolisian (untuk KTP-el hilang)',
              nameEn: 'Police loss report (for a lost card)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'KTP-el yang rusak (untuk KTP-el rusak)',
              nameEn: 'The damaged KTP-el (for a damaged card)',
              mandatory: false,
              form: 'original',
            },
          ],
          procedure: [
            step('Ambil nomor antrean di anjungan atau melalui pemesanan daring.', 'Take a queue ticket at the kiosk or book online.'),
            step('Serahkan KK dan surat kehilangan kepolisian atau KTP-el yang rusak di loket.', 'Hand over the family card and the police loss report or the damaged card.'),
            step('Petugas memverifikasi data dan biometrik (sidik jari) pemohon.', 'The officer verifies the data and the applicant’s fingerprints.'),
            step('KTP-el dicetak ulang; periksa data lalu tanda tangani tanda terima.', 'The card is reprinted; check the data and sign for it.'),
          ],
          completionTime: minutes(60),
          fee: ADMINDUK_FEE,
          product: 'KTP-el pengganti',
          productEn: 'Replacement KTP-el',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 10, 60),
        },
        {
          code: 'dukcapil-ktp-el-perubahan-data',
          name: 'Penerbitan KTP-el karena Perubahan Data',
          nameEn: 'KTP-el Reissue after a Change of Data',
          summary: 'Penerbitan KTP-el baru setelah perubahan alamat, status perkawinan, pekerjaan, agama atau data lain.',
          summaryEn: 'New KTP-el after a change of address, marital status, occupation, religion or other data.',
          description:
            'Bila data kependudukan berubah (pindah alamat, menikah, bercerai, ganti pekerjaan, pembetulan nama dan sebagainya), data pada KK diperbarui lebih dahulu, kemudian KTP-el dicetak sesuai data terbaru dan KTP-el lama ditarik.',
          descriptionEn:
            'When population data changes (new address, marriage, divorce, new occupation, corrected name and so on), the family card is updated first, then a KTP-el with the new data is printed and the old card is withdrawn.',
          synonyms: ['ubah data ktp', 'ganti alamat', 'ganti status', 'update data', 'perubahan elemen data'],
          requirements: [
            kartuKeluarga({ description: 'KK yang sudah memuat data terbaru.' }),
            { name: 'KTP-el lama', nameEn: 'The current KTP-el', form: 'original' },
            {
              name: 'Dokumen pendukung perubahan data (akta perkawinan, akta perceraian, ijazah, surat keterangan pindah, dll.)',
              nameEn: 'Supporting document for the change (marriage or divorce certificate, diploma, moving certificate, etc.)',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean; bila KK belum diperbarui, lakukan perubahan KK terlebih dahulu.', 'Take a queue ticket; if the family card is not yet updated, update it first.'),
            step('Serahkan KTP-el lama dan dokumen pendukung di loket.', 'Hand in the current card and the supporting documents.'),
            step('Petugas memperbarui database kependudukan dan memverifikasi biometrik.', 'The officer updates the population database and verifies biometrics.'),
            step('KTP-el baru dicetak dan diserahkan; KTP-el lama ditarik.', 'The new card is printed and handed over; the old one is withdrawn.'),
          ],
          completionTime: minutes(60),
          fee: ADMINDUK_FEE,
          product: 'KTP-el dengan data terbaru',
          productEn: 'KTP-el with updated data',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 60),
        },
        {
          code: 'dukcapil-kartu-keluarga',
          name: 'Penerbitan Kartu Keluarga Baru atau Perubahan Data',
          nameEn: 'Family Card (Kartu Keluarga): New Card or Change of Data',
          summary: 'Penerbitan KK untuk keluarga baru, penambahan atau pengurangan anggota keluarga, pisah KK dan perubahan data.',
          summaryEn: 'Family card for a new household, adding or removing members, splitting a household and data changes.',
          description:
            'Kartu Keluarga diterbitkan untuk keluarga yang baru dibentuk, atau diperbarui karena kelahiran, kematian, perkawinan, perceraian, pindah datang, pisah KK dan perubahan elemen data. KK diterbitkan dalam bentuk dokumen elektronik bertanda tangan elektronik yang dapat dicetak di kertas HVS.',
          descriptionEn:
            'A family card is issued for a newly formed household, or updated after a birth, death, marriage, divorce, move, household split or other data change. It is issued as an electronically signed document that may be printed on plain paper.',
          synonyms: ['kk', 'kk baru', 'ubah kk', 'perubahan kk', 'pisah kk', 'tambah anggota keluarga', 'kartu keluarga baru', 'cetak kk', 'family card'],
          requirements: [
            {
              name: 'Kartu Keluarga lama (untuk perubahan data)',
              nameEn: 'Current family card (for a change of data)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Buku nikah atau akta perkawinan (untuk membentuk keluarga baru)',
              nameEn: 'Marriage book or marriage certificate (for a new household)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Bukti peristiwa kependudukan atau peristiwa penting (akta kelahiran, akta kematian, akta perceraian, surat keterangan pindah, dll.)',
              nameEn: 'Proof of the event (birth, death or divorce certificate, moving certificate, etc.)',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            ktpEl({ name: 'KTP-el kepala keluarga', nameEn: 'KTP-el of the head of household', form: 'copy' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir biodata keluarga (F-1.01) atau formulir perubahan data.', 'Take a queue ticket and fill in the family biodata form (F-1.01) or the change-of-data form.'),
            step('Serahkan dokumen persyaratan di loket untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('Petugas memperbarui database kependudukan dan menerbitkan KK bertanda tangan elektronik.', 'The officer updates the population database and issues the electronically signed card.'),
            step('KK diserahkan atau dikirim ke surel pemohon untuk dicetak sendiri.', 'The card is handed over or emailed to the applicant for self-printing.'),
          ],
          completionTime: workingDays(3, 'Berkas lengkap tanpa verifikasi tambahan umumnya selesai pada hari yang sama.'),
          fee: ADMINDUK_FEE,
          product: 'Kartu Keluarga (dokumen elektronik bertanda tangan elektronik)',
          productEn: 'Family card (electronically signed document)',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 80),
        },
        {
          code: 'dukcapil-akta-kelahiran',
          name: 'Penerbitan Akta Kelahiran',
          nameEn: 'Birth Certificate',
          summary: 'Pencatatan kelahiran dan penerbitan akta kelahiran untuk WNI, termasuk pelaporan yang terlambat.',
          summaryEn: 'Birth registration and birth certificate for Indonesian citizens, including late registration.',
          description:
            'Setiap kelahiran wajib dilaporkan paling lambat 60 hari sejak kelahiran. Bila surat keterangan lahir atau buku nikah tidak ada, dapat diganti Surat Pernyataan Tanggung Jawab Mutlak (SPTJM). Akta kelahiran diterbitkan dalam bentuk dokumen bertanda tangan elektronik; KK juga diperbarui untuk memuat anak.',
          descriptionEn:
            'Every birth must be reported within 60 days. A missing birth letter or marriage book may be replaced by a sworn statement of full responsibility (SPTJM). The certificate is issued as an electronically signed document, and the family card is updated to include the child.',
          synonyms: ['akta lahir', 'akte lahir', 'akte kelahiran', 'akta kelahiran anak', 'buat akta lahir', 'bikin akte lahir', 'surat lahir', 'birth certificate'],
          requirements: [
            {
              name: 'Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan atau dokter (atau SPTJM kebenaran data kelahiran)',
              nameEn: 'Birth letter from the hospital, health centre, midwife or doctor (or an SPTJM on the birth data)',
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Buku nikah atau akta perkawinan orang tua (atau SPTJM kebenaran sebagai pasangan suami istri)',
              nameEn: "Parents' marriage book or certificate (or an SPTJM on the marriage)",
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            kartuKeluarga(),
            ktpEl({ name: 'KTP-el ayah dan ibu', nameEn: "Parents' KTP-el", form: 'copy' }),
            {
              name: 'KTP-el dua orang saksi',
              nameEn: 'KTP-el of two witnesses',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan kelahiran (F-2.01).', 'Take a queue ticket and fill in the birth report form (F-2.01).'),
            step('Serahkan dokumen persyaratan; petugas memverifikasi dan mencocokkan data dengan KK.', 'Hand in the documents; the officer checks them against the family card.'),
            step('Bila memakai SPTJM, pemohon dan saksi menandatangani pernyataan di hadapan petugas.', 'If an SPTJM is used, the applicant and witnesses sign it before the officer.'),
            step('Akta kelahiran dan KK terbaru diterbitkan dan diserahkan kepada pemohon.', 'The birth certificate and the updated family card are issued to the applicant.'),
          ],
          completionTime: workingDays(1, 'Kelahiran yang dilaporkan lebih dari 60 hari: 2 hari kerja.'),
          fee: ADMINDUK_FEE,
          product: 'Kutipan akta kelahiran dan KK terbaru',
          productEn: 'Birth certificate extract and updated family card',
          legalBasis: [...ADMINDUK_LAW, 'Permendagri 9/2016 tentang Percepatan Peningkatan Cakupan Kepemilikan Akta Kelahiran'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 60),
        },
        {
          code: 'dukcapil-akta-kematian',
          name: 'Penerbitan Akta Kematian',
          nameEn: 'Death Certificate',
          summary: 'Pencatatan kematian penduduk dan penerbitan akta kematian serta pembaruan KK.',
          summaryEn: 'Death registration, death certificate and family card update.',
          description:
            'Kematian wajib dilaporkan oleh keluarga paling lambat 30 hari sejak tanggal kematian. Akta kematian diperlukan antara lain untuk klaim asuransi, pensiun, warisan dan pembaruan KK.',
          descriptionEn:
            'Families must report a death within 30 days. The certificate is needed for insurance and pension claims, inheritance and updating the family card.',
          synonyms: ['akte kematian', 'surat kematian', 'lapor kematian', 'meninggal dunia', 'death certificate'],
          requirements: [
            {
              name: 'Surat kematian dari dokter, rumah sakit atau kelurahan',
              nameEn: 'Death letter from a doctor, hospital or village office',
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            kartuKeluarga({ name: 'Kartu Keluarga almarhum/almarhumah', nameEn: 'Family card of the deceased' }),
            { name: 'KTP-el almarhum/almarhumah', nameEn: 'KTP-el of the deceased', form: 'original' },
            ktpEl({ name: 'KTP-el pelapor', nameEn: "Reporting person's KTP-el", form: 'copy' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan kematian (F-2.01).', 'Take a queue ticket and fill in the death report form (F-2.01).'),
            step('Serahkan dokumen persyaratan untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('Petugas mencatat kematian dan memperbarui KK.', 'The officer records the death and updates the family card.'),
            step('Akta kematian dan KK terbaru diserahkan kepada pelapor.', 'The death certificate and updated family card are handed to the reporter.'),
          ],
          completionTime: workingDays(1),
          fee: ADMINDUK_FEE,
          product: 'Kutipan akta kematian dan KK terbaru',
          productEn: 'Death certificate extract and updated family card',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, null),
        },
        {
          code: 'dukcapil-akta-perkawinan',
          name: 'Pencatatan Perkawinan dan Penerbitan Akta Perkawinan (Non-Muslim)',
          nameEn: 'Marriage Registration and Marriage Certificate (Non-Muslim)',
          summary: 'Pencatatan perkawinan yang telah disahkan oleh pemuka agama selain Islam, dan penerbitan akta perkawinan.',
          summaryEn: 'Registration of a marriage solemnised by a non-Muslim religious leader, and the marriage certificate.',
          description:
            'Perkawinan penduduk beragama Kristen, Katolik, Hindu, Buddha, Khonghucu dan penghayat kepercayaan dicatat oleh Dukcapil paling lambat 60 hari setelah pemberkatan atau pengesahan agama. Perkawinan warga Muslim dicatat oleh KUA.',
          descriptionEn:
            'Marriages of Protestant, Catholic, Hindu, Buddhist, Confucian and indigenous-faith residents are registered by Dukcapil within 60 days of the religious ceremony. Muslim marriages are registered by the KUA.',
          synonyms: ['akte perkawinan', 'akta nikah', 'catatan sipil nikah', 'pencatatan nikah', 'surat nikah gereja', 'marriage certificate'],
          requirements: [
            {
              name: 'Surat keterangan perkawinan/pemberkatan dari pemuka agama atau penghayat kepercayaan',
              nameEn: 'Marriage or blessing certificate from the religious or faith leader',
              form: 'original_and_copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            ktpEl({ name: 'KTP-el kedua mempelai', nameEn: 'KTP-el of both spouses', form: 'copy' }),
            kartuKeluarga({ name: 'Kartu Keluarga kedua mempelai', nameEn: 'Family cards of both spouses' }),
            {
              name: 'Akta kelahiran kedua mempelai',
              nameEn: 'Birth certificates of both spouses',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Pas foto berdampingan ukuran 4x6 cm',
              nameEn: 'Side-by-side photo of the couple, 4x6 cm',
              form: 'original',
              uploadable: true,
              fileTypes: PHOTO,
            },
            {
              name: 'KTP-el dua orang saksi',
              nameEn: 'KTP-el of two witnesses',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Akta perceraian atau akta kematian pasangan terdahulu (bagi yang pernah kawin)',
              nameEn: 'Divorce certificate or death certificate of a previous spouse (if previously married)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Paspor (bagi mempelai WNA)',
              nameEn: 'Passport (for a foreign spouse)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan perkawinan.', 'Take a queue ticket and fill in the marriage report form.'),
            step('Serahkan dokumen persyaratan untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('Kedua mempelai dan saksi hadir untuk penandatanganan register akta.', 'Both spouses and the witnesses attend to sign the register.'),
            step('Akta perkawinan dan KK baru diterbitkan.', 'The marriage certificate and a new family card are issued.'),
          ],
          completionTime: workingDays(1),
          fee: ADMINDUK_FEE,
          product: 'Kutipan akta perkawinan dan KK terbaru',
          productEn: 'Marriage certificate extract and updated family card',
          legalBasis: [...ADMINDUK_LAW, 'UU 1/1974 tentang Perkawinan sebagaimana diubah dengan UU 16/2019'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 20, 20),
        },
        {
          code: 'dukcapil-akta-perceraian',
          name: 'Pencatatan Perceraian dan Penerbitan Akta Perceraian (Non-Muslim)',
          nameEn: 'Divorce Registration and Divorce Certificate (Non-Muslim)',
          summary: 'Pencatatan perceraian berdasarkan putusan pengadilan negeri yang berkekuatan hukum tetap.',
          summaryEn: 'Registration of a divorce granted by a district court in a final judgment.',
          description:
            'Perceraian penduduk non-Muslim wajib dilaporkan paling lambat 60 hari setelah putusan pengadilan berkekuatan hukum tetap. Perceraian warga Muslim diputus dan dicatat oleh Pengadilan Agama. Setelah pencatatan, KK dan KTP-el diperbarui.',
          descriptionEn:
            'Non-Muslim divorces must be reported within 60 days after the court judgment becomes final. Muslim divorces are decided and recorded by the religious court. After registration the family card and KTP-el are updated.',
          synonyms: ['akte cerai', 'akta cerai', 'cerai', 'perceraian', 'divorce certificate'],
          requirements: [
            {
              name: 'Salinan putusan pengadilan yang berkekuatan hukum tetap',
              nameEn: 'Copy of the final court judgment',
              form: 'original_and_copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            { name: 'Kutipan akta perkawinan', nameEn: 'Marriage certificate extract', form: 'original' },
            kartuKeluarga(),
            ktpEl({ form: 'copy' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan perceraian.', 'Take a queue ticket and fill in the divorce report form.'),
            step('Serahkan dokumen persyaratan untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('Petugas mencatat perceraian dan menarik kutipan akta perkawinan.', 'The officer records the divorce and withdraws the marriage certificate extract.'),
            step('Akta perceraian dan KK terbaru diserahkan.', 'The divorce certificate and updated family card are handed over.'),
          ],
          completionTime: workingDays(1),
          fee: ADMINDUK_FEE,
          product: 'Kutipan akta perceraian dan KK terbaru',
          productEn: 'Divorce certificate extract and updated family card',
          legalBasis: [...ADMINDUK_LAW, 'UU 1/1974 tentang Perkawinan sebagaimana diubah dengan UU 16/2019'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 10),
        },
        {
          code: 'dukcapil-pindah-datang',
          name: 'Surat Keterangan Pindah dan Pendaftaran Pindah Datang',
          nameEn: 'Moving Certificate (SKPWNI) and Registration of Arrival',
          summary: 'Penerbitan Surat Keterangan Pindah WNI untuk pindah keluar, dan pendaftaran penduduk yang pindah datang ke Kota Kupang.',
          summaryEn: 'Moving certificate for residents leaving, and registration of residents arriving in Kota Kupang.',
          description:
            'Penduduk yang pindah alamat antarkabupaten/kota atau antarprovinsi memperoleh Surat Keterangan Pindah WNI (SKPWNI) dari daerah asal. Di daerah tujuan, SKPWNI dipakai untuk menerbitkan KK dan KTP-el dengan alamat baru; NIK tidak berubah.',
          descriptionEn:
            'Residents moving to another city, regency or province obtain a moving certificate (SKPWNI) from their home area. At the destination it is used to issue a family card and KTP-el with the new address; the NIK does not change.',
          synonyms: ['surat pindah', 'skpwni', 'pindah domisili', 'pindah alamat', 'mutasi penduduk', 'pindah datang', 'pindah keluar'],
          requirements: [
            kartuKeluarga({ form: 'original', description: 'KK daerah asal (pindah keluar).' }),
            {
              name: 'Surat Keterangan Pindah WNI dari daerah asal (untuk pindah datang)',
              nameEn: 'Moving certificate from the area of origin (for arrivals)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            suratKuasa,
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pindah (F-1.03).', 'Take a queue ticket and fill in the moving form (F-1.03).'),
            step('Petugas memverifikasi data dan alamat tujuan atau asal.', 'The officer verifies the data and the destination or origin address.'),
            step('SKPWNI diterbitkan (pindah keluar), atau KK dan KTP-el alamat baru diterbitkan (pindah datang).', 'The moving certificate is issued (leaving), or a family card and KTP-el with the new address are issued (arriving).'),
          ],
          completionTime: workingDays(1),
          fee: ADMINDUK_FEE,
          product: 'SKPWNI, atau KK dan KTP-el dengan alamat baru',
          productEn: 'Moving certificate, or a family card and KTP-el with the new address',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 40),
        },
        {
          code: 'dukcapil-kia',
          name: 'Penerbitan Kartu Identitas Anak (KIA)',
          nameEn: 'Child Identity Card (KIA)',
          summary: 'Kartu identitas resmi bagi anak WNI berusia di bawah 17 tahun dan belum kawin.',
          summaryEn: 'Official identity card for Indonesian children under 17 who are not married.',
          description:
            'KIA diterbitkan untuk anak usia 0 sampai kurang dari 17 tahun. Anak berusia 5 tahun ke atas memakai pas foto. KIA dapat dipakai untuk keperluan sekolah, rekening bank anak dan layanan publik lainnya.',
          descriptionEn:
            'The KIA is issued to children from birth until just before they turn 17. Children aged 5 and over have a photo on the card. It can be used for school enrolment, children’s bank accounts and other public services.',
          synonyms: ['kia', 'ktp anak', 'kartu anak', 'identitas anak'],
          requirements: [
            {
              name: 'Kutipan akta kelahiran anak',
              nameEn: "The child's birth certificate",
              form: 'original_and_copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            kartuKeluarga(),
            ktpEl({ name: 'KTP-el orang tua/wali', nameEn: "Parent's or guardian's KTP-el", form: 'copy' }),
            {
              name: 'Pas foto anak berwarna ukuran 2x3 cm (anak usia 5 tahun ke atas)',
              nameEn: "Colour photo of the child, 2x3 cm (children aged 5 and over)",
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: PHOTO,
            },
          ],
          procedure: [
            step('Ambil nomor antrean; orang tua/wali datang bersama anak.', 'Take a queue ticket; a parent or guardian comes with the child.'),
            step('Serahkan dokumen persyaratan untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('KIA dicetak dan diserahkan kepada orang tua/wali.', 'The card is printed and handed to the parent or guardian.'),
          ],
          completionTime: minutes(60),
          fee: ADMINDUK_FEE,
          product: 'Kartu Identitas Anak',
          productEn: 'Child identity card',
          legalBasis: [...ADMINDUK_LAW, 'Permendagri 2/2016 tentang Kartu Identitas Anak'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 10, 50),
        },
        {
          code: 'dukcapil-ikd',
          name: 'Aktivasi Identitas Kependudukan Digital (IKD)',
          nameEn: 'Digital Population Identity (IKD) Activation',
          summary: 'Aktivasi KTP digital pada aplikasi IKD di telepon pintar pemohon.',
          summaryEn: "Activating the digital ID in the IKD app on the applicant's smartphone.",
          description:
            'Identitas Kependudukan Digital adalah KTP-el dalam bentuk digital pada aplikasi IKD. Aktivasi dilakukan dengan memindai kode QR yang ditampilkan petugas dan verifikasi wajah.',
          descriptionEn:
            'The Digital Population Identity is the KTP-el in digital form in the IKD app. Activation is done by scanning a QR code shown by the officer and a face check.',
          synonyms: ['ikd', 'ktp digital', 'identitas digital', 'aktivasi ikd', 'digital id'],
          requirements: [
            { name: 'KTP-el asli', nameEn: 'Original KTP-el', form: 'original' },
            {
              name: 'Telepon pintar dengan aplikasi IKD, nomor HP dan surel aktif',
              nameEn: 'Smartphone with the IKD app, an active phone number and email address',
              form: 'none',
            },
          ],
          procedure: [
            step('Unduh aplikasi IKD dan daftar dengan NIK, surel dan nomor HP.', 'Install the IKD app and register with your NIK, email and phone number.'),
            step('Lakukan verifikasi wajah pada aplikasi.', 'Complete the face check in the app.'),
            step('Pindai kode QR yang ditampilkan petugas untuk aktivasi.', 'Scan the QR code shown by the officer to activate.'),
          ],
          completionTime: minutes(15),
          fee: ADMINDUK_FEE,
          product: 'IKD aktif pada telepon pintar pemohon',
          productEn: "Activated IKD on the applicant's smartphone",
          legalBasis: [...ADMINDUK_LAW, 'Permendagri 72/2022 tentang Standar dan Spesifikasi Perangkat Keras, Perangkat Lunak, dan Blangko KTP-el serta Penyelenggaraan Identitas Kependudukan Digital'],
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 5, null, { online: false }),
        },
      ],
    },

    // ───────────────────────────── B: Polresta ─────────────────────────────
    {
      code: 'polresta',
      name: 'Kepolisian Resor Kota Kupang Kota',
      shortName: 'Polresta Kupang Kota',
      description: 'Penerbitan Surat Keterangan Catatan Kepolisian (SKCK) baru dan perpanjangan.',
      services: [
        {
          code: 'polresta-skck-baru',
          name: 'Penerbitan SKCK Baru',
          nameEn: 'Police Clearance Certificate (SKCK), New',
          summary: 'Surat Keterangan Catatan Kepolisian untuk melamar kerja, pendaftaran CPNS/TNI/Polri, sekolah atau keperluan ke luar negeri.',
          summaryEn: 'Police clearance certificate for job applications, civil service, military or police recruitment, schooling or travel abroad.',
          description:
            'SKCK memuat catatan kepolisian pemohon dan berlaku 6 bulan. Pemohon datang sendiri untuk pengambilan sidik jari. Pendaftaran dapat dimulai secara daring melalui aplikasi Polri Super App atau skck.polri.go.id.',
          descriptionEn:
            'The certificate states whether the applicant has a police record and is valid for 6 months. Applicants must attend in person for fingerprinting. Registration can start online in the Polri Super App or at skck.polri.go.id.',
          synonyms: ['skck', 'skck baru', 'surat kelakuan baik', 'surat berkelakuan baik', 'surat keterangan catatan kepolisian', 'buat skck', 'bikin skck', 'police clearance'],
          requirements: [
            ktpEl({ form: 'copy' }),
            kartuKeluarga(),
            {
              name: 'Akta kelahiran atau ijazah terakhir',
              nameEn: 'Birth certificate or latest diploma',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Kartu/formulir sidik jari (dibuat di loket identifikasi)',
              nameEn: 'Fingerprint card (made at the identification desk)',
              form: 'original',
            },
            {
              name: 'Pas foto berwarna 4x6 cm latar merah, 6 lembar',
              nameEn: 'Six colour photos, 4x6 cm, red background',
              form: 'original',
              uploadable: true,
              fileTypes: PHOTO,
            },
            {
              name: 'Paspor (untuk keperluan ke luar negeri)',
              nameEn: 'Passport (if the certificate is for use abroad)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Daftar daring atau ambil nomor antrean di MPP.', 'Register online or take a queue ticket at the MPP.'),
            step('Isi formulir data pribadi dan serahkan dokumen persyaratan.', 'Fill in the personal data form and hand in the documents.'),
            step('Pengambilan sidik jari dan pencocokan data catatan kepolisian.', 'Fingerprints are taken and police records are checked.'),
            step('Bayar PNBP Rp30.000 di loket bank atau kanal pembayaran resmi.', 'Pay the Rp30,000 non-tax state revenue fee at the bank counter or an official payment channel.'),
            step('SKCK dicetak, ditandatangani dan diserahkan.', 'The certificate is printed, signed and handed over.'),
          ],
          completionTime: minutes(60),
          fee: paid(30000, 'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia'),
          product: 'Surat Keterangan Catatan Kepolisian (berlaku 6 bulan)',
          productEn: 'Police clearance certificate (valid 6 months)',
          legalBasis: [
            'UU 2/2002 tentang Kepolisian Negara Republik Indonesia',
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
            'Perpol 6/2023 tentang Penerbitan Surat Keterangan Catatan Kepolisian',
          ],
          complaintChannel: `${LAPOR}, Dumas Presisi Polri, Propam Polresta Kupang Kota`,
          queue: queue('B', 15, 80),
        },
        {
          code: 'polresta-skck-perpanjangan',
          name: 'Perpanjangan SKCK',
          nameEn: 'Police Clearance Certificate (SKCK), Renewal',
          summary: 'Perpanjangan SKCK yang masa berlakunya telah habis, dengan membawa SKCK lama.',
          summaryEn: 'Renewal of an expired police clearance certificate, bringing the old one.',
          description:
            'Perpanjangan dapat diajukan dengan SKCK lama yang diterbitkan oleh Polresta Kupang Kota, paling lama satu tahun setelah masa berlakunya habis. Bila lebih dari satu tahun, ajukan sebagai permohonan baru.',
          descriptionEn:
            'A renewal can be made with an old certificate issued by Polresta Kupang Kota, up to one year after it expired. Beyond one year, apply for a new certificate.',
          synonyms: ['perpanjang', 'habis masa berlaku', 'renewal'],
          requirements: [
            { name: 'SKCK lama (asli)', nameEn: 'The old certificate (original)', form: 'original' },
            ktpEl({ form: 'copy' }),
            kartuKeluarga(),
            {
              name: 'Pas foto berwarna 4x6 cm latar merah, 2 lembar',
              nameEn: 'Two colour photos, 4x6 cm, red background',
              form: 'original',
              uploadable: true,
              fileTypes: PHOTO,
            },
          ],
          procedure: [
            step('Daftar daring atau ambil nomor antrean di MPP.', 'Register online or take a queue ticket at the MPP.'),
            step('Serahkan SKCK lama dan dokumen persyaratan.', 'Hand in the old certificate and the documents.'),
            step('Bayar PNBP Rp30.000.', 'Pay the Rp30,000 fee.'),
            step('SKCK baru dicetak dan diserahkan.', 'The renewed certificate is printed and handed over.'),
          ],
          completionTime: minutes(30),
          fee: paid(30000, 'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia'),
          product: 'Surat Keterangan Catatan Kepolisian (berlaku 6 bulan)',
          productEn: 'Police clearance certificate (valid 6 months)',
          legalBasis: [
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
            'Perpol 6/2023 tentang Penerbitan Surat Keterangan Catatan Kepolisian',
          ],
          complaintChannel: `${LAPOR}, Dumas Presisi Polri, Propam Polresta Kupang Kota`,
          queue: queue('B', 10, 60),
        },
      ],
    },

    // ───────────────────────────── C: Imigrasi ─────────────────────────────
    {
      code: 'imigrasi',
      name: 'Kantor Imigrasi Kelas I TPI Kupang',
      shortName: 'Imigrasi Kupang',
      description: 'Layanan paspor RI bagi warga negara Indonesia: permohonan baru dan penggantian.',
      website: 'https://www.imigrasi.go.id',
      services: [
        {
          code: 'imigrasi-paspor-baru',
          name: 'Permohonan Paspor Baru',
          nameEn: 'New Passport',
          summary: 'Penerbitan paspor RI (biasa atau elektronik) bagi WNI yang belum pernah memiliki paspor.',
          summaryEn: 'Indonesian passport (ordinary or electronic) for citizens applying for the first time.',
          description:
            'Jadwal kedatangan diambil melalui aplikasi M-Paspor. Pemohon datang sendiri untuk wawancara, foto dan sidik jari. Paspor dewasa berlaku 5 atau 10 tahun; paspor anak berlaku 5 tahun. Pemohon anak didampingi orang tua dengan membawa dokumen orang tua.',
          descriptionEn:
            'Book an appointment in the M-Paspor app. Applicants attend in person for the interview, photo and fingerprints. Adult passports are valid for 5 or 10 years; children’s passports for 5 years. Children come with a parent, who brings the parents’ documents.',
          synonyms: ['paspor', 'passport', 'buat paspor', 'bikin paspor', 'paspor pertama', 'e-paspor', 'paspor elektronik', 'm-paspor'],
          requirements: [
            ktpEl({ form: 'original' }),
            kartuKeluarga({ form: 'original' }),
            {
              name: 'Akta kelahiran, buku nikah/akta perkawinan, ijazah atau surat baptis (salah satu)',
              nameEn: 'Birth certificate, marriage book/certificate, diploma or baptism letter (one of them)',
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Surat penetapan ganti nama dari pejabat berwenang (jika pernah ganti nama)',
              nameEn: 'Official name-change decision (if the name was changed)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil jadwal kedatangan dan isi data di aplikasi M-Paspor.', 'Book an appointment and enter your data in the M-Paspor app.'),
            step('Datang sesuai jadwal; dokumen asli diperiksa petugas.', 'Come at the booked time; the officer checks the original documents.'),
            step('Wawancara, foto dan pengambilan sidik jari.', 'Interview, photo and fingerprints.'),
            step('Bayar PNBP melalui kode billing dalam 2 jam setelah wawancara disetujui.', 'Pay the fee with the billing code within 2 hours of the approved interview.'),
            step('Ambil paspor setelah 4 hari kerja dengan membawa bukti pembayaran.', 'Collect the passport after 4 working days with the payment receipt.'),
          ],
          completionTime: workingDays(4, 'Layanan percepatan selesai pada hari yang sama dengan tambahan biaya Rp1.000.000.'),
          fee: paid(
            350000,
            'PP 45/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Hukum dan Hak Asasi Manusia',
            'Paspor biasa masa berlaku 5 tahun Rp350.000, 10 tahun Rp650.000; paspor elektronik 5 tahun Rp650.000, 10 tahun Rp950.000; layanan percepatan (selesai hari yang sama) tambahan Rp1.000.000.',
          ),
          product: 'Paspor RI',
          productEn: 'Indonesian passport',
          legalBasis: [
            'UU 6/2011 tentang Keimigrasian',
            'PP 31/2013 tentang Peraturan Pelaksanaan UU 6/2011 tentang Keimigrasian beserta perubahannya',
            'Permenkumham 8/2014 tentang Paspor Biasa dan Surat Perjalanan Laksana Paspor beserta perubahannya',
            'PP 45/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Hukum dan Hak Asasi Manusia',
          ],
          complaintChannel: `${LAPOR}, petugas pengaduan Kantor Imigrasi Kelas I TPI Kupang, www.imigrasi.go.id`,
          queue: queue('C', 20, 40),
        },
        {
          code: 'imigrasi-paspor-penggantian',
          name: 'Penggantian Paspor Habis Berlaku atau Halaman Penuh',
          nameEn: 'Passport Renewal (Expired or Full)',
          summary: 'Penggantian paspor yang masa berlakunya habis, hampir habis atau halamannya penuh.',
          summaryEn: 'Replacing a passport that has expired, is about to expire or has no free pages.',
          description:
            'Penggantian diajukan melalui jadwal di aplikasi M-Paspor dengan membawa paspor lama. Paspor lama dibatalkan dan dikembalikan kepada pemohon.',
          descriptionEn:
            'Book an appointment in the M-Paspor app and bring the old passport. The old passport is cancelled and returned to the applicant.',
          synonyms: ['perpanjang paspor', 'perpanjangan', 'ganti paspor', 'renew passport', 'passport renewal'],
          requirements: [
            ktpEl({ form: 'original' }),
            { name: 'Paspor lama', nameEn: 'The old passport', form: 'original', uploadable: true, fileTypes: SCAN },
            {
              name: 'Kartu Keluarga dan akta kelahiran/buku nikah/ijazah (bila data pada paspor lama berubah)',
              nameEn: 'Family card and birth certificate/marriage book/diploma (if data differs from the old passport)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil jadwal kedatangan di aplikasi M-Paspor.', 'Book an appointment in the M-Paspor app.'),
            step('Datang sesuai jadwal; petugas memeriksa dokumen dan paspor lama.', 'Come at the booked time; the officer checks the documents and the old passport.'),
            step('Wawancara, foto dan sidik jari.', 'Interview, photo and fingerprints.'),
            step('Bayar PNBP melalui kode billing.', 'Pay the fee with the billing code.'),
            step('Ambil paspor baru dan paspor lama yang telah dibatalkan.', 'Collect the new passport and the cancelled old one.'),
          ],
          completionTime: workingDays(4, 'Layanan percepatan selesai pada hari yang sama dengan tambahan biaya Rp1.000.000.'),
          fee: paid(
            350000,
            'PP 45/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Hukum dan Hak Asasi Manusia',
            'Paspor biasa 5 tahun Rp350.000, 10 tahun Rp650.000; paspor elektronik 5 tahun Rp650.000, 10 tahun Rp950.000; percepatan tambahan Rp1.000.000.',
          ),
          product: 'Paspor RI pengganti',
          productEn: 'Replacement Indonesian passport',
          legalBasis: [
            'UU 6/2011 tentang Keimigrasian',
            'Permenkumham 8/2014 tentang Paspor Biasa dan Surat Perjalanan Laksana Paspor beserta perubahannya',
            'PP 45/2024 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Hukum dan Hak Asasi Manusia',
          ],
          complaintChannel: `${LAPOR}, petugas pengaduan Kantor Imigrasi Kelas I TPI Kupang, www.imigrasi.go.id`,
          queue: queue('C', 15, 30),
        },
      ],
    },

    // ───────────────────────────── D: BPJS Kesehatan ─────────────────────────────
    {
      code: 'bpjs-kesehatan',
      name: 'BPJS Kesehatan Kantor Cabang Kupang',
      shortName: 'BPJS Kesehatan',
      description: 'Pendaftaran dan administrasi kepesertaan Jaminan Kesehatan Nasional (JKN).',
      contactPhone: '165',
      website: 'https://www.bpjs-kesehatan.go.id',
      services: [
        {
          code: 'bpjs-kesehatan-pendaftaran-mandiri',
          name: 'Pendaftaran Peserta BPJS Kesehatan Mandiri (PBPU)',
          nameEn: 'BPJS Health Insurance Registration, Self-Paying Member',
          summary: 'Pendaftaran peserta JKN-KIS mandiri (pekerja bukan penerima upah) beserta seluruh anggota keluarga dalam KK.',
          summaryEn: 'Registration for national health insurance (JKN) as a self-paying member, with every family member on the family card.',
          description:
            'Seluruh anggota keluarga dalam satu KK wajib didaftarkan di kelas yang sama. Iuran dibayar melalui virtual account; kartu aktif setelah iuran pertama dibayar. Pendaftaran juga dapat dilakukan melalui aplikasi Mobile JKN.',
          descriptionEn:
            'All members on one family card must register in the same class. Premiums are paid to a virtual account; cover starts once the first premium is paid. Registration is also possible in the Mobile JKN app.',
          synonyms: ['bpjs', 'daftar bpjs', 'bpjs mandiri', 'bpjs kesehatan', 'kartu bpjs', 'jkn', 'kis', 'jkn-kis', 'asuransi kesehatan', 'health insurance'],
          requirements: [
            ktpEl({ name: 'KTP-el seluruh anggota keluarga yang didaftarkan', nameEn: 'KTP-el of every family member registered', form: 'copy' }),
            kartuKeluarga(),
            {
              name: 'Buku tabungan atau rekening bank untuk autodebit iuran',
              nameEn: 'Savings book or bank account for premium autodebit',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Nomor HP dan alamat surel aktif',
              nameEn: 'Active mobile number and email address',
              form: 'none',
            },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir daftar isian peserta.', 'Take a queue ticket and fill in the member registration form.'),
            step('Pilih kelas perawatan dan fasilitas kesehatan tingkat pertama (FKTP).', 'Choose the care class and the primary care provider (FKTP).'),
            step('Petugas memverifikasi data dan menerbitkan nomor virtual account.', 'The officer verifies the data and issues a virtual account number.'),
            step('Bayar iuran pertama; kartu JKN digital tersedia di aplikasi Mobile JKN.', 'Pay the first premium; the digital JKN card appears in the Mobile JKN app.'),
          ],
          completionTime: minutes(30, 'Kepesertaan aktif setelah iuran pertama dibayar.'),
          fee: free(
            'Perpres 82/2018 tentang Jaminan Kesehatan sebagaimana diubah dengan Perpres 64/2020',
            'Pendaftaran gratis. Iuran per orang per bulan: kelas I Rp150.000, kelas II Rp100.000, kelas III Rp42.000 (dibayar peserta Rp35.000).',
          ),
          product: 'Nomor peserta dan kartu JKN-KIS (digital)',
          productEn: 'Membership number and digital JKN-KIS card',
          legalBasis: [
            'UU 40/2004 tentang Sistem Jaminan Sosial Nasional',
            'UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial',
            'Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya (Perpres 64/2020, Perpres 59/2024)',
          ],
          complaintChannel: `${LAPOR}, BPJS Kesehatan Care Center 165, aplikasi Mobile JKN`,
          queue: queue('D', 15, 80),
        },
        {
          code: 'bpjs-kesehatan-perubahan-data',
          name: 'Perubahan Data Peserta dan Pindah Faskes JKN',
          nameEn: 'JKN Member Data Change and Change of Primary Care Provider',
          summary: 'Perubahan data peserta (alamat, kelas, nomor HP, anggota keluarga) dan pindah fasilitas kesehatan tingkat pertama.',
          summaryEn: 'Changing member data (address, class, phone, family members) and switching the primary care provider.',
          description:
            'Pindah FKTP dapat dilakukan setelah terdaftar minimal 3 bulan di FKTP sebelumnya, kecuali karena pindah domisili atau tugas. Perubahan kelas perawatan dapat diajukan setelah satu tahun di kelas sebelumnya.',
          descriptionEn:
            'A member may switch primary care provider after at least 3 months with the current one, unless moving house or posted elsewhere. A class change may be requested after one year in the current class.',
          synonyms: ['pindah faskes', 'ganti faskes', 'ubah data jkn', 'naik kelas', 'turun kelas', 'pindah puskesmas'],
          requirements: [
            { name: 'Kartu JKN-KIS atau nomor peserta', nameEn: 'JKN-KIS card or membership number', form: 'original' },
            ktpEl({ form: 'copy' }),
            kartuKeluarga({ description: 'KK terbaru bila menambah atau mengurangi anggota keluarga.' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir perubahan data.', 'Take a queue ticket and fill in the change-of-data form.'),
            step('Petugas memverifikasi dan memperbarui data kepesertaan.', 'The officer verifies and updates the membership record.'),
            step('Data baru langsung tampil di aplikasi Mobile JKN.', 'The new data appears in the Mobile JKN app at once.'),
          ],
          completionTime: minutes(15),
          fee: free('Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya'),
          product: 'Data kepesertaan JKN yang diperbarui',
          productEn: 'Updated JKN membership data',
          legalBasis: ['UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial', 'Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya'],
          complaintChannel: `${LAPOR}, BPJS Kesehatan Care Center 165, aplikasi Mobile JKN`,
          queue: queue('D', 10, null),
        },
        {
          code: 'bpjs-kesehatan-bayi-baru-lahir',
          name: 'Pendaftaran Bayi Baru Lahir sebagai Peserta JKN',
          nameEn: 'Registering a Newborn as a JKN Member',
          summary: 'Pendaftaran bayi dari peserta JKN mandiri paling lambat 28 hari setelah lahir.',
          summaryEn: 'Registering the baby of a self-paying JKN member within 28 days of birth.',
          description:
            'Bayi dari peserta pekerja bukan penerima upah wajib didaftarkan paling lambat 28 hari sejak lahir agar biaya perawatannya dijamin. Bayi dari peserta penerima upah didaftarkan melalui pemberi kerja.',
          descriptionEn:
            'Babies of self-paying members must be registered within 28 days of birth for their care to be covered. Babies of employees are registered through the employer.',
          synonyms: ['daftar bayi', 'bpjs bayi', 'jkn bayi', 'newborn'],
          requirements: [
            {
              name: 'Surat keterangan lahir dari fasilitas kesehatan',
              nameEn: 'Birth letter from the health facility',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            kartuKeluarga({ description: 'KK yang sudah memuat bayi, bila sudah diterbitkan.', mandatory: false }),
            { name: 'Kartu JKN-KIS orang tua', nameEn: "Parent's JKN-KIS card", form: 'original' },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pendaftaran.', 'Take a queue ticket and fill in the registration form.'),
            step('Petugas mendaftarkan bayi di kelas yang sama dengan orang tua.', 'The officer registers the baby in the same class as the parents.'),
            step('Bayar iuran bayi melalui virtual account keluarga.', "Pay the baby's premium through the family virtual account."),
          ],
          completionTime: minutes(15),
          fee: free('Perpres 82/2018 tentang Jaminan Kesehatan sebagaimana diubah dengan Perpres 64/2020', 'Pendaftaran gratis; iuran bulanan sesuai kelas.'),
          product: 'Nomor peserta JKN bayi',
          productEn: "Baby's JKN membership number",
          legalBasis: ['Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya'],
          complaintChannel: `${LAPOR}, BPJS Kesehatan Care Center 165, aplikasi Mobile JKN`,
          queue: queue('D', 10, null),
        },
      ],
    },

    // ───────────────────────────── E: BPJS Ketenagakerjaan ─────────────────────────────
    {
      code: 'bpjs-ketenagakerjaan',
      name: 'BPJS Ketenagakerjaan Kantor Cabang Kupang',
      shortName: 'BPJS Ketenagakerjaan',
      description: 'Kepesertaan dan klaim program jaminan sosial ketenagakerjaan (JHT, JKK, JKM, JP, JKP).',
      contactPhone: '175',
      website: 'https://www.bpjsketenagakerjaan.go.id',
      services: [
        {
          code: 'bpjs-ketenagakerjaan-klaim-jht',
          name: 'Klaim Jaminan Hari Tua (JHT)',
          nameEn: 'Old-Age Savings (JHT) Claim',
          summary: 'Pencairan saldo JHT karena berhenti bekerja, PHK, pensiun atau sebab lain yang diatur.',
          summaryEn: 'Withdrawing the JHT balance after resignation, dismissal, retirement or other permitted reasons.',
          description:
            'Peserta yang mengundurkan diri atau terkena PHK dapat mengajukan klaim setelah masa tunggu 1 bulan. Klaim juga dapat diajukan melalui aplikasi JMO atau Lapak Asik. Dana ditransfer ke rekening atas nama peserta.',
          descriptionEn:
            'Members who resigned or were dismissed can claim after a one-month waiting period. Claims can also be filed in the JMO app or via Lapak Asik. The money is transferred to an account in the member’s name.',
          synonyms: ['jht', 'pencairan jht', 'klaim jht', 'jamsostek', 'bpjs tk'],
          requirements: [
            { name: 'Kartu peserta BPJS Ketenagakerjaan', nameEn: 'BPJS Ketenagakerjaan membership card', form: 'original', uploadable: true, fileTypes: SCAN },
            ktpEl({ form: 'original' }),
            {
              name: 'Surat keterangan berhenti bekerja, surat PHK atau surat pensiun dari perusahaan',
              nameEn: 'Letter of resignation acceptance, dismissal or retirement from the employer',
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            { name: 'Buku tabungan atas nama peserta', nameEn: "Savings book in the member's name", form: 'original', uploadable: true, fileTypes: SCAN },
            kartuKeluarga({ mandatory: false }),
            {
              name: 'NPWP (bila saldo JHT di atas Rp50.000.000)',
              nameEn: 'Tax ID (NPWP), if the balance exceeds Rp50,000,000',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean dan serahkan dokumen asli.', 'Take a queue ticket and hand in the original documents.'),
            step('Wawancara dan verifikasi data oleh petugas, termasuk foto pemohon.', 'Interview and verification by the officer, including a photo of the applicant.'),
            step('Klaim ditetapkan; saldo ditransfer ke rekening peserta.', 'The claim is approved; the balance is transferred to the member’s account.'),
          ],
          completionTime: workingDays(5, 'Dihitung sejak dokumen dinyatakan lengkap.'),
          fee: free('PP 46/2015 tentang Penyelenggaraan Program Jaminan Hari Tua beserta perubahannya', 'Pajak penghasilan atas JHT dipotong sesuai ketentuan perpajakan.'),
          product: 'Pembayaran saldo JHT ke rekening peserta',
          productEn: 'JHT balance paid into the member’s account',
          legalBasis: [
            'UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial',
            'PP 46/2015 tentang Penyelenggaraan Program Jaminan Hari Tua sebagaimana diubah dengan PP 60/2015',
            'Permenaker 4/2022 tentang Tata Cara dan Persyaratan Pembayaran Manfaat Jaminan Hari Tua',
          ],
          complaintChannel: `${LAPOR}, BPJS Ketenagakerjaan call center 175, aplikasi JMO`,
          queue: queue('E', 20, 50),
        },
        {
          code: 'bpjs-ketenagakerjaan-pendaftaran-bpu',
          name: 'Pendaftaran Peserta Bukan Penerima Upah (BPU)',
          nameEn: 'Registration of Self-Employed Workers (BPU)',
          summary: 'Pendaftaran jaminan kecelakaan kerja dan jaminan kematian bagi pekerja mandiri: pedagang, nelayan, petani, ojek dan lainnya.',
          summaryEn: 'Work-accident and death cover for self-employed workers: traders, fishers, farmers, motorcycle-taxi drivers and others.',
          description:
            'Pekerja mandiri dapat mengikuti program JKK dan JKM, serta JHT secara sukarela. Iuran dihitung dari penghasilan yang dilaporkan, mulai Rp16.800 per bulan untuk JKK dan JKM.',
          descriptionEn:
            'Self-employed workers can join the work-accident (JKK) and death (JKM) programmes, and optionally JHT. Contributions depend on declared income, from Rp16,800 a month for JKK and JKM.',
          synonyms: ['pekerja mandiri', 'jamsostek', 'jkk', 'jkm', 'bpjs tk'],
          requirements: [
            ktpEl({ form: 'copy' }),
            { name: 'Nomor HP aktif', nameEn: 'Active mobile number', form: 'none' },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pendaftaran peserta BPU.', 'Take a queue ticket and fill in the self-employed registration form.'),
            step('Pilih program dan besaran penghasilan yang dilaporkan.', 'Choose the programmes and the declared income.'),
            step('Bayar iuran pertama; kartu peserta digital tersedia di aplikasi JMO.', 'Pay the first contribution; the digital card appears in the JMO app.'),
          ],
          completionTime: minutes(15),
          fee: free('PP 44/2015 tentang Penyelenggaraan Program JKK dan JKM beserta perubahannya', 'Pendaftaran gratis; iuran bulanan mulai Rp16.800 (JKK dan JKM).'),
          product: 'Kartu peserta BPJS Ketenagakerjaan (digital)',
          productEn: 'Digital BPJS Ketenagakerjaan membership card',
          legalBasis: [
            'UU 24/2011 tentang Badan Penyelenggara Jaminan Sosial',
            'PP 44/2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan Jaminan Kematian sebagaimana diubah dengan PP 82/2019',
          ],
          complaintChannel: `${LAPOR}, BPJS Ketenagakerjaan call center 175, aplikasi JMO`,
          queue: queue('E', 10, null),
        },
      ],
    },

    // ───────────────────────────── F: DPMPTSP ─────────────────────────────
    {
      code: 'dpmptsp',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Kupang',
      shortName: 'DPMPTSP',
      description: 'Perizinan berusaha melalui OSS, persetujuan bangunan gedung dan perizinan nonberusaha Kota Kupang.',
      services: [
        {
          code: 'dpmptsp-nib-oss',
          name: 'Pendampingan Penerbitan Nomor Induk Berusaha (NIB) melalui OSS',
          nameEn: 'Assisted Business Identification Number (NIB) Registration through OSS',
          summary: 'Pendampingan pendaftaran izin usaha (NIB) di sistem OSS Berbasis Risiko untuk usaha perseorangan dan badan usaha.',
          summaryEn: 'Help registering a business licence (NIB) in the risk-based OSS system for sole traders and companies.',
          description:
            'NIB adalah identitas pelaku usaha yang berlaku juga sebagai izin usaha untuk kegiatan berisiko rendah, serta berfungsi sebagai angka pengenal impor dan hak akses kepabeanan. Petugas membantu membuat akun OSS, memilih KBLI dan menerbitkan NIB. Usaha berisiko menengah dan tinggi memerlukan sertifikat standar atau izin lanjutan.',
          descriptionEn:
            'The NIB identifies a business and serves as its business licence for low-risk activities, as well as its import identification and customs access number. The officer helps create an OSS account, choose the business classification (KBLI) and issue the NIB. Medium- and high-risk activities need a standard certificate or further licences.',
          synonyms: ['izin usaha', 'izin berusaha', 'oss', 'nib', 'nomor induk berusaha', 'siup', 'tdp', 'bikin izin usaha', 'daftar usaha', 'umkm', 'business licence'],
          requirements: [
            ktpEl({ description: 'NIK pelaku usaha atau penanggung jawab badan usaha.' }),
            { name: 'Alamat surel dan nomor HP aktif', nameEn: 'Active email address and mobile number', form: 'none' },
            {
              name: 'Akta pendirian dan SK pengesahan Kemenkumham/AHU (untuk PT, CV, koperasi, yayasan)',
              nameEn: 'Deed of establishment and Ministry of Law (AHU) approval (for companies, partnerships, cooperatives, foundations)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'NPWP badan (untuk badan usaha)',
              nameEn: 'Company tax ID (for companies)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            {
              name: 'Data lokasi dan kegiatan usaha (alamat, luas lahan, modal, jumlah tenaga kerja)',
              nameEn: 'Business location and activity data (address, land area, capital, workforce)',
              form: 'none',
            },
          ],
          procedure: [
            step('Ambil nomor antrean di loket DPMPTSP.', 'Take a queue ticket at the DPMPTSP counter.'),
            step('Petugas membantu membuat atau masuk ke akun OSS (oss.go.id).', 'The officer helps create or sign in to an OSS account (oss.go.id).'),
            step('Isi data usaha dan pilih KBLI sesuai kegiatan usaha.', 'Enter the business data and choose the KBLI code for the activity.'),
            step('Setujui pernyataan mandiri; NIB terbit secara elektronik.', 'Accept the self-declaration; the NIB is issued electronically.'),
            step('Unduh dan cetak NIB beserta lampirannya.', 'Download and print the NIB and its annexes.'),
          ],
          completionTime: minutes(60, 'NIB terbit otomatis setelah data lengkap; izin lanjutan untuk risiko menengah/tinggi mengikuti jangka waktu masing-masing.'),
          fee: free('PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko', 'Penerbitan NIB tidak dipungut biaya.'),
          product: 'Nomor Induk Berusaha (NIB) 13 digit',
          productEn: 'Business Identification Number (13 digits)',
          legalBasis: [
            'UU 6/2023 tentang Penetapan Perppu 2/2022 tentang Cipta Kerja menjadi Undang-Undang',
            'PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
          ],
          complaintChannel: `${LAPOR}, layanan bantuan OSS (oss.go.id), meja pengaduan DPMPTSP Kota Kupang`,
          queue: queue('F', 30, 40),
        },
        {
          code: 'dpmptsp-pbg',
          name: 'Pendampingan Permohonan Persetujuan Bangunan Gedung (PBG)',
          nameEn: 'Assisted Building Approval (PBG) Application',
          summary: 'Pendampingan pendaftaran PBG (pengganti IMB) melalui SIMBG untuk membangun, mengubah atau memperluas bangunan.',
          summaryEn: 'Help applying for building approval (PBG, formerly IMB) through SIMBG to build, alter or extend a building.',
          description:
            'PBG diajukan melalui Sistem Informasi Manajemen Bangunan Gedung (SIMBG). Dokumen rencana teknis diperiksa dalam konsultasi oleh Tim Profesi Ahli atau Tim Penilai Teknis; retribusi dihitung setelah konsultasi dinyatakan memenuhi standar teknis.',
          descriptionEn:
            'The PBG is applied for in the building management system (SIMBG). Technical plans are reviewed in a consultation by the expert or technical assessment team; the levy is calculated once the plans meet the technical standards.',
          synonyms: ['imb', 'izin mendirikan bangunan', 'pbg', 'simbg', 'izin bangunan', 'building permit'],
          requirements: [
            ktpEl({ form: 'copy' }),
            {
              name: 'Sertipikat tanah atau bukti penguasaan tanah, atau perjanjian pemanfaatan tanah',
              nameEn: 'Land title or proof of land tenure, or a land use agreement',
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'Dokumen rencana teknis: arsitektur, struktur dan utilitas (gambar dan perhitungan)',
              nameEn: 'Technical plans: architecture, structure and utilities (drawings and calculations)',
              form: 'none',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'Keterangan Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)',
              nameEn: 'Spatial use conformity statement (KKPR)',
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'SPPT PBB tahun berjalan',
              nameEn: 'Current year land and building tax assessment (SPPT PBB)',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Konsultasi awal di loket dan pembuatan akun SIMBG.', 'Initial consultation at the counter and creating a SIMBG account.'),
            step('Unggah data pemohon, data bangunan dan dokumen rencana teknis di SIMBG.', 'Upload applicant data, building data and technical plans to SIMBG.'),
            step('Konsultasi perencanaan bersama TPA/TPT sampai dinyatakan memenuhi standar teknis.', 'Planning consultation with the expert team until the plans meet the technical standards.'),
            step('Bayar retribusi PBG sesuai perhitungan SIMBG.', 'Pay the PBG levy calculated by SIMBG.'),
            step('PBG terbit secara elektronik dan dapat diunduh dari SIMBG.', 'The PBG is issued electronically and can be downloaded from SIMBG.'),
          ],
          completionTime: workingDays(28, 'Dihitung sejak dokumen rencana teknis dinyatakan lengkap; di luar waktu perbaikan oleh pemohon.'),
          fee: free(
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'Pendampingan di loket gratis. Retribusi PBG dihitung oleh SIMBG menurut luas, fungsi dan kompleksitas bangunan sesuai Perda Kota Kupang tentang Pajak Daerah dan Retribusi Daerah, dan dibayar terpisah.',
          ),
          product: 'Persetujuan Bangunan Gedung (dokumen elektronik)',
          productEn: 'Building approval (electronic document)',
          legalBasis: [
            'UU 28/2002 tentang Bangunan Gedung sebagaimana diubah dengan UU 6/2023',
            'PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung',
            'Perda Kota Kupang tentang Pajak Daerah dan Retribusi Daerah',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan DPMPTSP Kota Kupang`,
          queue: queue('F', 30, 20),
        },
        {
          code: 'dpmptsp-sip-nakes',
          name: 'Penerbitan Surat Izin Praktik Tenaga Kesehatan (SIP)',
          nameEn: 'Practice Licence for Health Workers (SIP)',
          summary: 'Surat izin praktik bagi dokter, dokter gigi, bidan, perawat, apoteker dan tenaga kesehatan lain di Kota Kupang.',
          summaryEn: 'Practice licence for doctors, dentists, midwives, nurses, pharmacists and other health workers in Kota Kupang.',
          description:
            'Tenaga medis dan tenaga kesehatan yang berpraktik di Kota Kupang wajib memiliki SIP untuk setiap tempat praktik. Permohonan diverifikasi bersama Dinas Kesehatan Kota Kupang.',
          descriptionEn:
            'Medical and health workers practising in Kota Kupang need a practice licence for each place of practice. Applications are verified with the city health office.',
          synonyms: ['sip', 'izin praktik', 'izin praktek', 'sip dokter', 'sip bidan', 'sip perawat', 'sipa apoteker'],
          requirements: [
            ktpEl({ form: 'copy' }),
            {
              name: 'Surat Tanda Registrasi (STR) yang masih berlaku',
              nameEn: 'Valid registration certificate (STR)',
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik',
              nameEn: 'Letter from the head of the health facility where the applicant will practise',
              form: 'original',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'Pas foto berwarna 4x6 cm',
              nameEn: 'Colour photo, 4x6 cm',
              form: 'original',
              uploadable: true,
              fileTypes: PHOTO,
            },
          ],
          procedure: [
            step('Ajukan permohonan di loket atau secara daring dan unggah persyaratan.', 'Apply at the counter or online and upload the documents.'),
            step('Verifikasi berkas oleh DPMPTSP dan Dinas Kesehatan.', 'DPMPTSP and the health office verify the documents.'),
            step('SIP ditandatangani secara elektronik dan diserahkan kepada pemohon.', 'The licence is signed electronically and issued to the applicant.'),
          ],
          completionTime: workingDays(5, 'Dihitung sejak berkas dinyatakan lengkap.'),
          fee: free(null, 'Tidak dipungut biaya.'),
          product: 'Surat Izin Praktik',
          productEn: 'Practice licence',
          legalBasis: [
            'UU 17/2023 tentang Kesehatan',
            'PP 28/2024 tentang Peraturan Pelaksanaan UU 17/2023 tentang Kesehatan',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan DPMPTSP Kota Kupang`,
          queue: queue('F', 15, 20),
        },
      ],
    },

    // ───────────────────────────── G: Bapenda ─────────────────────────────
    {
      code: 'bapenda',
      name: 'Badan Pendapatan Daerah Kota Kupang',
      shortName: 'Bapenda Kota Kupang',
      description: 'Pajak daerah Kota Kupang: PBB-P2, BPHTB, pajak restoran, hotel, reklame dan lainnya.',
      services: [
        {
          code: 'bapenda-validasi-bphtb',
          name: 'Validasi Bea Perolehan Hak atas Tanah dan Bangunan (BPHTB)',
          nameEn: 'Land and Building Acquisition Duty (BPHTB) Validation',
          summary: 'Penelitian dan validasi SSPD BPHTB atas jual beli, hibah, waris dan perolehan hak lainnya sebelum balik nama sertipikat.',
          summaryEn: 'Checking and validating the BPHTB payment for a sale, gift, inheritance or other acquisition before the title is transferred.',
          description:
            'BPHTB terutang atas perolehan hak atas tanah dan/atau bangunan. Bapenda meneliti nilai perolehan dan bukti pembayaran; SSPD yang sudah divalidasi dipakai PPAT dan Kantor Pertanahan untuk balik nama.',
          descriptionEn:
            'BPHTB is due when land or buildings are acquired. Bapenda checks the acquisition value and the payment; the validated payment form is used by the land deed official and the land office to transfer the title.',
          synonyms: ['bphtb', 'pajak jual beli tanah', 'pajak balik nama tanah', 'validasi sspd', 'pajak waris', 'pajak hibah'],
          requirements: [
            { name: 'Surat Setoran Pajak Daerah (SSPD) BPHTB', nameEn: 'BPHTB local tax payment form (SSPD)', form: 'original', uploadable: true, fileTypes: SCAN },
            { name: 'SPPT PBB tahun berjalan dan bukti lunas PBB', nameEn: 'Current land and building tax assessment and proof of payment', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Sertipikat tanah', nameEn: 'Land title certificate', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Akta jual beli, hibah atau surat keterangan waris (draf atau salinan)', nameEn: 'Deed of sale, gift or inheritance statement (draft or copy)', form: 'copy', uploadable: true, fileTypes: ['pdf'] },
            ktpEl({ name: 'KTP-el dan KK wajib pajak', nameEn: "Taxpayer's KTP-el and family card", form: 'copy' }),
            suratKuasa,
          ],
          procedure: [
            step('Isi SSPD BPHTB dan serahkan berkas di loket Bapenda.', 'Fill in the BPHTB payment form and hand in the documents at the Bapenda counter.'),
            step('Petugas meneliti nilai perolehan objek pajak; bila perlu dilakukan verifikasi lapangan.', 'The officer checks the acquisition value; a site visit may be needed.'),
            step('Bayar BPHTB terutang di bank persepsi.', 'Pay the BPHTB due at an appointed bank.'),
            step('SSPD divalidasi dan diserahkan kepada wajib pajak atau PPAT.', 'The payment form is validated and returned to the taxpayer or the land deed official.'),
          ],
          completionTime: workingDays(21, 'Paling lama 30 hari kalender bila perlu verifikasi lapangan; berkas tanpa verifikasi lapangan biasanya lebih cepat.'),
          fee: free(
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'Layanan validasi gratis. BPHTB terutang = tarif (paling tinggi 5%) × (NPOP − NPOPTKP), NPOPTKP paling rendah Rp80.000.000 sesuai Perda Kota Kupang.',
          ),
          product: 'SSPD BPHTB tervalidasi',
          productEn: 'Validated BPHTB payment form',
          legalBasis: [
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'PP 35/2023 tentang Ketentuan Umum Pajak Daerah dan Retribusi Daerah',
            'Perda Kota Kupang tentang Pajak Daerah dan Retribusi Daerah',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Bapenda Kota Kupang`,
          queue: queue('G', 20, 30),
        },
        {
          code: 'bapenda-mutasi-pbb',
          name: 'Mutasi dan Pembetulan SPPT PBB-P2',
          nameEn: 'Transfer and Correction of the Land and Building Tax Assessment (PBB-P2)',
          summary: 'Balik nama wajib pajak, pemecahan atau penggabungan objek, serta pembetulan data pada SPPT PBB-P2.',
          summaryEn: 'Changing the taxpayer name, splitting or merging plots, and correcting data on the PBB-P2 assessment.',
          description:
            'Setelah jual beli, waris atau pemecahan tanah, SPPT PBB perlu dimutasi ke nama pemilik baru. Kesalahan luas, alamat atau nama pada SPPT dapat dibetulkan dengan bukti pendukung.',
          descriptionEn:
            'After a sale, inheritance or plot split the assessment must be transferred to the new owner. Errors in area, address or name can be corrected with supporting evidence.',
          synonyms: ['pbb', 'sppt', 'balik nama pbb', 'mutasi pbb', 'pajak bumi dan bangunan', 'pecah pbb'],
          requirements: [
            { name: 'Formulir SPOP/LSPOP yang telah diisi', nameEn: 'Completed tax object forms (SPOP/LSPOP)', form: 'original' },
            { name: 'SPPT PBB terakhir dan bukti lunas', nameEn: 'Latest assessment and proof of payment', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Sertipikat tanah atau bukti kepemilikan lain', nameEn: 'Land title or other proof of ownership', form: 'copy', uploadable: true, fileTypes: SCAN },
            ktpEl({ form: 'copy' }),
            suratKuasa,
          ],
          procedure: [
            step('Ambil formulir SPOP/LSPOP dan isi data objek pajak.', 'Take the SPOP/LSPOP forms and fill in the tax object data.'),
            step('Serahkan berkas di loket; petugas meneliti dan bila perlu meninjau lokasi.', 'Hand in the documents; the officer checks them and may visit the site.'),
            step('Data objek diperbarui dan SPPT baru diterbitkan.', 'The record is updated and a new assessment is issued.'),
          ],
          completionTime: workingDays(5),
          fee: free('UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah', 'Layanan gratis; PBB-P2 terutang dibayar sesuai SPPT.'),
          product: 'SPPT PBB-P2 atas nama wajib pajak baru atau data terbaru',
          productEn: 'PBB-P2 assessment in the new taxpayer’s name or with corrected data',
          legalBasis: [
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'Perda Kota Kupang tentang Pajak Daerah dan Retribusi Daerah',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Bapenda Kota Kupang`,
          queue: queue('G', 15, 40),
        },
      ],
    },

    // ───────────────────────────── H: Samsat ─────────────────────────────
    {
      code: 'samsat',
      name: 'UPTD Pendapatan Daerah Kota Kupang (Samsat Kupang)',
      shortName: 'Samsat Kupang',
      description:
        'Layanan Sistem Administrasi Manunggal Satu Atap: Pemerintah Provinsi NTT (pajak kendaraan bermotor), Ditlantas Polda NTT (STNK dan TNKB) dan Jasa Raharja (SWDKLLJ).',
      services: [
        {
          code: 'samsat-stnk-5-tahunan',
          name: 'Pengesahan/Perpanjangan STNK 5 Tahunan',
          nameEn: 'Five-Yearly Vehicle Registration (STNK) Renewal',
          summary: 'Penggantian STNK dan pelat nomor (TNKB) setiap 5 tahun beserta pembayaran pajak kendaraan tahunan.',
          summaryEn: 'Replacing the vehicle registration certificate and number plates every 5 years, with the annual vehicle tax.',
          description:
            'Setiap 5 tahun STNK diganti dan pelat nomor dicetak baru. Kendaraan wajib dibawa untuk cek fisik (gesek nomor rangka dan nomor mesin). Pada saat yang sama dibayar PKB tahunan, opsen PKB dan SWDKLLJ.',
          descriptionEn:
            'Every 5 years the registration certificate is replaced and new plates are made. The vehicle must be brought for a physical check (chassis and engine number rubbings). Annual vehicle tax, its local surcharge and the road accident fund levy are paid at the same time.',
          synonyms: ['stnk', 'perpanjang stnk', 'ganti stnk', 'stnk 5 tahun', 'ganti plat', 'plat nomor', 'tnkb', 'pajak kendaraan', 'pajak 5 tahunan', 'pajak motor', 'pajak mobil'],
          requirements: [
            { name: 'STNK asli', nameEn: 'Original vehicle registration certificate (STNK)', form: 'original_and_copy', uploadable: true, fileTypes: SCAN },
            { name: 'BPKB asli', nameEn: 'Original vehicle ownership book (BPKB)', form: 'original_and_copy', uploadable: true, fileTypes: SCAN },
            ktpEl({ name: 'KTP-el pemilik sesuai nama pada STNK/BPKB', nameEn: "Owner's KTP-el matching the name on the STNK/BPKB", form: 'original_and_copy' }),
            { name: 'Kendaraan untuk cek fisik', nameEn: 'The vehicle, for the physical check', form: 'none' },
            suratKuasa,
          ],
          procedure: [
            step('Cek fisik kendaraan dan gesek nomor rangka serta nomor mesin.', 'Physical check of the vehicle and chassis/engine number rubbings.'),
            step('Ambil nomor antrean dan serahkan berkas di loket pendaftaran.', 'Take a queue ticket and hand in the documents at the registration counter.'),
            step('Penetapan PKB, opsen PKB, SWDKLLJ dan PNBP STNK/TNKB.', 'The vehicle tax, surcharge, accident levy and STNK/plate fees are assessed.'),
            step('Bayar di loket kasir.', 'Pay at the cashier.'),
            step('Ambil STNK baru; pelat nomor diambil di loket TNKB.', 'Collect the new STNK; collect the plates at the plate counter.'),
          ],
          completionTime: minutes(120, 'Pelat nomor dapat diserahkan kemudian bila stok material TNKB kosong.'),
          fee: paid(
            160000,
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
            'PNBP roda dua: STNK Rp100.000 + TNKB Rp60.000; roda empat: STNK Rp200.000 + TNKB Rp100.000. Ditambah PKB, opsen PKB dan SWDKLLJ sesuai kendaraan.',
          ),
          product: 'STNK baru dan TNKB (pelat nomor) baru',
          productEn: 'New vehicle registration certificate and number plates',
          legalBasis: [
            'UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan',
            'Perpol 7/2021 tentang Registrasi dan Identifikasi Kendaraan Bermotor',
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'UU 34/1964 tentang Dana Kecelakaan Lalu Lintas Jalan',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Samsat Kupang, Dumas Presisi Polri`,
          queue: queue('H', 15, 100),
        },
        {
          code: 'samsat-mutasi-keluar',
          name: 'Mutasi Kendaraan Keluar Daerah (Cabut Berkas)',
          nameEn: 'Vehicle Transfer Out of the Region',
          summary: 'Pengurusan mutasi kendaraan bermotor yang akan didaftarkan di provinsi atau wilayah Samsat lain.',
          summaryEn: 'Transferring a vehicle’s registration to another province or Samsat region.',
          description:
            'Kendaraan yang pindah domisili pemilik harus dimutasi. Pajak kendaraan harus lunas, lalu berkas kendaraan dikirim ke wilayah tujuan untuk didaftarkan ulang.',
          descriptionEn:
            'A vehicle whose owner moves must be transferred. The vehicle tax must be paid up, then the vehicle file is sent to the destination region for re-registration.',
          synonyms: ['mutasi kendaraan', 'cabut berkas', 'pindah kendaraan', 'mutasi motor', 'mutasi mobil'],
          requirements: [
            { name: 'STNK asli', nameEn: 'Original STNK', form: 'original_and_copy' },
            { name: 'BPKB asli', nameEn: 'Original BPKB', form: 'original_and_copy' },
            ktpEl({ name: 'KTP-el pemilik', nameEn: "Owner's KTP-el", form: 'original_and_copy' }),
            { name: 'Hasil cek fisik kendaraan', nameEn: 'Vehicle physical check result', form: 'original' },
            suratKuasa,
          ],
          procedure: [
            step('Cek fisik kendaraan.', 'Physical check of the vehicle.'),
            step('Lunasi PKB dan SWDKLLJ yang terutang.', 'Pay any outstanding vehicle tax and accident levy.'),
            step('Ajukan permohonan mutasi dan bayar PNBP surat mutasi.', 'Apply for the transfer and pay the transfer letter fee.'),
            step('Berkas kendaraan disiapkan untuk dibawa atau dikirim ke wilayah tujuan.', 'The vehicle file is prepared for the destination region.'),
          ],
          completionTime: workingDays(3),
          fee: paid(
            150000,
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
            'Surat mutasi ke luar daerah: roda dua Rp150.000, roda empat Rp250.000, ditambah tunggakan PKB bila ada.',
          ),
          product: 'Surat mutasi kendaraan dan berkas kendaraan',
          productEn: 'Vehicle transfer letter and vehicle file',
          legalBasis: [
            'UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan',
            'Perpol 7/2021 tentang Registrasi dan Identifikasi Kendaraan Bermotor',
            'PP 76/2020 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Samsat Kupang, Dumas Presisi Polri`,
          queue: queue('H', 20, 30),
        },
      ],
    },

    // ───────────────────────────── I: Kantor Pertanahan ─────────────────────────────
    {
      code: 'bpn',
      name: 'Kantor Pertanahan Kota Kupang',
      shortName: 'BPN Kota Kupang',
      description: 'Layanan pertanahan Kementerian ATR/BPN: pengecekan, penggantian dan pemeliharaan data sertipikat.',
      website: 'https://www.atrbpn.go.id',
      services: [
        {
          code: 'bpn-sertipikat-hilang-rusak',
          name: 'Penggantian Sertipikat Tanah Hilang atau Rusak',
          nameEn: 'Replacement of a Lost or Damaged Land Title Certificate',
          summary: 'Penerbitan sertipikat hak atas tanah pengganti karena hilang atau rusak.',
          summaryEn: 'Issuing a replacement land title certificate when the original is lost or damaged.',
          description:
            'Untuk sertipikat hilang, pemohon mengucapkan sumpah di hadapan Kepala Kantor Pertanahan dan kehilangan diumumkan selama 30 hari. Untuk sertipikat rusak, sertipikat yang rusak diserahkan dan tidak perlu pengumuman.',
          descriptionEn:
            'For a lost certificate, the applicant takes an oath before the head of the land office and the loss is announced for 30 days. For a damaged certificate, the damaged document is handed in and no announcement is needed.',
          synonyms: ['sertifikat tanah', 'sertifikat tanah hilang', 'sertifikat hilang', 'sertifikat rusak', 'ganti sertifikat', 'sertifikat pengganti', 'land certificate'],
          requirements: [
            { name: 'Formulir permohonan yang ditandatangani pemohon', nameEn: 'Application form signed by the applicant', form: 'original' },
            ktpEl({ name: 'KTP-el dan KK pemohon', nameEn: "Applicant's KTP-el and family card", form: 'copy' }),
            {
              name: 'Surat keterangan kehilangan dari kepolisian (untuk sertipikat hilang)',
              nameEn: 'Police loss report (for a lost certificate)',
              mandatory: false,
              form: 'original',
              uploadable: true,
              fileTypes: SCAN,
            },
            { name: 'Sertipikat yang rusak (untuk sertipikat rusak)', nameEn: 'The damaged certificate (if damaged)', mandatory: false, form: 'original' },
            { name: 'SPPT PBB tahun berjalan', nameEn: 'Current year land and building tax assessment', form: 'copy', uploadable: true, fileTypes: SCAN },
            suratKuasa,
          ],
          procedure: [
            step('Ambil nomor antrean dan serahkan berkas permohonan di loket.', 'Take a queue ticket and hand in the application.'),
            step('Bayar biaya pelayanan sesuai Surat Perintah Setor (SPS).', 'Pay the service fee shown on the payment order (SPS).'),
            step('Sertipikat hilang: pengucapan sumpah dan pengumuman selama 30 hari.', 'Lost certificate: oath and a 30-day public announcement.'),
            step('Penerbitan sertipikat pengganti dan pencatatan pada buku tanah.', 'The replacement certificate is issued and recorded in the land book.'),
            step('Ambil sertipikat pengganti dengan membawa tanda terima.', 'Collect the replacement with the receipt.'),
          ],
          completionTime: workingDays(40, 'Termasuk masa pengumuman 30 hari untuk sertipikat hilang.'),
          fee: paid(
            50000,
            'PP 128/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional',
            'Biaya penggantian sertipikat Rp50.000; untuk sertipikat hilang ditambah Rp200.000 untuk pengangkatan sumpah dan pengumuman.',
          ),
          product: 'Sertipikat hak atas tanah pengganti',
          productEn: 'Replacement land title certificate',
          legalBasis: [
            'UU 5/1960 tentang Peraturan Dasar Pokok-Pokok Agraria',
            'PP 24/1997 tentang Pendaftaran Tanah',
            'PP 18/2021 tentang Hak Pengelolaan, Hak atas Tanah, Satuan Rumah Susun, dan Pendaftaran Tanah',
            'PP 128/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian ATR/BPN',
          ],
          complaintChannel: `${LAPOR}, aplikasi Sentuh Tanahku, meja pengaduan Kantor Pertanahan Kota Kupang`,
          queue: queue('I', 20, 20),
        },
        {
          code: 'bpn-pengecekan-sertipikat',
          name: 'Pengecekan Sertipikat',
          nameEn: 'Land Title Check',
          summary: 'Pemeriksaan kesesuaian data sertipikat dengan buku tanah sebelum jual beli, hibah atau pembebanan hak tanggungan.',
          summaryEn: 'Checking that a certificate matches the land register before a sale, gift or mortgage.',
          description:
            'Pengecekan memastikan sertipikat asli, tidak sedang diblokir atau disita, dan datanya sesuai buku tanah. Hasil pengecekan dicatat pada sertipikat.',
          descriptionEn:
            'The check confirms the certificate is genuine, not blocked or seized, and matches the land register. The result is noted on the certificate.',
          synonyms: ['cek sertipikat', 'cek keaslian sertipikat', 'cek buku tanah'],
          requirements: [
            { name: 'Sertipikat asli', nameEn: 'Original certificate', form: 'original' },
            ktpEl({ form: 'copy' }),
            suratKuasa,
          ],
          procedure: [
            step('Serahkan sertipikat asli dan formulir permohonan di loket.', 'Hand in the original certificate and the application form.'),
            step('Bayar biaya pengecekan sesuai SPS.', 'Pay the check fee shown on the payment order.'),
            step('Petugas mencocokkan sertipikat dengan buku tanah dan mencatat hasilnya.', 'The officer compares the certificate with the land register and records the result.'),
          ],
          completionTime: workingDays(1),
          fee: paid(50000, 'PP 128/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian ATR/BPN', 'Per sertipikat.'),
          product: 'Sertipikat dengan catatan hasil pengecekan',
          productEn: 'Certificate endorsed with the check result',
          legalBasis: [
            'PP 24/1997 tentang Pendaftaran Tanah',
            'PP 128/2015 tentang Jenis dan Tarif atas Jenis PNBP yang Berlaku pada Kementerian ATR/BPN',
          ],
          complaintChannel: `${LAPOR}, aplikasi Sentuh Tanahku, meja pengaduan Kantor Pertanahan Kota Kupang`,
          queue: queue('I', 10, 40),
        },
      ],
    },

    // ───────────────────────────── J: DJP ─────────────────────────────
    {
      code: 'djp',
      name: 'Kantor Pelayanan Pajak Pratama Kupang',
      shortName: 'KPP Pratama Kupang',
      description: 'Layanan perpajakan Direktorat Jenderal Pajak: pendaftaran NPWP, aktivasi akun Coretax dan asistensi SPT.',
      contactPhone: '1500200',
      website: 'https://www.pajak.go.id',
      services: [
        {
          code: 'djp-pendaftaran-npwp',
          name: 'Pendaftaran NPWP',
          nameEn: 'Taxpayer Identification Number (NPWP) Registration',
          summary: 'Pendaftaran Nomor Pokok Wajib Pajak bagi orang pribadi dan badan, serta pemadanan NIK sebagai NPWP.',
          summaryEn: 'Registering a tax ID for individuals and organisations, and validating the NIK as the tax ID.',
          description:
            'Sejak 2024 NIK dipakai sebagai NPWP bagi orang pribadi penduduk; badan memakai NPWP 16 digit. Petugas membantu pendaftaran di Coretax DJP dan memastikan NIK telah dipadankan.',
          descriptionEn:
            'Since 2024 the NIK serves as the tax ID for resident individuals; organisations use a 16-digit NPWP. The officer helps register in the DJP Coretax system and checks that the NIK is validated.',
          synonyms: ['npwp', 'nomor pokok wajib pajak', 'daftar npwp', 'bikin npwp', 'kartu npwp', 'nik jadi npwp', 'tax id'],
          requirements: [
            ktpEl({ description: 'Untuk WNI orang pribadi.' }),
            { name: 'Alamat surel dan nomor HP aktif', nameEn: 'Active email address and mobile number', form: 'none' },
            {
              name: 'Akta pendirian dan NIK/NPWP pengurus (untuk badan)',
              nameEn: 'Deed of establishment and NIK/NPWP of the officers (for organisations)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
            {
              name: 'Paspor dan KITAS/KITAP (untuk WNA)',
              nameEn: 'Passport and stay permit (for foreigners)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean di loket DJP.', 'Take a queue ticket at the tax office counter.'),
            step('Petugas membantu pendaftaran atau aktivasi akun di Coretax DJP.', 'The officer helps register or activate the Coretax account.'),
            step('NPWP diterbitkan secara elektronik; kartu dan surat keterangan terdaftar dikirim ke akun wajib pajak.', 'The tax ID is issued electronically; the card and registration letter are sent to the taxpayer account.'),
          ],
          completionTime: minutes(30),
          fee: free('UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya', 'Tidak dipungut biaya.'),
          product: 'NPWP dan Surat Keterangan Terdaftar (elektronik)',
          productEn: 'Tax ID and electronic registration letter',
          legalBasis: [
            'UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya',
            'PMK 112/2022 tentang Nomor Pokok Wajib Pajak bagi Wajib Pajak Orang Pribadi, Wajib Pajak Badan, dan Wajib Pajak Instansi Pemerintah',
            'PMK 81/2024 tentang Ketentuan Perpajakan dalam rangka Pelaksanaan Sistem Inti Administrasi Perpajakan',
          ],
          complaintChannel: `${LAPOR}, Kring Pajak 1500200, pengaduan.pajak.go.id`,
          queue: queue('J', 15, null),
        },
        {
          code: 'djp-asistensi-spt',
          name: 'Asistensi Pelaporan SPT Tahunan dan Aktivasi Akun Coretax',
          nameEn: 'Annual Tax Return Assistance and Coretax Account Activation',
          summary: 'Bantuan mengaktifkan akun Coretax, membuat kode otorisasi dan melaporkan SPT Tahunan orang pribadi.',
          summaryEn: 'Help activating the Coretax account, creating an authorisation code and filing the annual individual tax return.',
          description:
            'Wajib pajak orang pribadi melaporkan SPT Tahunan paling lambat 31 Maret. Petugas membantu aktivasi akun Coretax, pembuatan kode otorisasi/sertifikat elektronik, dan pengisian SPT.',
          descriptionEn:
            'Individuals must file the annual return by 31 March. The officer helps activate the Coretax account, create the authorisation code/electronic certificate and complete the return.',
          synonyms: ['spt', 'lapor spt', 'spt tahunan', 'coretax', 'efin', 'lapor pajak', 'lupa password pajak'],
          requirements: [
            ktpEl(),
            { name: 'Bukti potong PPh 21 (formulir 1721-A1/A2) dari pemberi kerja', nameEn: 'Income tax withholding slip (1721-A1/A2) from the employer', mandatory: false, form: 'copy', uploadable: true, fileTypes: ['pdf'] },
            { name: 'Alamat surel dan nomor HP yang terdaftar', nameEn: 'Registered email address and mobile number', form: 'none' },
          ],
          procedure: [
            step('Ambil nomor antrean di loket DJP.', 'Take a queue ticket at the tax office counter.'),
            step('Aktivasi akun atau reset kata sandi Coretax bersama petugas.', 'Activate the Coretax account or reset its password with the officer.'),
            step('Isi dan kirim SPT Tahunan; bukti penerimaan elektronik dikirim ke akun wajib pajak.', 'Complete and submit the return; the electronic receipt is sent to the taxpayer account.'),
          ],
          completionTime: minutes(30),
          fee: free('UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya', 'Tidak dipungut biaya.'),
          product: 'Akun Coretax aktif dan bukti penerimaan elektronik SPT',
          productEn: 'Active Coretax account and electronic filing receipt',
          legalBasis: [
            'UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya',
            'PMK 81/2024 tentang Ketentuan Perpajakan dalam rangka Pelaksanaan Sistem Inti Administrasi Perpajakan',
          ],
          complaintChannel: `${LAPOR}, Kring Pajak 1500200, pengaduan.pajak.go.id`,
          queue: queue('J', 20, 40),
        },
      ],
    },

    // ───────────────────────────── K: Kemenag ─────────────────────────────
    {
      code: 'kemenag',
      name: 'Kantor Kementerian Agama Kota Kupang',
      shortName: 'Kemenag Kota Kupang',
      description: 'Informasi dan pendaftaran nikah bagi warga Muslim melalui KUA, serta layanan keagamaan lainnya.',
      services: [
        {
          code: 'kemenag-pendaftaran-nikah',
          name: 'Pendaftaran Kehendak Nikah bagi Warga Muslim',
          nameEn: 'Marriage Registration for Muslims',
          summary: 'Pemeriksaan berkas dan pendaftaran kehendak nikah melalui SIMKAH untuk akad di KUA kecamatan.',
          summaryEn: 'Checking documents and registering an intended marriage in SIMKAH for a ceremony at the district religious affairs office (KUA).',
          description:
            'Kehendak nikah didaftarkan paling lambat 10 hari kerja sebelum akad. Berkas diteruskan ke KUA kecamatan tempat akad untuk pemeriksaan calon pengantin dan wali. Nikah di KUA pada jam kerja tidak dipungut biaya.',
          descriptionEn:
            'An intended marriage is registered at least 10 working days before the ceremony. The file goes to the district KUA where the ceremony takes place for examination of the couple and the guardian. A ceremony at the KUA during office hours is free.',
          synonyms: ['daftar nikah', 'nikah kua', 'kua', 'buku nikah', 'simkah', 'menikah', 'rencana nikah'],
          requirements: [
            { name: 'Surat pengantar nikah dari kelurahan', nameEn: 'Marriage referral letter from the village office', form: 'original' },
            ktpEl({ name: 'KTP-el calon suami dan calon istri', nameEn: 'KTP-el of both bride and groom', form: 'copy' }),
            kartuKeluarga({ name: 'Kartu Keluarga calon pengantin', nameEn: 'Family cards of the bride and groom' }),
            { name: 'Akta kelahiran calon pengantin', nameEn: 'Birth certificates of the bride and groom', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Pas foto 2x3 dan 4x6 cm latar biru', nameEn: 'Photos 2x3 and 4x6 cm, blue background', form: 'original', uploadable: true, fileTypes: PHOTO },
            { name: 'Surat izin orang tua (calon pengantin di bawah 21 tahun)', nameEn: "Parents' consent (if under 21)", mandatory: false, form: 'original' },
            {
              name: 'Akta cerai atau akta kematian pasangan terdahulu (duda/janda)',
              nameEn: 'Divorce certificate or death certificate of a previous spouse (if widowed or divorced)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
            { name: 'Surat izin komandan (anggota TNI/Polri)', nameEn: "Commanding officer's permission (military or police members)", mandatory: false, form: 'original' },
          ],
          procedure: [
            step('Ambil nomor antrean dan konsultasikan rencana pernikahan.', 'Take a queue ticket and discuss the planned marriage.'),
            step('Serahkan berkas; petugas mendaftarkan kehendak nikah di SIMKAH.', 'Hand in the documents; the officer registers the marriage in SIMKAH.'),
            step('Pemeriksaan calon pengantin dan wali di KUA kecamatan.', 'Examination of the couple and the guardian at the district KUA.'),
            step('Akad nikah dan penyerahan buku nikah/kartu nikah digital.', 'Marriage ceremony and handover of the marriage book/digital marriage card.'),
          ],
          completionTime: minutes(45, 'Pendaftaran selesai di loket; akad paling cepat 10 hari kerja setelah pendaftaran.'),
          fee: free(
            'PP 48/2014 sebagaimana diubah dengan PP 59/2018 tentang Tarif atas Jenis PNBP yang Berlaku pada Kementerian Agama',
            'Nikah di KUA pada jam kerja Rp0. Nikah di luar KUA atau di luar jam kerja Rp600.000, disetor ke kas negara melalui bank.',
          ),
          product: 'Bukti pendaftaran kehendak nikah; setelah akad, buku nikah dan kartu nikah digital',
          productEn: 'Marriage registration receipt; after the ceremony, the marriage book and digital marriage card',
          legalBasis: [
            'UU 1/1974 tentang Perkawinan sebagaimana diubah dengan UU 16/2019',
            'PMA 20/2019 tentang Pencatatan Pernikahan',
            'PP 59/2018 tentang Perubahan atas PP 48/2014 tentang Tarif atas Jenis PNBP yang Berlaku pada Kementerian Agama',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Kantor Kementerian Agama Kota Kupang`,
          queue: queue('K', 20, 20),
        },
      ],
    },

    // ───────────────────────────── L: Disnaker ─────────────────────────────
    {
      code: 'disnaker',
      name: 'Dinas Tenaga Kerja Kota Kupang',
      shortName: 'Disnaker Kota Kupang',
      description: 'Kartu pencari kerja (AK/1), pengesahan peraturan perusahaan dan informasi ketenagakerjaan.',
      services: [
        {
          code: 'disnaker-kartu-ak1',
          name: 'Penerbitan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/1)',
          nameEn: 'Job Seeker Registration Card (AK/1)',
          summary: 'Kartu AK/1 (kartu kuning) bagi pencari kerja untuk melamar pekerjaan, CPNS dan program pelatihan.',
          summaryEn: 'The AK/1 job-seeker card ("yellow card") used for job, civil service and training applications.',
          description:
            'Pencari kerja mendaftar melalui SIAPkerja/Karirhub Kemnaker atau di loket, lalu memperoleh kartu AK/1. Kartu berlaku 2 tahun dan pencari kerja melapor setiap 6 bulan bila belum bekerja.',
          descriptionEn:
            'Job seekers register in the SIAPkerja/Karirhub ministry system or at the counter and receive the AK/1 card. It is valid for 2 years, and holders report every 6 months while still looking for work.',
          synonyms: ['kartu kuning', 'ak1', 'ak/1', 'kartu pencari kerja', 'kartu ak 1', 'pencaker', 'job seeker card'],
          requirements: [
            ktpEl({ form: 'copy' }),
            { name: 'Ijazah terakhir', nameEn: 'Latest diploma', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Pas foto berwarna 3x4 cm, 2 lembar', nameEn: 'Two colour photos, 3x4 cm', form: 'original', uploadable: true, fileTypes: PHOTO },
            { name: 'Sertifikat pelatihan atau kompetensi (jika ada)', nameEn: 'Training or competency certificates (if any)', mandatory: false, form: 'copy', uploadable: true, fileTypes: SCAN },
          ],
          procedure: [
            step('Daftar akun di SIAPkerja atau ambil nomor antrean di loket.', 'Create a SIAPkerja account or take a queue ticket at the counter.'),
            step('Lengkapi data diri, pendidikan dan pengalaman kerja.', 'Complete personal, education and work experience data.'),
            step('Petugas memverifikasi dokumen dan mencetak kartu AK/1.', 'The officer verifies the documents and prints the AK/1 card.'),
          ],
          completionTime: minutes(30),
          fee: free('Permenaker 39/2016 tentang Penempatan Tenaga Kerja', 'Tidak dipungut biaya.'),
          product: 'Kartu AK/1',
          productEn: 'AK/1 job-seeker card',
          legalBasis: [
            'UU 13/2003 tentang Ketenagakerjaan beserta perubahannya',
            'Permenaker 39/2016 tentang Penempatan Tenaga Kerja',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Dinas Tenaga Kerja Kota Kupang`,
          queue: queue('L', 10, 100),
        },
        {
          code: 'disnaker-pengesahan-peraturan-perusahaan',
          name: 'Pengesahan Peraturan Perusahaan',
          nameEn: 'Approval of Company Regulations',
          summary: 'Pengesahan peraturan perusahaan bagi perusahaan yang mempekerjakan paling sedikit 10 pekerja di Kota Kupang.',
          summaryEn: 'Approval of company regulations for employers of at least 10 workers in Kota Kupang.',
          description:
            'Pengusaha yang mempekerjakan paling sedikit 10 orang wajib membuat peraturan perusahaan yang disahkan instansi ketenagakerjaan. Peraturan perusahaan berlaku paling lama 2 tahun dan wajib diperbarui.',
          descriptionEn:
            'Employers with at least 10 workers must have company regulations approved by the labour authority. They are valid for at most 2 years and must then be renewed.',
          synonyms: ['peraturan perusahaan', 'pp perusahaan', 'company regulation'],
          requirements: [
            { name: 'Surat permohonan pengesahan', nameEn: 'Application letter', form: 'original' },
            { name: 'Naskah peraturan perusahaan (3 rangkap)', nameEn: 'Company regulation text (3 copies)', form: 'original', uploadable: true, fileTypes: ['pdf'] },
            { name: 'Bukti telah dimintakan saran dan pertimbangan wakil pekerja', nameEn: "Proof that workers' representatives were consulted", form: 'copy', uploadable: true, fileTypes: ['pdf'] },
            { name: 'Nomor Induk Berusaha (NIB)', nameEn: 'Business Identification Number (NIB)', form: 'copy', uploadable: true, fileTypes: ['pdf'] },
          ],
          procedure: [
            step('Serahkan berkas permohonan di loket.', 'Hand in the application at the counter.'),
            step('Petugas meneliti kelengkapan dan isi peraturan perusahaan.', 'The officer checks the completeness and content.'),
            step('Perbaikan oleh perusahaan bila diperlukan.', 'The company revises the text if required.'),
            step('Surat keputusan pengesahan diterbitkan.', 'The approval decree is issued.'),
          ],
          completionTime: workingDays(7, 'Dihitung sejak berkas dinyatakan lengkap.'),
          fee: free('Permenaker 28/2014 tentang Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan serta Pembuatan dan Pendaftaran Perjanjian Kerja Bersama', 'Tidak dipungut biaya.'),
          product: 'Surat keputusan pengesahan peraturan perusahaan',
          productEn: 'Approval decree for the company regulations',
          legalBasis: [
            'UU 13/2003 tentang Ketenagakerjaan beserta perubahannya',
            'Permenaker 28/2014 tentang Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan serta Pembuatan dan Pendaftaran Perjanjian Kerja Bersama',
          ],
          complaintChannel: `${LAPOR}, meja pengaduan Dinas Tenaga Kerja Kota Kupang`,
          queue: queue('L', 20, 10),
        },
      ],
    },

    // ───────────────────────────── M: Dinsos ─────────────────────────────
    {
      code: 'dinsos',
      name: 'Dinas Sosial Kota Kupang',
      shortName: 'Dinsos Kota Kupang',
      description: 'Pendataan keluarga miskin dan rentan serta pengusulan bantuan sosial dan PBI Jaminan Kesehatan.',
      services: [
        {
          code: 'dinsos-usulan-pbi-jk',
          name: 'Pengusulan Peserta PBI Jaminan Kesehatan',
          nameEn: 'Nomination for Government-Paid Health Insurance (PBI JK)',
          summary: 'Pengusulan warga tidak mampu agar iuran JKN-nya dibayar pemerintah (BPJS Kesehatan PBI).',
          summaryEn: 'Nominating low-income residents to have their JKN premiums paid by the government.',
          description:
            'Warga tidak mampu yang belum terdaftar dapat diusulkan masuk data tunggal sosial dan ekonomi nasional sebagai calon Penerima Bantuan Iuran. Penetapan dilakukan oleh Kementerian Sosial secara berkala; Pemerintah Kota juga dapat mendaftarkan warga sebagai peserta yang iurannya dibayar APBD.',
          descriptionEn:
            'Low-income residents can be proposed for the national social and economic register as candidates for premium assistance. The Ministry of Social Affairs decides periodically; the city can also enrol residents with premiums paid from the city budget.',
          synonyms: ['bpjs gratis', 'bpjs pbi', 'kis pbi', 'dtks', 'dtsen', 'warga miskin', 'bantuan iuran'],
          requirements: [
            ktpEl({ form: 'copy' }),
            kartuKeluarga(),
            { name: 'Surat keterangan tidak mampu atau pengantar dari kelurahan', nameEn: 'Certificate of low income or referral letter from the village office', form: 'original', uploadable: true, fileTypes: SCAN },
          ],
          procedure: [
            step('Ambil nomor antrean dan serahkan dokumen di loket Dinas Sosial.', 'Take a queue ticket and hand in the documents at the social affairs counter.'),
            step('Petugas memeriksa status pada data sosial dan menginput usulan.', "The officer checks the applicant's status in the social register and enters the nomination."),
            step('Usulan diverifikasi dan diteruskan untuk penetapan Kementerian Sosial atau didaftarkan sebagai peserta PBPU Pemda.', 'The nomination is verified and forwarded for the ministry decision, or enrolled as a city-funded member.'),
          ],
          completionTime: minutes(30, 'Input usulan selesai di loket; penetapan sebagai peserta PBI mengikuti jadwal pemutakhiran Kementerian Sosial.'),
          fee: free('PP 101/2012 tentang Penerima Bantuan Iuran Jaminan Kesehatan sebagaimana diubah dengan PP 76/2015', 'Tidak dipungut biaya.'),
          product: 'Tanda terima usulan peserta PBI Jaminan Kesehatan',
          productEn: 'Receipt for the nomination',
          legalBasis: [
            'UU 13/2011 tentang Penanganan Fakir Miskin',
            'PP 101/2012 tentang Penerima Bantuan Iuran Jaminan Kesehatan sebagaimana diubah dengan PP 76/2015',
            'Inpres 4/2025 tentang Data Tunggal Sosial dan Ekonomi Nasional',
          ],
          complaintChannel: `${LAPOR}, Command Center Kemensos 171, meja pengaduan Dinas Sosial Kota Kupang`,
          queue: queue('M', 15, 60),
        },
      ],
    },

    // ───────────────────────────── N: Bank NTT ─────────────────────────────
    {
      code: 'bank-ntt',
      name: 'PT Bank Pembangunan Daerah Nusa Tenggara Timur (Bank NTT)',
      shortName: 'Bank NTT',
      description: 'Bank daerah NTT: pembukaan rekening, pembayaran pajak daerah dan retribusi, serta setoran PNBP di MPP.',
      services: [
        {
          code: 'bank-ntt-pembukaan-rekening',
          name: 'Pembukaan Rekening Tabungan',
          nameEn: 'Opening a Savings Account',
          summary: 'Pembukaan rekening tabungan perorangan beserta kartu debit dan aktivasi mobile banking.',
          summaryEn: 'Opening a personal savings account with a debit card and mobile banking activation.',
          description:
            'Rekening tabungan dapat dipakai untuk menerima gaji, bantuan sosial, autodebit iuran dan pembayaran pajak daerah. Setoran awal dan biaya administrasi bulanan mengikuti ketentuan produk yang diumumkan bank.',
          descriptionEn:
            'The account can receive salaries and social assistance, and pay insurance premiums by autodebit and local taxes. The opening deposit and monthly charges follow the product terms published by the bank.',
          synonyms: ['buka rekening', 'rekening bank', 'tabungan', 'atm', 'kartu debit', 'savings account'],
          requirements: [
            ktpEl(),
            { name: 'NPWP (jika ada)', nameEn: 'Tax ID (if any)', mandatory: false, form: 'copy' },
            { name: 'Setoran awal sesuai ketentuan produk', nameEn: 'Opening deposit as set by the product terms', form: 'none' },
            { name: 'Nomor HP aktif', nameEn: 'Active mobile number', form: 'none' },
          ],
          procedure: [
            step('Ambil nomor antrean di loket Bank NTT.', 'Take a queue ticket at the Bank NTT counter.'),
            step('Isi formulir pembukaan rekening; petugas memverifikasi KTP-el secara elektronik.', 'Fill in the account opening form; the officer verifies the KTP-el electronically.'),
            step('Lakukan setoran awal.', 'Make the opening deposit.'),
            step('Terima buku tabungan dan kartu debit, lalu aktifkan mobile banking.', 'Receive the passbook and debit card, then activate mobile banking.'),
          ],
          completionTime: minutes(30),
          fee: free(null, 'Tanpa biaya pembukaan; setoran awal tetap menjadi saldo nasabah. Biaya administrasi bulanan sesuai ketentuan produk.'),
          product: 'Buku tabungan, kartu debit dan akses mobile banking',
          productEn: 'Passbook, debit card and mobile banking access',
          legalBasis: [
            'UU 10/1998 tentang Perubahan atas UU 7/1992 tentang Perbankan',
            'POJK 22/2023 tentang Pelindungan Konsumen dan Masyarakat di Sektor Jasa Keuangan',
          ],
          complaintChannel: `${LAPOR}, layanan pengaduan nasabah Bank NTT, Kontak OJK 157`,
          queue: queue('N', 15, null),
        },
      ],
    },
  ],
};
