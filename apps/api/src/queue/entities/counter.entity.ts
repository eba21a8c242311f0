import type { CounterState } from '@mpp/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { StaffUserEntity } from '../../auth/entities/staff-user.entity';
import { SiteEntity } from '../../catalogue/entities/site.entity';

/** A loket: numbered per site, serving one or more services, staffed by at most one officer. */
@Entity('counter')
@Unique('uq_counter_site_number', ['siteId', 'number'])
// An officer sits at one counter at a time.
@Index('uq_counter_officer', ['officerId'], { unique: true, where: 'officer_id IS NOT NULL' })
@Check('ck_counter_number', `number BETWEEN 1 AND 999`)
@Check('ck_counter_state', `state IN ('open', 'paused', 'closed')`)
export class CounterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => SiteEntity)
  siteId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 8, default: 'closed' })
  state!: CounterState;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => StaffUserEntity)
  officerId!: string | null;

  /** Regular tickets called since the last priority one (interleaved calling). */
  @Column({ type: 'integer', default: 0 })
  regularStreak!: number;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
