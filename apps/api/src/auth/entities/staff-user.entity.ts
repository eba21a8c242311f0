import type { StaffRole } from '@mpp/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity('staff_user')
@Unique('uq_staff_user_email', ['email'])
@Check('ck_staff_user_email_lower', `email = lower(email)`)
@Check(
  'ck_staff_user_scope',
  `(role = 'system_admin' AND site_id IS NULL AND agency_id IS NULL) OR
   (role = 'site_admin' AND site_id IS NOT NULL AND agency_id IS NULL) OR
   (role IN ('agency_admin', 'officer') AND site_id IS NOT NULL AND agency_id IS NOT NULL)`,
)
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 160 })
  fullName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: StaffRole;

  @Column({ type: 'uuid', nullable: true })
  // The catalogue's tables by name: auth imports nothing of the catalogue.
  @ForeignKey('site')
  siteId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('agency')
  agencyId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Raised by a password change or disabling: every token issued before it ends (AddSessionVersion). */
  @Column({ type: 'integer', default: 1 })
  sessionVersion!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /**
   * An administrator's TOTP secret (base32), encrypted with PiiCipher under DATA_KEY; never in
   * clear, never returned after enrolment. Set while enrolling, confirmed when totpEnrolledAt is set
   * (AddStaffTotp); both cleared by a reset.
   */
  @Column({ type: 'text', nullable: true })
  totpSecretCipher!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpEnrolledAt!: Date | null;

  /** The last time step whose code was accepted: that step and earlier ones are refused (no replay). */
  @Column({ type: 'integer', nullable: true })
  totpLastStep!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
