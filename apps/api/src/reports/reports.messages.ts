import type { LocalizedText } from '@mpp/contracts';
import { MAX_REPORT_DAYS } from '@mpp/domain';

/** The reports' refusals, in Bahasa Indonesia and English. */
export const ReportsMessages = {
  rangeOrder: { id: 'Tanggal "to" tidak boleh sebelum tanggal "from".', en: 'The "to" date may not be before the "from" date.' },
  rangeTooLong: {
    id: `Satu laporan mencakup paling lama ${MAX_REPORT_DAYS} hari; pilih periode yang lebih pendek.`,
    en: `One report covers at most ${MAX_REPORT_DAYS} days; choose a shorter period.`,
  },
  agencyNotAtSite: { id: 'Instansi ini tidak ada di MPP yang dipilih.', en: 'This agency is not at the chosen site.' },
  agencyAdminOwnAgency: {
    id: 'Admin instansi hanya dapat melihat kinerja instansinya sendiri.',
    en: "An agency admin may only see their own agency's performance.",
  },
  agencyAdminOtherSite: {
    id: 'Instansi Anda tidak berada di MPP ini.',
    en: 'Your agency is not at this site.',
  },
} satisfies Record<string, LocalizedText>;
