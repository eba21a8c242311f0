import type { CounterState } from '@mpp/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A loket: numbered per site, serving one or more services, staffed by at most one officer. */
@Entity('counter')
export class CounterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 8, default: 'closed' })
  state!: CounterState;

  @Column({ type: 'uuid', nullable: true })
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
