import type { LocalizedText } from '@mpp/contracts';

/** The red flags' refusals, each in Indonesian and English, saying what to do. */
export const RedFlagMessages = {
  siteNotFound: (code: string): LocalizedText => ({
    id: `MPP dengan kode "${code}" tidak ditemukan. Periksa kode MPP (mis. kota-kupang).`,
    en: `No site has the code "${code}". Check the site code (e.g. kota-kupang).`,
  }),
  noSummaryRecipient: {
    id: 'Ringkasan harian dikirim ke admin MPP, tetapi MPP ini belum punya admin MPP aktif. Buat akun admin MPP terlebih dahulu, atau kosongkan jam ringkasan (summaryHour: null).',
    en: 'The daily summary goes to the site admins, but this site has no active site admin. Create a site admin account first, or switch the summary off (summaryHour: null).',
  },
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;
