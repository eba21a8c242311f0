import type {
  AgencyResponse,
  BookingSettings,
  CompletionTimeUnit,
  DocumentForm,
  Fee,
  ProcedureStep,
  QueueSettings,
  ServiceResponse,
  UploadableFileType,
} from '@mpp/contracts';

/** One requirement row of the form; `id` is the API's (kept across edits), `key` only tracks the row. */
export interface RequirementDraft {
  key: number;
  id: string | null;
  name: string;
  nameEn: string;
  description: string;
  mandatory: boolean;
  form: DocumentForm;
  uploadable: boolean;
  fileTypes: UploadableFileType[];
}

/** The service standard as the form holds it (lists as text, one entry a line, where that reads well). */
export interface ServiceDraft {
  code: string;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  /** Comma-separated. */
  synonyms: string;
  requirements: RequirementDraft[];
  /** One step a line; the English lines pair with them by position. */
  procedure: string;
  procedureEn: string;
  completionStated: boolean;
  completionValue: number;
  completionUnit: CompletionTimeUnit;
  completionNote: string;
  feeFree: boolean;
  feeAmount: number;
  feeLegalBasis: string;
  feeNote: string;
  product: string;
  productEn: string;
  /** One regulation a line. */
  legalBasis: string;
  complaintChannel: string;
  ticketPrefix: string;
  expectedServiceMinutes: number;
  walkInEnabled: boolean;
  onlineBookingEnabled: boolean;
  onlineTicketEnabled: boolean;
  /** Empty: no daily limit. */
  dailyQuota: string;
  booking: BookingSettings;
  applicationsEnabled: boolean;
  maxUploadMb: number;
}

/** What POST/PATCH /admin/…/services take (CreateServiceDto without the code). */
export interface ServiceBody {
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  synonyms: string[];
  requirements: {
    id?: string;
    name: string;
    nameEn: string | null;
    description: string | null;
    mandatory: boolean;
    form: DocumentForm;
    uploadable: boolean;
    fileTypes: UploadableFileType[];
  }[];
  procedure: { text: string; textEn: string | null }[];
  completionTime: { value: number; unit: CompletionTimeUnit; note: string | null } | null;
  fee: Fee;
  product: string;
  productEn?: string;
  legalBasis: string[];
  complaintChannel: string;
  queue: QueueSettings;
  booking: BookingSettings;
  applicationsEnabled: boolean;
  maxUploadMb: number;
}

export interface AgencyDraft {
  code: string;
  name: string;
  shortName: string;
  description: string;
  contactPhone: string;
  contactEmail: string;
  website: string;
}

/** What PATCH /admin/agencies/{id} takes; an emptied optional field is sent as null (cleared). */
export interface AgencyBody {
  name: string;
  shortName: string;
  description: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  website: string | null;
}

let nextKey = 1;

export function newRequirement(): RequirementDraft {
  return { key: nextKey++, id: null, name: '', nameEn: '', description: '', mandatory: true, form: 'original', uploadable: false, fileTypes: [] };
}

/** The API's defaults for a new service (BookingSettingsDto ranges; no quota; walk-ins on). */
export function emptyServiceDraft(): ServiceDraft {
  return {
    code: '',
    name: '',
    nameEn: '',
    summary: '',
    summaryEn: '',
    description: '',
    descriptionEn: '',
    synonyms: '',
    requirements: [newRequirement()],
    procedure: '',
    procedureEn: '',
    completionStated: true,
    completionValue: 1,
    completionUnit: 'working_days',
    completionNote: '',
    feeFree: true,
    feeAmount: 0,
    feeLegalBasis: '',
    feeNote: '',
    product: '',
    productEn: '',
    legalBasis: '',
    complaintChannel: '',
    ticketPrefix: '',
    expectedServiceMinutes: 15,
    walkInEnabled: true,
    onlineBookingEnabled: false,
    onlineTicketEnabled: false,
    dailyQuota: '',
    booking: { slotMinutes: 30, slotCapacity: 1, daysAhead: 14, cutoffMinutes: 60, walkInSharePercent: 50 },
    applicationsEnabled: true,
    maxUploadMb: 20,
  };
}

export function serviceDraftOf(s: ServiceResponse): ServiceDraft {
  const stated = s.completionTimeSource === 'service';
  return {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    summary: s.summary,
    summaryEn: s.summaryEn,
    description: s.description,
    descriptionEn: s.descriptionEn,
    synonyms: s.synonyms.join(', '),
    requirements: s.requirements.map((r) => ({
      key: nextKey++,
      id: r.id,
      name: r.name,
      nameEn: r.nameEn ?? '',
      description: r.description ?? '',
      mandatory: r.mandatory,
      form: r.form,
      uploadable: r.uploadable,
      fileTypes: [...r.fileTypes],
    })),
    procedure: s.procedure.map((p) => p.text).join('\n'),
    procedureEn: s.procedure.map((p) => p.textEn ?? '').join('\n'),
    completionStated: stated,
    completionValue: s.completionTime.value,
    completionUnit: s.completionTime.unit,
    completionNote: stated ? (s.completionTime.note ?? '') : '',
    feeFree: s.fee.free,
    feeAmount: s.fee.amount,
    feeLegalBasis: s.fee.legalBasis ?? '',
    feeNote: s.fee.note ?? '',
    product: s.product,
    productEn: s.productEn ?? '',
    legalBasis: s.legalBasis.join('\n'),
    complaintChannel: s.complaintChannel,
    ticketPrefix: s.queue.ticketPrefix,
    expectedServiceMinutes: s.queue.expectedServiceMinutes,
    walkInEnabled: s.queue.walkInEnabled,
    onlineBookingEnabled: s.queue.onlineBookingEnabled,
    onlineTicketEnabled: s.queue.onlineTicketEnabled,
    dailyQuota: s.queue.dailyQuota === null ? '' : String(s.queue.dailyQuota),
    booking: { ...s.booking },
    applicationsEnabled: s.applicationsEnabled,
    maxUploadMb: s.maxUploadMb,
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function procedureOf(d: ServiceDraft): ProcedureStep[] {
  const en = d.procedureEn.split('\n').map((l) => l.trim());
  const id = d.procedure.split('\n').map((l) => l.trim());
  return id.map((text, i) => ({ text, textEn: orNull(en[i] ?? '') })).filter((p) => p.text !== '');
}

/** The body the API validates; nothing is checked here that the API does not check itself. */
export function serviceBodyOf(d: ServiceDraft): ServiceBody {
  const quota = d.dailyQuota.trim();
  const body: ServiceBody = {
    name: d.name.trim(),
    nameEn: d.nameEn.trim(),
    summary: d.summary.trim(),
    summaryEn: d.summaryEn.trim(),
    description: d.description.trim(),
    descriptionEn: d.descriptionEn.trim(),
    synonyms: d.synonyms
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    requirements: d.requirements.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name.trim(),
      nameEn: orNull(r.nameEn),
      description: orNull(r.description),
      mandatory: r.mandatory,
      form: r.form,
      uploadable: r.uploadable,
      fileTypes: r.uploadable ? r.fileTypes : [],
    })),
    procedure: procedureOf(d),
    completionTime: d.completionStated ? { value: Number(d.completionValue), unit: d.completionUnit, note: orNull(d.completionNote) } : null,
    fee: { free: d.feeFree, amount: d.feeFree ? 0 : Number(d.feeAmount), legalBasis: orNull(d.feeLegalBasis), note: orNull(d.feeNote) },
    product: d.product.trim(),
    legalBasis: lines(d.legalBasis),
    complaintChannel: d.complaintChannel.trim(),
    queue: {
      ticketPrefix: d.ticketPrefix.trim(),
      expectedServiceMinutes: Number(d.expectedServiceMinutes),
      walkInEnabled: d.walkInEnabled,
      onlineBookingEnabled: d.onlineBookingEnabled,
      onlineTicketEnabled: d.onlineTicketEnabled,
      dailyQuota: quota === '' ? null : Number(quota),
    },
    booking: {
      slotMinutes: Number(d.booking.slotMinutes),
      slotCapacity: Number(d.booking.slotCapacity),
      daysAhead: Number(d.booking.daysAhead),
      cutoffMinutes: Number(d.booking.cutoffMinutes),
      walkInSharePercent: Number(d.booking.walkInSharePercent),
    },
    applicationsEnabled: d.applicationsEnabled,
    maxUploadMb: Number(d.maxUploadMb),
  };
  if (d.productEn.trim() !== '') body.productEn = d.productEn.trim();
  return body;
}

export function emptyAgencyDraft(): AgencyDraft {
  return { code: '', name: '', shortName: '', description: '', contactPhone: '', contactEmail: '', website: '' };
}

export function agencyDraftOf(a: AgencyResponse): AgencyDraft {
  return {
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    description: a.description ?? '',
    contactPhone: a.contactPhone ?? '',
    contactEmail: a.contactEmail ?? '',
    website: a.website ?? '',
  };
}

export function agencyBodyOf(d: AgencyDraft): AgencyBody {
  return {
    name: d.name.trim(),
    shortName: d.shortName.trim(),
    description: orNull(d.description),
    contactPhone: orNull(d.contactPhone),
    contactEmail: orNull(d.contactEmail),
    website: orNull(d.website),
  };
}

/** Moves the row at `index` by `delta` (−1 up, +1 down); the ids travel with their rows. */
export function moveRow<T>(rows: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return rows;
  const copy = [...rows];
  const [row] = copy.splice(index, 1);
  copy.splice(to, 0, row);
  return copy;
}
