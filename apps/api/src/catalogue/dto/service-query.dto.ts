import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SLUG } from './site.dto';

export class ServiceQueryDto {
  /** Site code, e.g. kota-kupang */
  @IsOptional()
  @Matches(SLUG)
  @MaxLength(64)
  site?: string;

  /** Agency code within the site, e.g. dukcapil */
  @IsOptional()
  @Matches(SLUG)
  @MaxLength(64)
  agency?: string;

  /** What the citizen typed, e.g. "ktp hilang". Only services scoring at least 0.7 of the best match are answered (docs/search.md). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
