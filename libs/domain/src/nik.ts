/**
 * NIK (Nomor Induk Kependudukan), the 16-digit population number on the KTP-el and the Kartu
 * Keluarga (docs/domain.md §5):
 *
 *   PP KK CC DDMMYY SSSS
 *   │  │  │  │      └ serial, 0001–9999
 *   │  │  │  └ birth date; women add 40 to the day (41–71)
 *   │  │  └ district (kecamatan)
 *   │  └ regency or city (kabupaten/kota)
 *   └ province
 *
 * The NIK never changes when its holder moves, so the area is where it was issued.
 * Only the structure can be checked here; whether a NIK exists is for Dukcapil to say.
 */
import type { LocalizedText } from '@mpp/contracts';
import { daysInMonth, localDate } from './calendar';

export type NikInvalidReason = 'empty' | 'digits' | 'length' | 'province' | 'area' | 'birth_date' | 'serial';

export interface ValidNik {
  valid: true;
  /** The 16 digits, without the spaces the citizen may have typed. */
  nik: string;
  /** 2 digits, e.g. "53" (Nusa Tenggara Timur). */
  provinceCode: string;
  /** 4 digits, province + regency/city, e.g. "5371" (Kota Kupang). */
  regencyCode: string;
  /** 6 digits, the area code: province + regency/city + district, e.g. "537101". */
  districtCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'female' | 'male';
  /** 4 digits, "0001"–"9999". */
  serial: string;
}

export interface InvalidNik {
  valid: false;
  reason: NikInvalidReason;
}

export type NikParseResult = ValidNik | InvalidNik;

/**
 * Province codes in use (Kemendagri), including the Papua provinces formed in 2022
 * (92 Papua Barat predates them; 93–96 are new). A NIK issued before a province was split keeps
 * its old code, so 91 stays common in the new provinces.
 */
export const NIK_PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'Daerah Istimewa Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
};

/** What to tell the citizen or officer for each reason, Indonesian first. */
export const NIK_MESSAGES: Readonly<Record<NikInvalidReason, LocalizedText>> = {
  empty: {
    id: 'NIK wajib diisi. NIK tertera pada KTP-el atau Kartu Keluarga.',
    en: 'The NIK is required. It is printed on the KTP-el (ID card) and the family card (Kartu Keluarga).',
  },
  digits: {
    id: 'NIK hanya boleh berisi angka 0–9.',
    en: 'The NIK may contain only the digits 0–9.',
  },
  length: {
    id: 'NIK harus 16 digit angka. Periksa kembali jumlah digitnya.',
    en: 'The NIK must be 16 digits. Please check the number of digits.',
  },
  province: {
    id: 'Dua digit pertama NIK bukan kode provinsi yang dikenal. Periksa kembali NIK Anda.',
    en: 'The first two digits of the NIK are not a known province code. Please check the NIK.',
  },
  area: {
    id: 'Kode kabupaten/kota atau kecamatan pada NIK (digit 3–6) tidak boleh 00. Periksa kembali NIK Anda.',
    en: 'The regency/city or district code in the NIK (digits 3–6) cannot be 00. Please check the NIK.',
  },
  birth_date: {
    id: 'Digit 7–12 NIK bukan tanggal lahir yang valid (tanggal, bulan, tahun; untuk perempuan tanggal ditambah 40). Periksa kembali NIK Anda.',
    en: 'Digits 7–12 of the NIK are not a valid birth date (day, month, year; for women the day is increased by 40). Please check the NIK.',
  },
  serial: {
    id: 'Empat digit terakhir NIK tidak boleh 0000. Periksa kembali NIK Anda.',
    en: 'The last four digits of the NIK cannot be 0000. Please check the NIK.',
  },
};

/**
 * The zone whose calendar decides "today" for the century rule. Jayapura (UTC+9) is the first in
 * Indonesia to reach a new date, so a child born today anywhere in the country is never taken for
 * someone born a hundred years ago.
 */
const LATEST_INDONESIAN_ZONE = 'Asia/Jayapura';

const invalid = (reason: NikInvalidReason): InvalidNik => ({ valid: false, reason });

/**
 * Checks a NIK and reads the area, birth date and sex it encodes. Spaces are ignored
 * ("5371 0123 4567 0001" is accepted). The two-digit year is taken in the 2000s unless that would
 * put the birth date after `today` (default: now), in which case the 1900s are used.
 */
export function parseNik(input: string, today: Date = new Date()): NikParseResult {
  const nik = typeof input === 'string' ? input.replace(/\s+/g, '') : '';
  if (nik.length === 0) return invalid('empty');
  if (!/^\d+$/.test(nik)) return invalid('digits');
  if (nik.length !== 16) return invalid('length');

  const provinceCode = nik.slice(0, 2);
  if (!(provinceCode in NIK_PROVINCE_NAMES)) return invalid('province');
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') return invalid('area');

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const female = encodedDay > 40;
  const day = female ? encodedDay - 40 : encodedDay;
  if (day < 1 || day > 31 || month < 1 || month > 12) return invalid('birth_date');

  const todayLocal = localDate(today, LATEST_INDONESIAN_ZONE);
  const candidate = (century: number): string =>
    `${century + yy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Same-width ISO strings compare like dates, and neither need exist for the comparison.
  const year = candidate(2000) <= todayLocal ? 2000 + yy : 1900 + yy;
  if (day > daysInMonth(year, month)) return invalid('birth_date');

  const serial = nik.slice(12, 16);
  if (serial === '0000') return invalid('serial');

  return {
    valid: true,
    nik,
    provinceCode,
    regencyCode: nik.slice(0, 4),
    districtCode: nik.slice(0, 6),
    birthDate: candidate(year - yy),
    sex: female ? 'female' : 'male',
    serial,
  };
}

/**
 * Masks a NIK for display to staff and on screens: the first 4 digits (province and
 * regency/city) and the last 4 (serial) stay, the 8 between are hidden:
 * "5371012345670001" → "5371********0001".
 *
 * Why these digits: the district and the birth date (with sex) in the middle are personal data
 * (UU 27/2022 on personal data protection); the regency and serial let an officer match the KTP-el
 * in front of them without reading out the whole number. Anything that is not 16 digits (spaces
 * ignored) is masked completely, so a typo never leaks.
 */
export function maskNik(nik: string): string {
  const digits = typeof nik === 'string' ? nik.replace(/\s+/g, '') : '';
  if (!/^\d{16}$/.test(digits)) return '*'.repeat(16);
  return `${digits.slice(0, 4)}${'*'.repeat(8)}${digits.slice(12)}`;
}
