import type { DocumentForm, UploadableFileType } from '@mpp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One persyaratan of a service. Rows are replaced as a whole when the service is edited. */
@Entity('service_requirement')
@Index('uq_service_requirement_position', ['serviceId', 'position'], { unique: true })
export class ServiceRequirementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
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
