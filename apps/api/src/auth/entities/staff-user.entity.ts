import type { StaffRole } from '@mpp/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('staff_user')
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 160 })
  fullName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: StaffRole;

  @Column({ type: 'uuid', nullable: true })
  siteId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  agencyId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
