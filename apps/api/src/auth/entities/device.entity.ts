import type { DeviceKind } from '@mpp/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity';

/** A kiosk or hall display: a long-lived, revocable token bound to one site. Only its hash is kept. */
@Entity('device')
@Unique('uq_device_token_hash', ['tokenHash'])
@Index('ix_device_site', ['siteId'])
@Check('ck_device_kind', `kind IN ('kiosk', 'display')`)
export class DeviceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  // The catalogue's table by name: auth imports nothing of the catalogue.
  @ForeignKey('site')
  siteId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DeviceKind;

  /** SHA-256 (hex) of the token. */
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => StaffUserEntity)
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Raised when the device is revoked: its open sockets end at once (AddSessionVersion). */
  @Column({ type: 'integer', default: 1 })
  sessionVersion!: number;
}
