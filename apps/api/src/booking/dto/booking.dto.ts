import { BOOKING_NEEDS, BOOKING_NOTIFY_CHOICES, CITIZEN_LANGUAGES, PRIORITY_CLASSES, type BookingNeed, type BookingPolicy, type BookingNotifyBy, type CitizenLanguage, type PriorityClass } from '@mpp/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CitizenIdentityDto } from '../../common/dto/citizen-identity.dto';
import { IsLocalDate } from '../../common/local-date.validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const priorityMessage = {
  message: {
    id: `priorityGroup harus salah satu dari: ${PRIORITY_CLASSES.join(', ')} (UU 25/2009 Pasal 29).`,
    en: `priorityGroup must be one of: ${PRIORITY_CLASSES.join(', ')} (UU 25/2009 Article 29).`,
  },
};
const needsMessage = { message: { id: `needs hanya boleh berisi: ${BOOKING_NEEDS.join(', ')}.`, en: `needs may only contain: ${BOOKING_NEEDS.join(', ')}.` } };
const needsUniqueMessage = { message: { id: 'Setiap kebutuhan cukup disebut sekali.', en: 'Name each need once.' } };
const notifyByMessage = { message: { id: 'notifyBy harus sms, whatsapp atau email.', en: 'notifyBy must be sms, whatsapp or email.' } };
const languageMessage = { message: { id: 'language harus id atau en.', en: 'language must be id or en.' } };
const timeMessage = { message: { id: 'Jam harus berformat HH:MM, mis. 08:30.', en: 'The time must be HH:MM, e.g. 08:30.' } };

export class SlotsQueryDto {
  /** Site-local date, YYYY-MM-DD */
  @IsLocalDate()
  date!: string;
}

export class CalendarQueryDto {
  /** Language of the event's text: id (default) or en */
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class CreateBookingDto extends CitizenIdentityDto {
  @IsUUID()
  serviceId!: string;

  /** Site-local date of the slot, YYYY-MM-DD */
  @IsLocalDate()
  date!: string;

  /** The slot's local start, HH:MM */
  @Matches(TIME, { context: timeMessage })
  start!: string;

  /** UU 25/2009 Pasal 29 group (self-declared, as at the kiosk); the ticket gets it at check-in. Default regular. */
  @IsOptional()
  @IsIn(PRIORITY_CLASSES, { context: priorityMessage })
  priorityGroup?: PriorityClass;

  /** What to have ready at the counter: wheelchair, sign_language, companion */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BOOKING_NEEDS.length)
  @ArrayUnique({ context: needsUniqueMessage })
  @IsIn(BOOKING_NEEDS, { each: true, context: needsMessage })
  needs?: BookingNeed[];

  /** How to send the booking's messages and "called": sms, whatsapp, or email (only with an email); recorded for the number */
  @IsOptional()
  @IsIn(BOOKING_NOTIFY_CHOICES, { context: notifyByMessage })
  notifyBy?: BookingNotifyBy;

  /** The language of those messages: id (default) or en */
  @IsOptional()
  @IsIn(CITIZEN_LANGUAGES, { context: languageMessage })
  language?: CitizenLanguage;
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

export class BookingPolicyDto implements BookingPolicy {
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
