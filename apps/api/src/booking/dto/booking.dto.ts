import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsLocalDate } from '../../common/local-date.validator';
import { IsIndonesianMobile, IsNik, IsPersonName } from './person.validators';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const timeMessage = { message: { id: 'Jam harus berformat HH:MM, mis. 08:30.', en: 'The time must be HH:MM, e.g. 08:30.' } };

export class SlotsQueryDto {
  /** Site-local date, YYYY-MM-DD */
  @IsLocalDate()
  date!: string;
}

export class CreateBookingDto {
  @IsUUID()
  serviceId!: string;

  /** Site-local date of the slot, YYYY-MM-DD */
  @IsLocalDate()
  date!: string;

  /** The slot's local start, HH:MM */
  @Matches(TIME, { context: timeMessage })
  start!: string;

  /** 16-digit NIK (checked against its structure: area, birth date, serial) */
  @IsNik()
  nik!: string;

  /** Checked in Unicode NFC after trimming (libs/domain checkPersonName) */
  @IsPersonName()
  fullName!: string;

  /** Indonesian mobile number: 08…, 628… or +628… */
  @IsIndonesianMobile()
  phone!: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

/**
 * Proof of ownership (docs/booking.md): the manage token from the link, or, for a booking made
 * before manage tokens, the full NIK. Both optional here: a request with neither is refused in
 * words by the service (403), like a wrong one.
 */
export class BookingProofDto {
  /** The manage token carried in the booking's link (`#k=…`) */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  token?: string;

  /** Only for bookings made before manage tokens: the full 16-digit NIK */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  nik?: string;
}

export class RescheduleBookingDto extends BookingProofDto {
  @IsLocalDate()
  date!: string;

  @Matches(TIME, { context: timeMessage })
  start!: string;
}

export class CheckInDto {
  /** The booking code from the QR or typed by the citizen (dashes and spaces allowed) */
  @IsString()
  @MinLength(8)
  @MaxLength(20)
  code!: string;
}

export class BookingPolicyDto {
  /** Check-in opens this many minutes before the slot */
  @IsInt()
  @Min(0)
  @Max(240)
  checkInEarlyMinutes!: number;

  /** … and closes this many minutes after its start */
  @IsInt()
  @Min(0)
  @Max(240)
  checkInLateMinutes!: number;

  /** A late booking becomes a walk-in ticket, or is refused */
  @IsIn(['walk_in', 'refuse'])
  latePolicy!: 'walk_in' | 'refuse';

  /** Active bookings one NIK may hold per week */
  @IsInt()
  @Min(1)
  @Max(50)
  weeklyLimitPerNik!: number;
}
