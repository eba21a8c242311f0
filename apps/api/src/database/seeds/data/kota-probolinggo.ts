import type { SeedSite } from '../seed-types';
import { SCAN, PHOTO, step, minutes, workingDays, free, paid, queue, ktpEl, kartuKeluarga, suratKuasa, ADMINDUK_FEE, ADMINDUK_LAW, POLRI_PNBP, laporFor } from './builders';

/**
 * MPP Kota Probolinggo (Jawa Timur, WIB): a smaller catalogue. Direct-service units stay open on
 * cuti bersama. Local details (quotas, prefixes, counter steps) are editable seed values.
 */

const LAPOR = laporFor('MPP Kota Probolinggo');

const DUKCAPIL_COMPLAINT = `${LAPOR}, call center Ditjen Dukcapil Kemendagri 1500537`;

export const kotaProbolinggo: SeedSite = {
  code: 'kota-probolinggo',
  name: 'MPP Kota Probolinggo',
  city: 'Kota Probolinggo',
  province: 'Jawa Timur',
  address: 'Jl. Panglima Sudirman, Kota Probolinggo, Jawa Timur',
  timeZone: 'Asia/Jakarta',
  closesOnCutiBersama: false,
  // A children's play corner (given by the city's CSR forum at the opening, 2019) and a ruang laktasi
  // beside it (noted by the East Java Biro Organisasi's visit, December 2023).
  facilities: ['ramah_anak', 'laktasi'],
  openingHours: [
    { weekday: 1, open: '07:30', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 2, open: '07:30', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 3, open: '07:30', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 4, open: '07:30', close: '15:30', breaks: [{ start: '12:00', end: '13:00' }] },
    { weekday: 5, open: '07:30', close: '14:30', breaks: [{ start: '11:00', end: '12:30' }] },
  ],
  agencies: [
    // ───────────────────────────── A: Dispendukcapil ─────────────────────────────
    {
      code: 'dukcapil',
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Probolinggo',
      shortName: 'Dispendukcapil',
      description: 'KTP-el, Kartu Keluarga, akta kelahiran dan kematian. Seluruh layanan gratis.',
      services: [
        {
          code: 'dukcapil-ktp-el-baru',
          name: 'Perekaman dan Penerbitan KTP-el Baru',
          nameEn: 'First Electronic ID Card (KTP-el): Enrolment and Issue',
          summary: 'Perekaman biometrik dan pencetakan KTP-el pertama bagi penduduk berusia 17 tahun atau yang sudah/pernah kawin.',
          summaryEn: 'Biometric enrolment and printing of a first KTP-el for residents aged 17 or older, or married.',
          description:
            'Petugas memverifikasi NIK, merekam foto, sidik jari, iris mata dan tanda tangan, lalu mencetak KTP-el setelah data dinyatakan tunggal secara nasional.',
          descriptionEn:
            'The officer checks the NIK, records photo, fingerprints, iris and signature, and prints the card once the national deduplication check confirms a single record.',
          synonyms: ['ktp', 'e-ktp', 'ektp', 'ktp elektronik', 'ktp baru', 'rekam ktp', 'bikin ktp', 'ktp pemula'],
          requirements: [kartuKeluarga({ description: 'KK yang memuat NIK pemohon.' })],
          procedure: [
            step('Ambil nomor antrean di anjungan atau melalui pemesanan daring.', 'Take a queue ticket at the kiosk or book online.'),
            step('Verifikasi NIK dan perekaman foto, sidik jari, iris mata dan tanda tangan.', 'NIK check and recording of photo, fingerprints, iris and signature.'),
            step('KTP-el dicetak; periksa data lalu tanda tangani tanda terima.', 'The card is printed; check the data and sign for it.'),
          ],
          completionTime: minutes(60, 'Bila perlu verifikasi ganda nasional atau blangko habis, diberikan surat keterangan dan KTP-el dicetak kemudian.'),
          fee: ADMINDUK_FEE,
          product: 'KTP-el',
          productEn: 'Electronic ID card (KTP-el)',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 80),
        },
        {
          code: 'dukcapil-ktp-el-hilang-rusak',
          name: 'Penggantian KTP-el Hilang atau Rusak',
          nameEn: 'Replacement of a Lost or Damaged KTP-el',
          summary: 'Pencetakan ulang KTP-el yang hilang atau rusak, dengan data yang sama.',
          summaryEn: 'Reprint of a lost or damaged KTP-el with the same data.',
          description:
            'Untuk KTP-el hilang bawa surat keterangan kehilangan dari kepolisian; untuk KTP-el rusak serahkan KTP-el yang rusak. Tidak perlu perekaman ulang bila data biometrik sudah ada.',
          descriptionEn:
            'For a lost card bring a police loss report; for a damaged card hand in the damaged card. No re-enrolment is needed when biometric data is on record.',
          synonyms: ['ktp', 'e-ktp', 'ktp elektronik', 'hilang', 'rusak', 'kehilangan', 'ganti ktp', 'cetak ulang'],
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
            { name: 'KTP-el yang rusak (untuk KTP-el rusak)', nameEn: 'The damaged KTP-el (for a damaged card)', mandatory: false, form: 'original' },
          ],
          procedure: [
            step('Ambil nomor antrean di anjungan atau melalui pemesanan daring.', 'Take a queue ticket at the kiosk or book online.'),
            step('Serahkan KK dan surat kehilangan atau KTP-el yang rusak; verifikasi sidik jari.', 'Hand in the family card and the loss report or damaged card; fingerprint check.'),
            step('KTP-el dicetak ulang dan diserahkan.', 'The card is reprinted and handed over.'),
          ],
          completionTime: minutes(60),
          fee: ADMINDUK_FEE,
          product: 'KTP-el pengganti',
          productEn: 'Replacement KTP-el',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 10, 50),
        },
        {
          code: 'dukcapil-kartu-keluarga',
          name: 'Penerbitan Kartu Keluarga Baru atau Perubahan Data',
          nameEn: 'Family Card (Kartu Keluarga): New Card or Change of Data',
          summary: 'Penerbitan KK untuk keluarga baru, penambahan atau pengurangan anggota keluarga, pisah KK dan perubahan data.',
          summaryEn: 'Family card for a new household, adding or removing members, splitting a household and data changes.',
          description:
            'KK diterbitkan atau diperbarui karena perkawinan, kelahiran, kematian, perceraian, pindah datang, pisah KK atau perubahan data. KK berbentuk dokumen elektronik bertanda tangan elektronik.',
          descriptionEn:
            'A family card is issued or updated after a marriage, birth, death, divorce, move, household split or data change. It is an electronically signed document.',
          synonyms: ['kk', 'kk baru', 'ubah kk', 'pisah kk', 'tambah anggota keluarga', 'cetak kk', 'family card'],
          requirements: [
            { name: 'Kartu Keluarga lama (untuk perubahan data)', nameEn: 'Current family card (for a change of data)', mandatory: false, form: 'original', uploadable: true, fileTypes: SCAN },
            { name: 'Buku nikah atau akta perkawinan (untuk keluarga baru)', nameEn: 'Marriage book or certificate (for a new household)', mandatory: false, form: 'copy', uploadable: true, fileTypes: SCAN },
            {
              name: 'Bukti peristiwa kependudukan atau peristiwa penting (akta kelahiran, akta kematian, surat keterangan pindah, dll.)',
              nameEn: 'Proof of the event (birth or death certificate, moving certificate, etc.)',
              form: 'copy',
              uploadable: true,
              fileTypes: SCAN,
            },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir biodata keluarga (F-1.01).', 'Take a queue ticket and fill in the family biodata form (F-1.01).'),
            step('Serahkan dokumen untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('KK bertanda tangan elektronik diterbitkan dan diserahkan atau dikirim ke surel pemohon.', 'The electronically signed card is issued and handed over or emailed.'),
          ],
          completionTime: workingDays(3, 'Berkas lengkap umumnya selesai pada hari yang sama.'),
          fee: ADMINDUK_FEE,
          product: 'Kartu Keluarga (dokumen elektronik)',
          productEn: 'Family card (electronic document)',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 60),
        },
        {
          code: 'dukcapil-akta-kelahiran',
          name: 'Penerbitan Akta Kelahiran',
          nameEn: 'Birth Certificate',
          summary: 'Pencatatan kelahiran dan penerbitan akta kelahiran, termasuk pelaporan yang terlambat.',
          summaryEn: 'Birth registration and birth certificate, including late registration.',
          description:
            'Kelahiran dilaporkan paling lambat 60 hari. Surat keterangan lahir atau buku nikah yang tidak ada dapat diganti Surat Pernyataan Tanggung Jawab Mutlak (SPTJM).',
          descriptionEn:
            'Births are reported within 60 days. A missing birth letter or marriage book may be replaced by a sworn statement of full responsibility (SPTJM).',
          synonyms: ['akta lahir', 'akte lahir', 'akte kelahiran', 'buat akta lahir', 'surat lahir', 'birth certificate'],
          requirements: [
            {
              name: 'Surat keterangan kelahiran dari rumah sakit, puskesmas atau bidan (atau SPTJM kebenaran data kelahiran)',
              nameEn: 'Birth letter from the hospital, health centre or midwife (or an SPTJM)',
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
            { name: 'KTP-el dua orang saksi', nameEn: 'KTP-el of two witnesses', form: 'copy', uploadable: true, fileTypes: SCAN },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan kelahiran (F-2.01).', 'Take a queue ticket and fill in the birth report form (F-2.01).'),
            step('Serahkan dokumen persyaratan untuk diverifikasi.', 'Hand in the documents for verification.'),
            step('Akta kelahiran dan KK terbaru diterbitkan.', 'The birth certificate and updated family card are issued.'),
          ],
          completionTime: workingDays(1, 'Kelahiran yang dilaporkan lebih dari 60 hari: 2 hari kerja.'),
          fee: ADMINDUK_FEE,
          product: 'Kutipan akta kelahiran dan KK terbaru',
          productEn: 'Birth certificate extract and updated family card',
          legalBasis: ADMINDUK_LAW,
          complaintChannel: DUKCAPIL_COMPLAINT,
          queue: queue('A', 15, 50),
        },
        {
          code: 'dukcapil-akta-kematian',
          name: 'Penerbitan Akta Kematian',
          nameEn: 'Death Certificate',
          summary: 'Pencatatan kematian dan penerbitan akta kematian serta pembaruan KK.',
          summaryEn: 'Death registration, death certificate and family card update.',
          description: 'Kematian dilaporkan oleh keluarga paling lambat 30 hari sejak tanggal kematian.',
          descriptionEn: 'Families report a death within 30 days.',
          synonyms: ['akte kematian', 'surat kematian', 'lapor kematian', 'meninggal dunia', 'death certificate'],
          requirements: [
            { name: 'Surat kematian dari dokter, rumah sakit atau kelurahan', nameEn: 'Death letter from a doctor, hospital or village office', form: 'original', uploadable: true, fileTypes: SCAN },
            kartuKeluarga({ name: 'Kartu Keluarga almarhum/almarhumah', nameEn: 'Family card of the deceased' }),
            { name: 'KTP-el almarhum/almarhumah', nameEn: 'KTP-el of the deceased', form: 'original' },
            ktpEl({ name: 'KTP-el pelapor', nameEn: "Reporting person's KTP-el", form: 'copy' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir pelaporan kematian.', 'Take a queue ticket and fill in the death report form.'),
            step('Serahkan dokumen untuk diverifikasi.', 'Hand in the documents for verification.'),
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
      ],
    },

    // ───────────────────────────── B: Polres ─────────────────────────────
    {
      code: 'polres',
      name: 'Kepolisian Resor Probolinggo Kota',
      shortName: 'Polres Probolinggo Kota',
      description: 'Penerbitan Surat Keterangan Catatan Kepolisian (SKCK).',
      services: [
        {
          code: 'polres-skck-baru',
          name: 'Penerbitan SKCK Baru',
          nameEn: 'Police Clearance Certificate (SKCK), New',
          summary: 'Surat Keterangan Catatan Kepolisian untuk melamar kerja, pendaftaran CPNS/TNI/Polri, sekolah atau keperluan ke luar negeri.',
          summaryEn: 'Police clearance certificate for job applications, civil service, military or police recruitment, schooling or travel abroad.',
          description:
            'SKCK berlaku 6 bulan. Pemohon datang sendiri untuk pengambilan sidik jari. Pendaftaran dapat dimulai secara daring melalui Polri Super App atau skck.polri.go.id.',
          descriptionEn:
            'The certificate is valid for 6 months. Applicants attend in person for fingerprinting. Registration can start online in the Polri Super App or at skck.polri.go.id.',
          synonyms: ['skck', 'skck baru', 'surat kelakuan baik', 'surat berkelakuan baik', 'surat keterangan catatan kepolisian', 'buat skck', 'police clearance'],
          requirements: [
            ktpEl({ form: 'copy' }),
            kartuKeluarga(),
            { name: 'Akta kelahiran atau ijazah terakhir', nameEn: 'Birth certificate or latest diploma', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Kartu/formulir sidik jari (dibuat di loket identifikasi)', nameEn: 'Fingerprint card (made at the identification desk)', form: 'original' },
            { name: 'Pas foto berwarna 4x6 cm latar merah, 6 lembar', nameEn: 'Six colour photos, 4x6 cm, red background', form: 'original', uploadable: true, fileTypes: PHOTO },
            { name: 'Paspor (untuk keperluan ke luar negeri)', nameEn: 'Passport (if for use abroad)', mandatory: false, form: 'copy', uploadable: true, fileTypes: SCAN },
          ],
          procedure: [
            step('Daftar daring atau ambil nomor antrean di MPP.', 'Register online or take a queue ticket at the MPP.'),
            step('Isi formulir dan serahkan dokumen persyaratan.', 'Fill in the form and hand in the documents.'),
            step('Pengambilan sidik jari dan pencocokan catatan kepolisian.', 'Fingerprints are taken and police records checked.'),
            step('Bayar PNBP Rp30.000.', 'Pay the Rp30,000 fee.'),
            step('SKCK dicetak dan diserahkan.', 'The certificate is printed and handed over.'),
          ],
          completionTime: minutes(60),
          fee: paid(30000, POLRI_PNBP),
          product: 'Surat Keterangan Catatan Kepolisian (berlaku 6 bulan)',
          productEn: 'Police clearance certificate (valid 6 months)',
          legalBasis: ['UU 2/2002 tentang Kepolisian Negara Republik Indonesia', POLRI_PNBP, 'Perpol 6/2023 tentang Penerbitan Surat Keterangan Catatan Kepolisian'],
          complaintChannel: `${LAPOR}, Dumas Presisi Polri, Propam Polres Probolinggo Kota`,
          queue: queue('B', 15, 60),
        },
      ],
    },

    // ───────────────────────────── C: BPJS Kesehatan ─────────────────────────────
    {
      code: 'bpjs-kesehatan',
      name: 'BPJS Kesehatan Kantor Cabang Probolinggo',
      shortName: 'BPJS Kesehatan',
      description: 'Pendaftaran dan administrasi kepesertaan Jaminan Kesehatan Nasional (JKN).',
      contactPhone: '165',
      website: 'https://www.bpjs-kesehatan.go.id',
      services: [
        {
          code: 'bpjs-kesehatan-pendaftaran-mandiri',
          name: 'Pendaftaran Peserta BPJS Kesehatan Mandiri (PBPU)',
          nameEn: 'BPJS Health Insurance Registration, Self-Paying Member',
          summary: 'Pendaftaran peserta JKN-KIS mandiri beserta seluruh anggota keluarga dalam KK.',
          summaryEn: 'Registration for national health insurance (JKN) as a self-paying member, with every family member on the family card.',
          description:
            'Seluruh anggota keluarga dalam satu KK didaftarkan di kelas yang sama. Kartu aktif setelah iuran pertama dibayar melalui virtual account.',
          descriptionEn:
            'All members on one family card register in the same class. Cover starts once the first premium is paid to the virtual account.',
          synonyms: ['bpjs', 'daftar bpjs', 'bpjs mandiri', 'bpjs kesehatan', 'kartu bpjs', 'jkn', 'kis', 'jkn-kis', 'health insurance'],
          requirements: [
            ktpEl({ name: 'KTP-el seluruh anggota keluarga yang didaftarkan', nameEn: 'KTP-el of every family member registered', form: 'copy' }),
            kartuKeluarga(),
            { name: 'Buku tabungan atau rekening bank untuk autodebit iuran', nameEn: 'Savings book or bank account for premium autodebit', form: 'copy', uploadable: true, fileTypes: SCAN },
            { name: 'Nomor HP dan alamat surel aktif', nameEn: 'Active mobile number and email address', form: 'none' },
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir daftar isian peserta.', 'Take a queue ticket and fill in the registration form.'),
            step('Pilih kelas perawatan dan FKTP.', 'Choose the care class and the primary care provider.'),
            step('Terima nomor virtual account dan bayar iuran pertama.', 'Receive the virtual account number and pay the first premium.'),
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
            'Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya',
          ],
          complaintChannel: `${LAPOR}, BPJS Kesehatan Care Center 165, aplikasi Mobile JKN`,
          queue: queue('C', 15, 60, { onlineTicket: true }),
        },
        {
          code: 'bpjs-kesehatan-perubahan-data',
          name: 'Perubahan Data Peserta dan Pindah Faskes JKN',
          nameEn: 'JKN Member Data Change and Change of Primary Care Provider',
          summary: 'Perubahan data peserta dan pindah fasilitas kesehatan tingkat pertama.',
          summaryEn: 'Changing member data and switching the primary care provider.',
          description: 'Pindah FKTP dapat dilakukan setelah minimal 3 bulan terdaftar di FKTP sebelumnya, kecuali karena pindah domisili.',
          descriptionEn: 'A member may switch primary care provider after at least 3 months with the current one, unless moving house.',
          synonyms: ['pindah faskes', 'ganti faskes', 'ubah data jkn', 'naik kelas', 'pindah puskesmas'],
          requirements: [
            { name: 'Kartu JKN-KIS atau nomor peserta', nameEn: 'JKN-KIS card or membership number', form: 'original' },
            ktpEl({ form: 'copy' }),
          ],
          procedure: [
            step('Ambil nomor antrean dan isi formulir perubahan data.', 'Take a queue ticket and fill in the change-of-data form.'),
            step('Petugas memperbarui data kepesertaan.', 'The officer updates the membership record.'),
          ],
          completionTime: minutes(15),
          fee: free('Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya'),
          product: 'Data kepesertaan JKN yang diperbarui',
          productEn: 'Updated JKN membership data',
          legalBasis: ['Perpres 82/2018 tentang Jaminan Kesehatan beserta perubahannya'],
          complaintChannel: `${LAPOR}, BPJS Kesehatan Care Center 165, aplikasi Mobile JKN`,
          queue: queue('C', 10, 60, { onlineTicket: true }),
        },
      ],
    },

    // ───────────────────────────── D: BPJS Ketenagakerjaan ─────────────────────────────
    {
      code: 'bpjs-ketenagakerjaan',
      name: 'BPJS Ketenagakerjaan Kantor Cabang Probolinggo',
      shortName: 'BPJS Ketenagakerjaan',
      description: 'Kepesertaan dan klaim program jaminan sosial ketenagakerjaan.',
      contactPhone: '175',
      website: 'https://www.bpjsketenagakerjaan.go.id',
      services: [
        {
          code: 'bpjs-ketenagakerjaan-klaim-jht',
          name: 'Klaim Jaminan Hari Tua (JHT)',
          nameEn: 'Old-Age Savings (JHT) Claim',
          summary: 'Pencairan saldo JHT karena berhenti bekerja, PHK atau pensiun.',
          summaryEn: 'Withdrawing the JHT balance after resignation, dismissal or retirement.',
          description: 'Klaim karena mengundurkan diri atau PHK dapat diajukan setelah masa tunggu 1 bulan. Klaim juga dapat diajukan melalui aplikasi JMO.',
          descriptionEn: 'Claims after resignation or dismissal can be made after a one-month waiting period, also in the JMO app.',
          synonyms: ['jht', 'pencairan jht', 'klaim jht', 'jamsostek', 'bpjs tk'],
          requirements: [
            { name: 'Kartu peserta BPJS Ketenagakerjaan', nameEn: 'Membership card', form: 'original', uploadable: true, fileTypes: SCAN },
            ktpEl(),
            { name: 'Surat keterangan berhenti bekerja atau surat PHK', nameEn: 'Letter of resignation acceptance or dismissal', form: 'original', uploadable: true, fileTypes: SCAN },
            { name: 'Buku tabungan atas nama peserta', nameEn: "Savings book in the member's name", form: 'original', uploadable: true, fileTypes: SCAN },
            { name: 'NPWP (bila saldo JHT di atas Rp50.000.000)', nameEn: 'Tax ID, if the balance exceeds Rp50,000,000', mandatory: false, form: 'copy' },
          ],
          procedure: [
            step('Ambil nomor antrean dan serahkan dokumen asli.', 'Take a queue ticket and hand in the original documents.'),
            step('Wawancara dan verifikasi data.', 'Interview and verification.'),
            step('Saldo JHT ditransfer ke rekening peserta.', 'The balance is transferred to the member’s account.'),
          ],
          completionTime: workingDays(5, 'Dihitung sejak dokumen dinyatakan lengkap.'),
          fee: free('PP 46/2015 tentang Penyelenggaraan Program Jaminan Hari Tua beserta perubahannya'),
          product: 'Pembayaran saldo JHT ke rekening peserta',
          productEn: 'JHT balance paid into the member’s account',
          legalBasis: [
            'PP 46/2015 tentang Penyelenggaraan Program Jaminan Hari Tua sebagaimana diubah dengan PP 60/2015',
            'Permenaker 4/2022 tentang Tata Cara dan Persyaratan Pembayaran Manfaat Jaminan Hari Tua',
          ],
          complaintChannel: `${LAPOR}, BPJS Ketenagakerjaan call center 175, aplikasi JMO`,
          queue: queue('D', 20, 40),
        },
      ],
    },

    // ───────────────────────────── E: DPMPTSP ─────────────────────────────
    {
      code: 'dpmptsp',
      name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Probolinggo',
      shortName: 'DPMPTSP',
      description: 'Perizinan berusaha melalui OSS dan persetujuan bangunan gedung.',
      services: [
        {
          code: 'dpmptsp-nib-oss',
          name: 'Pendampingan Penerbitan Nomor Induk Berusaha (NIB) melalui OSS',
          nameEn: 'Assisted Business Identification Number (NIB) Registration through OSS',
          summary: 'Pendampingan pendaftaran izin usaha (NIB) di sistem OSS Berbasis Risiko.',
          summaryEn: 'Help registering a business licence (NIB) in the risk-based OSS system.',
          description:
            'NIB berlaku sebagai identitas dan izin usaha untuk kegiatan berisiko rendah. Petugas membantu membuat akun OSS, memilih KBLI dan menerbitkan NIB.',
          descriptionEn:
            'The NIB identifies a business and serves as its licence for low-risk activities. The officer helps create an OSS account, choose the KBLI code and issue the NIB.',
          synonyms: ['izin usaha', 'izin berusaha', 'oss', 'nib', 'nomor induk berusaha', 'siup', 'bikin izin usaha', 'umkm', 'business licence'],
          requirements: [
            ktpEl(),
            { name: 'Alamat surel dan nomor HP aktif', nameEn: 'Active email address and mobile number', form: 'none' },
            {
              name: 'Akta pendirian dan SK pengesahan Kemenkumham/AHU (untuk badan usaha)',
              nameEn: 'Deed of establishment and AHU approval (for companies)',
              mandatory: false,
              form: 'copy',
              uploadable: true,
              fileTypes: ['pdf'],
            },
          ],
          procedure: [
            step('Ambil nomor antrean di loket DPMPTSP.', 'Take a queue ticket at the DPMPTSP counter.'),
            step('Buat atau masuk ke akun OSS bersama petugas.', 'Create or sign in to an OSS account with the officer.'),
            step('Isi data usaha, pilih KBLI dan setujui pernyataan mandiri.', 'Enter the business data, choose the KBLI code and accept the self-declaration.'),
            step('Unduh dan cetak NIB.', 'Download and print the NIB.'),
          ],
          completionTime: minutes(60),
          fee: free('PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko', 'Penerbitan NIB tidak dipungut biaya.'),
          product: 'Nomor Induk Berusaha (NIB) 13 digit',
          productEn: 'Business Identification Number (13 digits)',
          legalBasis: [
            'UU 6/2023 tentang Penetapan Perppu 2/2022 tentang Cipta Kerja menjadi Undang-Undang',
            'PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
          ],
          complaintChannel: `${LAPOR}, layanan bantuan OSS (oss.go.id)`,
          queue: queue('E', 30, 30),
        },
        {
          code: 'dpmptsp-pbg',
          name: 'Pendampingan Permohonan Persetujuan Bangunan Gedung (PBG)',
          nameEn: 'Assisted Building Approval (PBG) Application',
          summary: 'Pendampingan pendaftaran PBG (pengganti IMB) melalui SIMBG.',
          summaryEn: 'Help applying for building approval (PBG, formerly IMB) through SIMBG.',
          description: 'PBG diajukan melalui SIMBG; retribusi dihitung setelah rencana teknis dinyatakan memenuhi standar teknis.',
          descriptionEn: 'The PBG is applied for in SIMBG; the levy is calculated once the technical plans meet the standards.',
          synonyms: ['imb', 'izin mendirikan bangunan', 'pbg', 'simbg', 'building permit'],
          requirements: [
            ktpEl({ form: 'copy' }),
            { name: 'Sertipikat tanah atau bukti penguasaan tanah', nameEn: 'Land title or proof of land tenure', form: 'copy', uploadable: true, fileTypes: ['pdf'] },
            { name: 'Dokumen rencana teknis (arsitektur, struktur, utilitas)', nameEn: 'Technical plans (architecture, structure, utilities)', form: 'none', uploadable: true, fileTypes: ['pdf'] },
          ],
          procedure: [
            step('Konsultasi awal dan pembuatan akun SIMBG.', 'Initial consultation and SIMBG account creation.'),
            step('Unggah dokumen dan ikuti konsultasi perencanaan.', 'Upload the documents and attend the planning consultation.'),
            step('Bayar retribusi PBG; PBG terbit secara elektronik.', 'Pay the PBG levy; the approval is issued electronically.'),
          ],
          completionTime: workingDays(28, 'Dihitung sejak dokumen rencana teknis dinyatakan lengkap.'),
          fee: free(
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
            'Pendampingan gratis. Retribusi PBG dihitung oleh SIMBG sesuai Perda Kota Probolinggo tentang Pajak Daerah dan Retribusi Daerah dan dibayar terpisah.',
          ),
          product: 'Persetujuan Bangunan Gedung (dokumen elektronik)',
          productEn: 'Building approval (electronic document)',
          legalBasis: [
            'UU 28/2002 tentang Bangunan Gedung sebagaimana diubah dengan UU 6/2023',
            'PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung',
          ],
          complaintChannel: LAPOR,
          queue: queue('E', 30, 15),
        },
      ],
    },

    // ───────────────────────────── F: Samsat ─────────────────────────────
    {
      code: 'samsat',
      name: 'Kantor Bersama Samsat Kota Probolinggo',
      shortName: 'Samsat Probolinggo',
      description: 'Bapenda Provinsi Jawa Timur (pajak kendaraan bermotor), Satlantas Polres Probolinggo Kota (STNK dan TNKB) dan Jasa Raharja (SWDKLLJ).',
      services: [
        {
          code: 'samsat-stnk-5-tahunan',
          name: 'Pengesahan/Perpanjangan STNK 5 Tahunan',
          nameEn: 'Five-Yearly Vehicle Registration (STNK) Renewal',
          summary: 'Penggantian STNK dan pelat nomor setiap 5 tahun beserta pembayaran pajak kendaraan tahunan.',
          summaryEn: 'Replacing the vehicle registration certificate and plates every 5 years, with the annual vehicle tax.',
          description: 'Kendaraan wajib dibawa untuk cek fisik. Pada saat yang sama dibayar PKB, opsen PKB dan SWDKLLJ.',
          descriptionEn: 'The vehicle must be brought for a physical check. Vehicle tax, its local surcharge and the accident levy are paid at the same time.',
          synonyms: ['stnk', 'perpanjang stnk', 'ganti stnk', 'stnk 5 tahun', 'ganti plat', 'plat nomor', 'tnkb', 'pajak kendaraan', 'pajak motor', 'pajak mobil'],
          requirements: [
            { name: 'STNK asli', nameEn: 'Original STNK', form: 'original_and_copy', uploadable: true, fileTypes: SCAN },
            { name: 'BPKB asli', nameEn: 'Original BPKB', form: 'original_and_copy', uploadable: true, fileTypes: SCAN },
            ktpEl({ name: 'KTP-el pemilik sesuai nama pada STNK/BPKB', nameEn: "Owner's KTP-el matching the STNK/BPKB", form: 'original_and_copy' }),
            { name: 'Kendaraan untuk cek fisik', nameEn: 'The vehicle, for the physical check', form: 'none' },
            suratKuasa,
          ],
          procedure: [
            step('Cek fisik kendaraan dan gesek nomor rangka serta nomor mesin.', 'Physical check and chassis/engine number rubbings.'),
            step('Serahkan berkas di loket pendaftaran.', 'Hand in the documents at the registration counter.'),
            step('Bayar PKB, opsen PKB, SWDKLLJ dan PNBP di kasir.', 'Pay the vehicle tax, surcharge, accident levy and fees at the cashier.'),
            step('Ambil STNK dan pelat nomor baru.', 'Collect the new STNK and plates.'),
          ],
          completionTime: minutes(120, 'Pelat nomor dapat diserahkan kemudian bila stok material TNKB kosong.'),
          fee: paid(
            160000,
            POLRI_PNBP,
            'PNBP roda dua: STNK Rp100.000 + TNKB Rp60.000; roda empat: STNK Rp200.000 + TNKB Rp100.000. Ditambah PKB, opsen PKB dan SWDKLLJ sesuai kendaraan.',
          ),
          product: 'STNK baru dan TNKB baru',
          productEn: 'New registration certificate and number plates',
          legalBasis: [
            'UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan',
            'Perpol 7/2021 tentang Registrasi dan Identifikasi Kendaraan Bermotor',
            POLRI_PNBP,
            'UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
          ],
          complaintChannel: `${LAPOR}, Dumas Presisi Polri`,
          queue: queue('F', 15, 80, { onlineTicket: true }),
        },
        {
          code: 'samsat-mutasi-keluar',
          name: 'Mutasi Kendaraan Keluar Daerah (Cabut Berkas)',
          nameEn: 'Vehicle Transfer Out of the Region',
          summary: 'Pengurusan mutasi kendaraan bermotor ke wilayah Samsat lain.',
          summaryEn: 'Transferring a vehicle’s registration to another Samsat region.',
          description: 'Pajak kendaraan harus lunas sebelum berkas kendaraan dikirim ke wilayah tujuan.',
          descriptionEn: 'The vehicle tax must be paid up before the vehicle file is sent to the destination region.',
          synonyms: ['mutasi kendaraan', 'cabut berkas', 'mutasi motor', 'mutasi mobil'],
          requirements: [
            { name: 'STNK asli', nameEn: 'Original STNK', form: 'original_and_copy' },
            { name: 'BPKB asli', nameEn: 'Original BPKB', form: 'original_and_copy' },
            ktpEl({ name: 'KTP-el pemilik', nameEn: "Owner's KTP-el", form: 'original_and_copy' }),
            { name: 'Hasil cek fisik kendaraan', nameEn: 'Vehicle physical check result', form: 'original' },
          ],
          procedure: [
            step('Cek fisik kendaraan dan lunasi PKB terutang.', 'Physical check and payment of any outstanding vehicle tax.'),
            step('Ajukan permohonan mutasi dan bayar PNBP surat mutasi.', 'Apply for the transfer and pay the transfer letter fee.'),
            step('Terima surat mutasi dan berkas kendaraan.', 'Receive the transfer letter and the vehicle file.'),
          ],
          completionTime: workingDays(3),
          fee: paid(150000, POLRI_PNBP, 'Roda dua Rp150.000, roda empat Rp250.000.'),
          product: 'Surat mutasi kendaraan dan berkas kendaraan',
          productEn: 'Vehicle transfer letter and vehicle file',
          legalBasis: ['UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan', 'Perpol 7/2021 tentang Registrasi dan Identifikasi Kendaraan Bermotor', POLRI_PNBP],
          complaintChannel: `${LAPOR}, Dumas Presisi Polri`,
          queue: queue('F', 20, 20),
        },
      ],
    },

    // ───────────────────────────── G: DJP ─────────────────────────────
    {
      code: 'djp',
      name: 'Kantor Pelayanan Pajak Pratama Probolinggo',
      shortName: 'KPP Pratama Probolinggo',
      description: 'Layanan perpajakan Direktorat Jenderal Pajak.',
      contactPhone: '1500200',
      website: 'https://www.pajak.go.id',
      services: [
        {
          code: 'djp-pendaftaran-npwp',
          name: 'Pendaftaran NPWP',
          nameEn: 'Taxpayer Identification Number (NPWP) Registration',
          summary: 'Pendaftaran Nomor Pokok Wajib Pajak dan pemadanan NIK sebagai NPWP.',
          summaryEn: 'Registering a tax ID and validating the NIK as the tax ID.',
          description: 'Sejak 2024 NIK dipakai sebagai NPWP orang pribadi penduduk; badan memakai NPWP 16 digit. Pendaftaran dilakukan di Coretax DJP.',
          descriptionEn: 'Since 2024 the NIK serves as the tax ID for resident individuals; organisations use a 16-digit NPWP. Registration is done in DJP Coretax.',
          synonyms: ['npwp', 'nomor pokok wajib pajak', 'daftar npwp', 'bikin npwp', 'kartu npwp', 'tax id'],
          requirements: [
            ktpEl(),
            { name: 'Alamat surel dan nomor HP aktif', nameEn: 'Active email address and mobile number', form: 'none' },
            { name: 'Akta pendirian dan NIK pengurus (untuk badan)', nameEn: 'Deed of establishment and NIK of the officers (for organisations)', mandatory: false, form: 'copy', uploadable: true, fileTypes: ['pdf'] },
          ],
          procedure: [
            step('Ambil nomor antrean di loket DJP.', 'Take a queue ticket at the tax office counter.'),
            step('Pendaftaran atau aktivasi akun Coretax bersama petugas.', 'Register or activate the Coretax account with the officer.'),
            step('NPWP dan surat keterangan terdaftar diterbitkan secara elektronik.', 'The tax ID and registration letter are issued electronically.'),
          ],
          completionTime: minutes(30),
          fee: free('UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya', 'Tidak dipungut biaya.'),
          product: 'NPWP dan Surat Keterangan Terdaftar (elektronik)',
          productEn: 'Tax ID and electronic registration letter',
          legalBasis: [
            'UU 6/1983 tentang Ketentuan Umum dan Tata Cara Perpajakan beserta perubahannya',
            'PMK 112/2022 tentang Nomor Pokok Wajib Pajak bagi Wajib Pajak Orang Pribadi, Wajib Pajak Badan, dan Wajib Pajak Instansi Pemerintah',
          ],
          complaintChannel: `${LAPOR}, Kring Pajak 1500200, pengaduan.pajak.go.id`,
          queue: queue('G', 15, null),
        },
      ],
    },
  ],
};
