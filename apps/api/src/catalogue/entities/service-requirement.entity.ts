import type { DocumentForm, UploadableFileType } from '@mpp/contracts';
import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ServiceEntity } from './service.entity';

/** One persyaratan of a service. Rows are replaced as a whole when the service is edited. */
@Entity('service_requirement')
@Unique('uq_service_requirement_position', ['serviceId', 'position'])
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
}
