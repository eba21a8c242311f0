import { Type } from 'class-transformer';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType, type AuditQuery } from '@mpp/contracts';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '@mpp/domain';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const periodMessage = {
  message: {
    id: 'Waktu harus tanggal atau tanggal-jam ISO 8601, mis. 2026-12-01 atau 2026-12-01T08:00:00+08:00.',
    en: 'A time must be an ISO 8601 date or date-time, e.g. 2026-12-01 or 2026-12-01T08:00:00+08:00.',
  },
};

/** GET /admin/audit: every filter optional, combined with AND (contracts' AuditQuery). */
export class AuditQueryDto implements AuditQuery {
  /** One site's rows, by its code (e.g. kota-kupang); a site or agency admin may only name their own site */
  @IsOptional()
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { context: { message: { id: 'Kode MPP hanya boleh huruf kecil, angka dan tanda hubung, mis. kota-kupang.', en: 'A site code may only contain lowercase letters, digits and hyphens, e.g. kota-kupang.' } } })
  siteCode?: string;

  /** From this instant on (inclusive); a date alone is its start in UTC */
  @IsOptional()
  @IsISO8601({ strict: true }, { context: periodMessage })
  from?: string;

  /** Before this instant (exclusive) */
  @IsOptional()
  @IsISO8601({ strict: true }, { context: periodMessage })
  to?: string;

  /** The staff account that made the changes */
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: AuditEntityType;

  @IsOptional()
  @IsUUID()
  entityId?: string;

  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  /** Free text found in the action, the record's label, and the values before and after (case-insensitive) */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** nextCursor of the previous page */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
