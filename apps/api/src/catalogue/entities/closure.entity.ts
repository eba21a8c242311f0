import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CalendarDayKind = 'national_holiday' | 'cuti_bersama';

/** National holidays and cuti bersama, set yearly by SKB; edited by system admins, never computed. */
@Entity('national_calendar_day')
@Index('uq_national_calendar_day', ['date', 'kind'], { unique: true })
export class NationalCalendarDayEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: CalendarDayKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A day one site is closed (local holiday, maintenance, ...). */
@Entity('site_closure')
@Index('uq_site_closure_day', ['siteId', 'date'], { unique: true })
export class SiteClosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  siteId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
