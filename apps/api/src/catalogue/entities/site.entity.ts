import type { CallingMode, OpeningHours, SiteFacility } from '@mpp/contracts';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** Constraints as the migrations made them (names and expressions): see docs/database.md. */
@Entity('site')
@Unique('uq_site_code', ['code'])
@Check('ck_site_queue_mode', `queue_mode IN ('priority_first', 'interleave')`)
@Check('ck_site_queue_interleave', `queue_interleave_every BETWEEN 1 AND 50`)
@Check('ck_site_queue_max_recalls', `queue_max_recalls BETWEEN 0 AND 10`)
@Check('ck_site_checkin_early', `checkin_early_minutes BETWEEN 0 AND 240`)
@Check('ck_site_checkin_late', `checkin_late_minutes BETWEEN 0 AND 240`)
@Check('ck_site_checkin_late_policy', `checkin_late_policy IN ('walk_in', 'refuse')`)
@Check('ck_site_booking_weekly_limit', `booking_weekly_limit BETWEEN 1 AND 50`)
@Check('ck_site_application_file_retention_days', `application_file_retention_days BETWEEN 30 AND 3650`)
@Check(
  'ck_site_facilities',
  `facilities <@ ARRAY['laktasi', 'ramah_anak', 'jalur_disabilitas', 'kursi_roda', 'toilet_disabilitas', 'juru_bahasa_isyarat', 'ruang_tunggu_prioritas', 'ruang_curhat_bestie']::text[]`,
)
export class SiteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  @Column({ type: 'varchar', length: 120 })
  city!: string;

  @Column({ type: 'varchar', length: 120 })
  province!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  openingHours!: OpeningHours[];

  @Column({ type: 'boolean', default: true })
  closesOnCutiBersama!: boolean;

  /** Facilities for visitors, as SITE_FACILITIES keys (libs/contracts), each at most once. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  facilities!: SiteFacility[];

  /** Calling policy (docs/domain.md §3: configuration, not law). */
  @Column({ type: 'varchar', length: 16, default: 'priority_first' })
  queueMode!: CallingMode;

  @Column({ type: 'integer', default: 3 })
  queueInterleaveEvery!: number;

  @Column({ type: 'boolean', default: false })
  queueAllowPick!: boolean;

  @Column({ type: 'integer', default: 3 })
  queueMaxRecalls!: number;

  /** Check-in at the kiosk: from this many minutes before a booked slot to this many after. */
  @Column({ type: 'integer', default: 30 })
  checkinEarlyMinutes!: number;

  @Column({ type: 'integer', default: 15 })
  checkinLateMinutes!: number;

  /** A late booking becomes a walk-in ticket, or is refused. */
  @Column({ type: 'varchar', length: 8, default: 'walk_in' })
  checkinLatePolicy!: 'walk_in' | 'refuse';

  @Column({ type: 'integer', default: 3 })
  bookingWeeklyLimit!: number;

  /**
   * Files of finished applications (done, withdrawn, expired) are deleted this many days after the
   * application's last change (30–3650); the rows and the trail stay (docs/applications.md).
   */
  @Column({ type: 'integer', default: 365 })
  applicationFileRetentionDays!: number;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
