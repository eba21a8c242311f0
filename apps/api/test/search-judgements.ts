/**
 * A judged set of what citizens type into the search at MPP Kota Kupang (the seed catalogue),
 * with the services a person reading the catalogue would expect. Judged by reading each service's
 * name, purpose and product, not by looking at what the engine answers.
 *
 * - `relevant`: every service that answers the query (precision and recall are counted on it).
 * - `top3`: services that MUST be among the first three results (a subset of `relevant`).
 * - `notTop3`: services that MUST NOT be among the first three (they share a word, not a need).
 * - `never`: services that must not be returned at all (they only mention the word in passing,
 *   e.g. in their list of requirements).
 *
 * Services are named by their catalogue code.
 */
export interface SearchJudgement {
  query: string;
  relevant: string[];
  top3: string[];
  notTop3: string[];
  never?: string[];
}

const KTP = ['dukcapil-ktp-el-baru', 'dukcapil-ktp-el-hilang-rusak', 'dukcapil-ktp-el-perubahan-data'];
const SKCK = ['polresta-skck-baru', 'polresta-skck-perpanjangan'];
const PASPOR = ['imigrasi-paspor-baru', 'imigrasi-paspor-penggantian'];
const BPJS_KESEHATAN = ['bpjs-kesehatan-pendaftaran-mandiri', 'bpjs-kesehatan-perubahan-data', 'bpjs-kesehatan-bayi-baru-lahir'];
const BPJS_TK = ['bpjs-ketenagakerjaan-klaim-jht', 'bpjs-ketenagakerjaan-pendaftaran-bpu'];
const BPN = ['bpn-sertipikat-hilang-rusak', 'bpn-pengecekan-sertipikat'];

export const SEARCH_JUDGEMENTS: SearchJudgement[] = [
  // ── Identity cards ──
  {
    query: 'ktp hilang',
    relevant: ['dukcapil-ktp-el-hilang-rusak'],
    top3: ['dukcapil-ktp-el-hilang-rusak'],
    notTop3: ['bpn-sertipikat-hilang-rusak', 'polresta-skck-baru'],
    never: ['bank-ntt-pembukaan-rekening', 'samsat-stnk-5-tahunan', 'djp-pendaftaran-npwp', 'imigrasi-paspor-baru'],
  },
  {
    query: 'ktp ilang',
    relevant: ['dukcapil-ktp-el-hilang-rusak'],
    top3: ['dukcapil-ktp-el-hilang-rusak'],
    notTop3: ['bpn-sertipikat-hilang-rusak'],
    never: ['bank-ntt-pembukaan-rekening', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'kehilangan ktp',
    relevant: ['dukcapil-ktp-el-hilang-rusak'],
    top3: ['dukcapil-ktp-el-hilang-rusak'],
    notTop3: ['bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'ktp rusak',
    relevant: ['dukcapil-ktp-el-hilang-rusak'],
    top3: ['dukcapil-ktp-el-hilang-rusak'],
    notTop3: ['bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'ktp',
    relevant: [...KTP, 'dukcapil-ikd'],
    top3: ['dukcapil-ktp-el-baru'],
    notTop3: ['bank-ntt-pembukaan-rekening', 'polresta-skck-baru', 'imigrasi-paspor-baru'],
    never: ['bank-ntt-pembukaan-rekening', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'e-ktp',
    relevant: KTP,
    top3: ['dukcapil-ktp-el-baru'],
    notTop3: ['imigrasi-paspor-baru'],
    never: ['bank-ntt-pembukaan-rekening', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'bikin ktp',
    relevant: ['dukcapil-ktp-el-baru'],
    top3: ['dukcapil-ktp-el-baru'],
    notTop3: ['polresta-skck-baru', 'imigrasi-paspor-baru', 'djp-pendaftaran-npwp', 'dpmptsp-nib-oss'],
  },
  {
    query: 'rekam ktp',
    relevant: ['dukcapil-ktp-el-baru'],
    top3: ['dukcapil-ktp-el-baru'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'ganti alamat ktp',
    relevant: ['dukcapil-ktp-el-perubahan-data', 'dukcapil-pindah-datang'],
    top3: ['dukcapil-ktp-el-perubahan-data'],
    notTop3: ['imigrasi-paspor-penggantian', 'samsat-stnk-5-tahunan', 'bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'ktp digital',
    relevant: ['dukcapil-ikd'],
    top3: ['dukcapil-ikd'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'lost id card',
    relevant: ['dukcapil-ktp-el-hilang-rusak'],
    top3: ['dukcapil-ktp-el-hilang-rusak'],
    notTop3: ['disnaker-kartu-ak1', 'bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'kia',
    relevant: ['dukcapil-kia'],
    top3: ['dukcapil-kia'],
    notTop3: ['bpjs-kesehatan-pendaftaran-mandiri'],
  },
  {
    query: 'kartu identitas anak',
    relevant: ['dukcapil-kia'],
    top3: ['dukcapil-kia'],
    notTop3: ['bank-ntt-pembukaan-rekening', 'disnaker-kartu-ak1'],
  },
  // ── Family card and civil records ──
  {
    query: 'kartu keluarga',
    relevant: ['dukcapil-kartu-keluarga'],
    top3: ['dukcapil-kartu-keluarga'],
    notTop3: ['bank-ntt-pembukaan-rekening', 'disnaker-kartu-ak1', 'djp-pendaftaran-npwp'],
  },
  {
    query: 'kartu keluaga',
    relevant: ['dukcapil-kartu-keluarga'],
    top3: ['dukcapil-kartu-keluarga'],
    notTop3: ['bank-ntt-pembukaan-rekening', 'disnaker-kartu-ak1'],
  },
  {
    query: 'kk',
    relevant: ['dukcapil-kartu-keluarga'],
    top3: ['dukcapil-kartu-keluarga'],
    notTop3: ['imigrasi-paspor-baru', 'polresta-skck-baru', 'bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'tambah anggota keluarga',
    relevant: ['dukcapil-kartu-keluarga'],
    top3: ['dukcapil-kartu-keluarga'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'family card',
    relevant: ['dukcapil-kartu-keluarga'],
    top3: ['dukcapil-kartu-keluarga'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'akta lahir',
    relevant: ['dukcapil-akta-kelahiran'],
    top3: ['dukcapil-akta-kelahiran'],
    notTop3: ['dukcapil-akta-kematian', 'dukcapil-akta-perceraian'],
  },
  {
    query: 'akte lahir',
    relevant: ['dukcapil-akta-kelahiran'],
    top3: ['dukcapil-akta-kelahiran'],
    notTop3: ['dukcapil-akta-kematian', 'dukcapil-akta-perceraian'],
  },
  {
    query: 'akta kelahran',
    relevant: ['dukcapil-akta-kelahiran'],
    top3: ['dukcapil-akta-kelahiran'],
    notTop3: ['dukcapil-akta-perceraian'],
  },
  {
    query: 'birth certificate',
    relevant: ['dukcapil-akta-kelahiran'],
    top3: ['dukcapil-akta-kelahiran'],
    notTop3: ['dukcapil-akta-kematian', 'dukcapil-akta-perceraian', 'bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'akta kematian',
    relevant: ['dukcapil-akta-kematian'],
    top3: ['dukcapil-akta-kematian'],
    notTop3: ['dukcapil-akta-kelahiran', 'dukcapil-akta-perceraian'],
  },
  {
    query: 'surat kematian',
    relevant: ['dukcapil-akta-kematian'],
    top3: ['dukcapil-akta-kematian'],
    notTop3: ['dukcapil-pindah-datang'],
  },
  {
    query: 'death certificate',
    relevant: ['dukcapil-akta-kematian'],
    top3: ['dukcapil-akta-kematian'],
    notTop3: ['dukcapil-akta-kelahiran', 'bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'akta nikah',
    relevant: ['dukcapil-akta-perkawinan', 'kemenag-pendaftaran-nikah'],
    top3: ['dukcapil-akta-perkawinan'],
    notTop3: ['dukcapil-akta-kelahiran', 'dukcapil-akta-kematian'],
  },
  {
    query: 'nikah',
    relevant: ['dukcapil-akta-perkawinan', 'kemenag-pendaftaran-nikah'],
    top3: ['dukcapil-akta-perkawinan', 'kemenag-pendaftaran-nikah'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'buku nikah',
    relevant: ['kemenag-pendaftaran-nikah'],
    top3: ['kemenag-pendaftaran-nikah'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'marriage certificate',
    relevant: ['dukcapil-akta-perkawinan', 'kemenag-pendaftaran-nikah'],
    top3: ['dukcapil-akta-perkawinan'],
    notTop3: ['dukcapil-akta-kelahiran', 'bpn-sertipikat-hilang-rusak'],
  },
  {
    query: 'cerai',
    relevant: ['dukcapil-akta-perceraian'],
    top3: ['dukcapil-akta-perceraian'],
    notTop3: ['dukcapil-akta-kelahiran'],
  },
  {
    query: 'surat pindah',
    relevant: ['dukcapil-pindah-datang'],
    top3: ['dukcapil-pindah-datang'],
    notTop3: ['samsat-mutasi-keluar', 'bpjs-kesehatan-perubahan-data'],
  },
  // ── Police, immigration ──
  {
    query: 'skck',
    relevant: SKCK,
    top3: SKCK,
    notTop3: ['disnaker-kartu-ak1', 'imigrasi-paspor-baru'],
  },
  {
    query: 'surat kelakuan baik',
    relevant: SKCK,
    top3: ['polresta-skck-baru'],
    notTop3: ['dukcapil-pindah-datang', 'dukcapil-akta-kematian'],
  },
  {
    query: 'perpanjang skck',
    relevant: ['polresta-skck-perpanjangan'],
    top3: ['polresta-skck-perpanjangan'],
    notTop3: ['imigrasi-paspor-penggantian', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'police clearance',
    relevant: SKCK,
    top3: ['polresta-skck-baru'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'polisi',
    relevant: SKCK,
    top3: SKCK,
    notTop3: ['dukcapil-ktp-el-baru'],
  },
  {
    query: 'paspor',
    relevant: PASPOR,
    top3: PASPOR,
    notTop3: ['djp-pendaftaran-npwp'],
    never: ['djp-pendaftaran-npwp', 'bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'passport',
    relevant: PASPOR,
    top3: PASPOR,
    notTop3: ['djp-pendaftaran-npwp'],
    never: ['djp-pendaftaran-npwp', 'bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'pasport',
    relevant: PASPOR,
    top3: ['imigrasi-paspor-baru'],
    notTop3: ['djp-pendaftaran-npwp'],
  },
  {
    query: 'perpanjang paspor',
    relevant: ['imigrasi-paspor-penggantian'],
    top3: ['imigrasi-paspor-penggantian'],
    notTop3: ['polresta-skck-perpanjangan', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'imigrasi',
    relevant: PASPOR,
    top3: PASPOR,
    notTop3: ['dukcapil-pindah-datang'],
  },
  // ── Health and work insurance ──
  {
    query: 'bpjs',
    relevant: [...BPJS_KESEHATAN, ...BPJS_TK, 'dinsos-usulan-pbi-jk'],
    top3: ['bpjs-kesehatan-pendaftaran-mandiri'],
    notTop3: ['dukcapil-kartu-keluarga', 'bank-ntt-pembukaan-rekening'],
    never: ['bank-ntt-pembukaan-rekening', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'bpjs kesehatan',
    relevant: [...BPJS_KESEHATAN, 'dinsos-usulan-pbi-jk'],
    top3: ['bpjs-kesehatan-pendaftaran-mandiri'],
    notTop3: BPJS_TK,
  },
  {
    query: 'daftar bpjs',
    relevant: ['bpjs-kesehatan-pendaftaran-mandiri', 'bpjs-kesehatan-bayi-baru-lahir', 'bpjs-ketenagakerjaan-pendaftaran-bpu', 'dinsos-usulan-pbi-jk'],
    top3: ['bpjs-kesehatan-pendaftaran-mandiri'],
    notTop3: ['djp-pendaftaran-npwp', 'kemenag-pendaftaran-nikah'],
  },
  {
    query: 'bpjs gratis',
    relevant: ['dinsos-usulan-pbi-jk'],
    top3: ['dinsos-usulan-pbi-jk'],
    notTop3: ['bpjs-ketenagakerjaan-klaim-jht'],
  },
  {
    query: 'bpjs bayi',
    relevant: ['bpjs-kesehatan-bayi-baru-lahir'],
    top3: ['bpjs-kesehatan-bayi-baru-lahir'],
    notTop3: ['bpjs-ketenagakerjaan-klaim-jht'],
  },
  {
    query: 'pindah faskes',
    relevant: ['bpjs-kesehatan-perubahan-data'],
    top3: ['bpjs-kesehatan-perubahan-data'],
    notTop3: ['dukcapil-pindah-datang', 'samsat-mutasi-keluar'],
  },
  {
    query: 'health insurance',
    relevant: [...BPJS_KESEHATAN, 'dinsos-usulan-pbi-jk'],
    top3: ['bpjs-kesehatan-pendaftaran-mandiri'],
    notTop3: BPJS_TK,
  },
  {
    query: 'pencairan jht',
    relevant: ['bpjs-ketenagakerjaan-klaim-jht'],
    top3: ['bpjs-ketenagakerjaan-klaim-jht'],
    notTop3: ['bpjs-kesehatan-pendaftaran-mandiri'],
  },
  {
    query: 'jamsostek',
    relevant: BPJS_TK,
    top3: BPJS_TK,
    notTop3: ['bpjs-kesehatan-pendaftaran-mandiri'],
  },
  // ── Business, buildings, professions ──
  {
    query: 'izin usaha',
    relevant: ['dpmptsp-nib-oss'],
    top3: ['dpmptsp-nib-oss'],
    notTop3: ['dpmptsp-pbg', 'dpmptsp-sip-nakes'],
  },
  {
    query: 'business license',
    relevant: ['dpmptsp-nib-oss'],
    top3: ['dpmptsp-nib-oss'],
    notTop3: ['dpmptsp-sip-nakes', 'bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'umkm',
    relevant: ['dpmptsp-nib-oss'],
    top3: ['dpmptsp-nib-oss'],
    notTop3: ['dpmptsp-pbg'],
  },
  {
    query: 'imb',
    relevant: ['dpmptsp-pbg'],
    top3: ['dpmptsp-pbg'],
    notTop3: ['dpmptsp-nib-oss'],
  },
  {
    query: 'building permit',
    relevant: ['dpmptsp-pbg'],
    top3: ['dpmptsp-pbg'],
    notTop3: ['bapenda-mutasi-pbb'],
  },
  {
    query: 'izin praktik dokter',
    relevant: ['dpmptsp-sip-nakes'],
    top3: ['dpmptsp-sip-nakes'],
    notTop3: ['dpmptsp-pbg', 'dpmptsp-nib-oss'],
  },
  {
    query: 'kartu kuning',
    relevant: ['disnaker-kartu-ak1'],
    top3: ['disnaker-kartu-ak1'],
    notTop3: ['dukcapil-kartu-keluarga', 'bank-ntt-pembukaan-rekening'],
  },
  {
    query: 'cari kerja',
    relevant: ['disnaker-kartu-ak1'],
    top3: ['disnaker-kartu-ak1'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
  },
  // ── Land, taxes, vehicles ──
  {
    query: 'sertifikat tanah',
    relevant: BPN,
    top3: BPN,
    notTop3: ['dukcapil-akta-kelahiran'],
  },
  {
    query: 'sertifkat tanah',
    relevant: BPN,
    top3: ['bpn-sertipikat-hilang-rusak'],
    notTop3: ['dukcapil-akta-kelahiran'],
  },
  {
    query: 'sertifikat hilang',
    relevant: ['bpn-sertipikat-hilang-rusak'],
    top3: ['bpn-sertipikat-hilang-rusak'],
    notTop3: ['dukcapil-ktp-el-hilang-rusak'],
  },
  {
    query: 'pbb',
    relevant: ['bapenda-mutasi-pbb'],
    top3: ['bapenda-mutasi-pbb'],
    notTop3: ['djp-pendaftaran-npwp', 'samsat-stnk-5-tahunan'],
  },
  {
    query: 'bphtb',
    relevant: ['bapenda-validasi-bphtb'],
    top3: ['bapenda-validasi-bphtb'],
    notTop3: ['djp-pendaftaran-npwp'],
  },
  {
    query: 'npwp',
    relevant: ['djp-pendaftaran-npwp'],
    top3: ['djp-pendaftaran-npwp'],
    notTop3: ['bank-ntt-pembukaan-rekening'],
    never: ['bank-ntt-pembukaan-rekening', 'dukcapil-ktp-el-baru'],
  },
  {
    query: 'lapor spt',
    relevant: ['djp-asistensi-spt'],
    top3: ['djp-asistensi-spt'],
    notTop3: ['samsat-stnk-5-tahunan', 'bapenda-mutasi-pbb'],
  },
  {
    query: 'tax number',
    relevant: ['djp-pendaftaran-npwp'],
    top3: ['djp-pendaftaran-npwp'],
    notTop3: ['samsat-stnk-5-tahunan'],
  },
  {
    query: 'stnk',
    relevant: ['samsat-stnk-5-tahunan'],
    top3: ['samsat-stnk-5-tahunan'],
    notTop3: ['dukcapil-ktp-el-baru'],
  },
  {
    query: 'pajak motor',
    relevant: ['samsat-stnk-5-tahunan'],
    top3: ['samsat-stnk-5-tahunan'],
    notTop3: ['djp-asistensi-spt', 'djp-pendaftaran-npwp', 'bapenda-mutasi-pbb'],
  },
  {
    query: 'ganti plat nomor',
    relevant: ['samsat-stnk-5-tahunan'],
    top3: ['samsat-stnk-5-tahunan'],
    notTop3: ['dukcapil-ktp-el-perubahan-data'],
  },
  {
    query: 'mutasi motor',
    relevant: ['samsat-mutasi-keluar'],
    top3: ['samsat-mutasi-keluar'],
    notTop3: ['bapenda-mutasi-pbb', 'dukcapil-pindah-datang'],
  },
  // ── Bank ──
  {
    query: 'buka rekening',
    relevant: ['bank-ntt-pembukaan-rekening'],
    top3: ['bank-ntt-pembukaan-rekening'],
    notTop3: ['bpjs-ketenagakerjaan-klaim-jht'],
  },
  {
    query: 'savings account',
    relevant: ['bank-ntt-pembukaan-rekening'],
    top3: ['bank-ntt-pembukaan-rekening'],
    notTop3: ['bpjs-ketenagakerjaan-klaim-jht', 'djp-asistensi-spt'],
  },
];
