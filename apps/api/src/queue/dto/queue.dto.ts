import { PRIORITY_CLASSES, type PriorityClass, type QueuePolicy } from '@mpp/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/omittable.validator';

export class IssueTicketDto {
  @IsUUID()
  serviceId!: string;

  /** regular, or a priority group of UU 25/2009 Pasal 29 */
  @IsOptional()
  @IsIn(PRIORITY_CLASSES)
  priority?: PriorityClass;
}

export class FinishTicketDto {
  /** What was done, for the record (not shown to the public) */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  outcomeNote?: string;
}

export class TransferDto {
  /** Move the ticket to this service (same site) */
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  /** Send the ticket to this counter */
  @IsOptional()
  @IsUUID()
  counterId?: string;
}

export class PickTicketDto {
  @IsUUID()
  ticketId!: string;
}

export class CreateCounterDto {
  @IsInt()
  @Min(1)
  @Max(999)
  number!: number;

  /** e.g. "Loket 3 – Dukcapil" */
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  serviceIds!: string[];
}

export class UpdateCounterDto {
  /**
   * Its number, which is its place on the hall display. A number another loket holds is swapped
   * with it; a retired loket's number is not reused (past reports name it).
   */
  @IsOmittable()
  @IsInt({ context: { message: { id: 'Nomor loket harus bilangan bulat 1 sampai 999.', en: 'The counter number must be a whole number from 1 to 999.' } } })
  @Min(1, { context: { message: { id: 'Nomor loket harus bilangan bulat 1 sampai 999.', en: 'The counter number must be a whole number from 1 to 999.' } } })
  @Max(999, { context: { message: { id: 'Nomor loket harus bilangan bulat 1 sampai 999.', en: 'The counter number must be a whole number from 1 to 999.' } } })
  number?: number;

  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  name?: string;

  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  serviceIds?: string[];
}

export class QueuePolicyDto implements QueuePolicy {
  @IsIn(['priority_first', 'interleave'])
  mode!: 'priority_first' | 'interleave';

  /** With interleave: one priority ticket after this many regular ones */
  @IsInt()
  @Min(1)
  @Max(50)
  interleaveEvery!: number;

  @IsBoolean()
  allowPick!: boolean;

  @IsInt()
  @Min(0)
  @Max(10)
  maxRecalls!: number;
}
