import { STAFF_ROLES, type StaffRole } from '@mpp/contracts';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator';

export class CreateStaffUserDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(160)
  fullName!: string;

  /** At least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  /** Required for site_admin; for agency_admin and officer it comes from the agency. */
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  siteCode?: string;

  /** Required for agency_admin and officer. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class UpdateStaffUserDto {
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(160)
  fullName?: string;

  @IsOmittable()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}
