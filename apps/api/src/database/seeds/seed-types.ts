import type {
  CompletionTime,
  DocumentForm,
  Fee,
  OpeningHours,
  ProcedureStep,
  QueueSettings,
  SiteFacility,
  UploadableFileType,
} from '@mpp/contracts';

/** Shapes of the seed catalogue. Codes are lowercase slugs: ^[a-z0-9]+(-[a-z0-9]+)*$ */

export interface SeedRequirement {
  name: string;
  nameEn?: string;
  description?: string;
  /** Defaults to true. */
  mandatory?: boolean;
  form: DocumentForm;
  /** Defaults to false; when true, fileTypes says what may be uploaded. */
  uploadable?: boolean;
  fileTypes?: UploadableFileType[];
}

export interface SeedService {
  /** Unique within the site, e.g. "dukcapil-ktp-el-baru". */
  code: string;
  name: string;
  nameEn: string;
  /** One sentence for the service list. */
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  /** Words citizens type that are not in the name: abbreviations, old names, colloquial terms. */
  synonyms: string[];
  requirements: SeedRequirement[];
  procedure: ProcedureStep[];
  completionTime: CompletionTime;
  fee: Fee;
  product: string;
  productEn?: string;
  legalBasis: string[];
  complaintChannel: string;
  queue: QueueSettings;
}

export interface SeedAgency {
  /** Unique within the site, e.g. "dukcapil". */
  code: string;
  name: string;
  shortName: string;
  description: string;
  contactPhone?: string;
  contactEmail?: string;
  website?: string;
  services: SeedService[];
}

export interface SeedSite {
  /** e.g. "kota-kupang". */
  code: string;
  name: string;
  city: string;
  province: string;
  address: string;
  /** IANA zone. */
  timeZone: string;
  phone?: string;
  email?: string;
  closesOnCutiBersama: boolean;
  openingHours: OpeningHours[];
  localClosures?: { date: string; name: string }[];
  /** Facilities for visitors (SITE_FACILITIES keys); set when the site is first seeded, then the site admin's. */
  facilities?: SiteFacility[];
  agencies: SeedAgency[];
}
