import type { CompletionTimeUnit, ProcedureStep } from '@mpp/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { SiteEntity } from './site.entity';

/** A service with its service standard (Standar Pelayanan) and queue settings. */
@Entity('service')
@Unique('uq_service_site_code', ['siteId', 'code'])
@Index('ix_service_agency', ['agencyId'])
@Index('ix_service_search_vector', ['searchVector'], { type: 'gin' })
// gin (search_text gin_trgm_ops): an operator class TypeORM cannot express, so it leaves the index alone.
@Index('ix_service_search_text_trgm', { synchronize: false })
@Check('ck_service_completion_positive', `completion_time_value > 0`)
@Check('ck_service_completion_unit', `completion_time_unit IN ('minutes', 'working_days', 'calendar_days')`)
@Check('ck_service_completion_both', `(completion_time_value IS NULL) = (completion_time_unit IS NULL)`)
@Check('ck_service_fee_amount', `fee_amount >= 0`)
@Check('ck_service_fee_free', `NOT fee_free OR fee_amount = 0`)
@Check('ck_service_ticket_prefix', `ticket_prefix ~ '^[A-Z]$'`)
@Check('ck_service_expected_minutes', `expected_service_minutes BETWEEN 1 AND 480`)
@Check('ck_service_daily_quota', `daily_quota IS NULL OR daily_quota > 0`)
@Check('ck_service_booking_slot_minutes', `booking_slot_minutes BETWEEN 5 AND 240`)
@Check('ck_service_booking_slot_capacity', `booking_slot_capacity BETWEEN 1 AND 500`)
@Check('ck_service_booking_days_ahead', `booking_days_ahead BETWEEN 1 AND 90`)
@Check('ck_service_booking_cutoff', `booking_cutoff_minutes BETWEEN 0 AND 2880`)
@Check('ck_service_booking_walk_in_share', `booking_walk_in_share BETWEEN 0 AND 100`)
@Check('ck_service_requirements_version', `requirements_version >= 1`)
@Check('ck_service_max_upload_mb', `max_upload_mb BETWEEN 1 AND 50`)
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => SiteEntity)
  siteId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => AgencyEntity)
  agencyId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'varchar', length: 300 })
  summary!: string;

  @Column({ type: 'varchar', length: 300 })
  summaryEn!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  descriptionEn!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  synonyms!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  procedure!: ProcedureStep[];

  /**
   * The service standard's completion time; both null when it states none (the legal default
   * applies then: serviceCompletionTime() and LEGAL_DEFAULT_COMPLETION_TIME).
   */
  @Column({ type: 'integer', nullable: true })
  completionTimeValue!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  completionTimeUnit!: CompletionTimeUnit | null;

  @Column({ type: 'text', nullable: true })
  completionTimeNote!: string | null;

  @Column({ type: 'boolean' })
  feeFree!: boolean;

  /** Rupiah. bigint arrives from pg as a string; the transformer keeps it a number (fees fit easily). */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) } })
  feeAmount!: number;

  @Column({ type: 'text', nullable: true })
  feeLegalBasis!: string | null;

  @Column({ type: 'text', nullable: true })
  feeNote!: string | null;

  @Column({ type: 'text' })
  product!: string;

  @Column({ type: 'text', nullable: true })
  productEn!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  legalBasis!: string[];

  @Column({ type: 'text' })
  complaintChannel!: string;

  @Column({ type: 'char', length: 1 })
  ticketPrefix!: string;

  @Column({ type: 'integer' })
  expectedServiceMinutes!: number;

  @Column({ type: 'boolean', default: true })
  walkInEnabled!: boolean;

  @Column({ type: 'boolean', default: true })
  onlineBookingEnabled!: boolean;

  /** Citizens may take a ticket from home ("antrean daring", docs/queue.md); off until the service opts in. */
  @Column({ type: 'boolean', default: false })
  onlineTicketEnabled!: boolean;

  @Column({ type: 'integer', nullable: true })
  dailyQuota!: number | null;

  /** Online booking: slot length, seats per slot, how far ahead, cut-off, share kept for walk-ins (%). */
  @Column({ type: 'integer', default: 30 })
  bookingSlotMinutes!: number;

  @Column({ type: 'integer', default: 4 })
  bookingSlotCapacity!: number;

  @Column({ type: 'integer', default: 14 })
  bookingDaysAhead!: number;

  @Column({ type: 'integer', default: 60 })
  bookingCutoffMinutes!: number;

  @Column({ type: 'integer', default: 30 })
  bookingWalkInShare!: number;

  /**
   * The version of the requirement set (service_requirement rows), raised by each edit that adds,
   * changes, reorders or removes a requirement; an application records the version it was made against.
   */
  @Column({ type: 'integer', default: 1 })
  requirementsVersion!: number;

  /** Whether citizens (and officers for walk-ins) may open digital applications for the service. */
  @Column({ type: 'boolean', default: true })
  applicationsEnabled!: boolean;

  /** The largest document an application of this service takes, in MB (1–50); the portal checks it before uploading. */
  @Column({ type: 'integer', default: 20 })
  maxUploadMb!: number;

  /**
   * Search columns, written only by CatalogueRepository's SQL (it folds the names, synonyms and
   * agency): never read, inserted or updated through the entity.
   */
  @Column({ type: 'tsvector', default: () => "''", select: false, insert: false, update: false })
  searchVector?: never;

  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  searchText?: never;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
