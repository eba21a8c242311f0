import type { LocalizedText, SiteFacility } from '@mpp/contracts';

/** What each facility key means to a visitor, Indonesian and English (the portal's site page and the admin's form). */
export const FACILITY_LABELS: Readonly<Record<SiteFacility, LocalizedText>> = {
  laktasi: { id: 'Ruang laktasi (menyusui)', en: 'Nursing room (laktasi)' },
  ramah_anak: { id: 'Ruang bermain anak', en: "Children's play corner" },
  jalur_disabilitas: { id: 'Jalur dan akses untuk penyandang disabilitas', en: 'Step-free access for people with disabilities' },
  kursi_roda: { id: 'Kursi roda untuk dipinjam', en: 'Wheelchairs to borrow' },
  toilet_disabilitas: { id: 'Toilet untuk penyandang disabilitas', en: 'Accessible toilet' },
  juru_bahasa_isyarat: { id: 'Juru bahasa isyarat', en: 'Sign-language interpreter' },
  ruang_tunggu_prioritas: { id: 'Ruang tunggu prioritas (lansia, ibu hamil, disabilitas)', en: 'Priority waiting area (elderly, pregnant, disabled)' },
  ruang_curhat_bestie: { id: 'Ruang Curhat Bestie: tempat menyampaikan keluhan dan masukan', en: 'Ruang Curhat Bestie: a room to be heard with complaints and suggestions' },
};
