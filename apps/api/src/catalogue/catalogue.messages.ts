import type { LocalizedText } from '@mpp/contracts';

export const CatalogueMessages = {
  siteNotFound: (code: string): LocalizedText => ({
    id: `MPP dengan kode "${code}" tidak ditemukan. Lihat daftar di /api/v1/sites.`,
    en: `No site with code "${code}". See the list at /api/v1/sites.`,
  }),
  agencyNotFound: (ref: string): LocalizedText => ({
    id: `Instansi "${ref}" tidak ditemukan.`,
    en: `Agency "${ref}" not found.`,
  }),
  serviceNotFound: (id: string): LocalizedText => ({
    id: `Layanan "${id}" tidak ditemukan atau sudah tidak tersedia.`,
    en: `Service "${id}" not found or no longer offered.`,
  }),
  agencyFilterNeedsSite: {
    id: 'Filter instansi (agency) harus disertai kode MPP (site).',
    en: 'The agency filter needs a site code (site) too.',
  },
  retired: (what: LocalizedText): LocalizedText => ({
    id: `${what.id} sudah dinonaktifkan dan tidak dapat diubah.`,
    en: `${what.en} has been retired and cannot be changed.`,
  }),
  requirementsChanged: (expected: number, current: number): LocalizedText => ({
    id: `Persyaratan layanan ini sudah diubah sejak versi ${expected} yang Anda buka (kini versi ${current}). Muat ulang layanan, lalu ulangi perubahan Anda.`,
    en: `This service's requirements have changed since version ${expected} you opened (now version ${current}). Reload the service, then make your change again.`,
  }),
};
