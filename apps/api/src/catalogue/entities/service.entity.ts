import type { CompletionTimeUnit, ProcedureStep } from '@mpp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A service with its service standard (Standar Pelayanan) and queue settings. */
@Entity('service')
@Index('uq_service_site_code', ['siteId', 'code'], { unique: true })
export class ServiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @Column({ type: 'uuid' })
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

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  procedure!: ProcedureStep[];

  @Column({ type: 'integer' })
  completionTimeValue!: number;

  @Column({ type: 'varchar', length: 16 })
  completionTimeUnit!: CompletionTimeUnit;

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

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
