import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SiteEntity } from './site.entity';

export type CalendarDayKind = 'national_holiday' | 'cuti_bersama';

/** National holidays and cuti bersama, set yearly by SKB; edited by system admins, never computed. */
@Entity('national_calendar_day')
@Unique('uq_national_calendar_day', ['date', 'kind'])
@Check('ck_national_calendar_day_kind', `kind IN ('national_holiday', 'cuti_bersama')`)
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
@Unique('uq_site_closure_day', ['siteId', 'date'])
export class SiteClosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => SiteEntity, { onDelete: 'CASCADE' })
  siteId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
