import type { DocumentForm, UploadableFileType } from '@mpp/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceEntity } from './service.entity';

/**
 * One persyaratan of a service. Its id stays the same across edits of the service; a requirement an
 * edit leaves out is deleted, or retired (`retiredAt`) when another table refers to it. Positions are
 * distinct among the active rows only.
 */
@Entity('service_requirement')
@Index('uq_service_requirement_position', ['serviceId', 'position'], { unique: true, where: 'retired_at IS NULL' })
@Check('ck_service_requirement_form', `form IN ('original', 'copy', 'original_and_copy', 'none')`)
export class ServiceRequirementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => ServiceEntity, { onDelete: 'CASCADE' })
  serviceId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  mandatory!: boolean;

  @Column({ type: 'varchar', length: 24 })
  form!: DocumentForm;

  @Column({ type: 'boolean', default: false })
  uploadable!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fileTypes!: UploadableFileType[];

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
