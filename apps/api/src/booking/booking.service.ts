import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { BookingCreatedResponse, BookingPolicy, BookingDay, BookingDaysResponse, BookingProof, BookingPublicResponse, BookingResponse, CheckInResponse, ClosedDayReason, FieldError, LocalizedText, SlotResponse, SlotsResponse } from '@mpp/contracts';
import {
  bookableDailyCapacity,
  checkInStatus,
  checkInWindow,
  closedDayMessage,
  dayStatus,
  generateBookingCode,
  addDaysToLocalDate,
  isoWeekRange,
  localDate,
  lateArrivalDeadline,
  maskNik,
  maskPhone,
  normalizeBookingCode,
  slotsForDate,
  zonedToUtc,
} from '@mpp/domain';
import { BOOKING_NEEDS } from '@mpp/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUniqueViolation } from '../common/errors/pg-error';
import type { DevicePrincipal, StaffPrincipal } from '../auth/principal';
import { AccessPolicy } from '../auth/access-policy';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { ServiceEntity } from '../catalogue/entities/service.entity';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { SitesService } from '../catalogue/sites.service';
import { Clock } from '../common/clock';
import { randomToken } from '../common/random-token';
import { ApiException } from '../common/errors/api-exception';
import { checkCitizenIdentity, type CheckedCitizenIdentity } from '../common/citizen-identity';
import { QueueMessages } from '../queue/queue.messages';
import { QueueService } from '../queue/queue.service';
import { BookingMessages } from './booking.messages';
import { BookingRepository, BookingRow } from './booking.repository';
import { BookingNotifier } from './booking-notifier';
import { NotificationRecipients } from '../notifications/notification-recipients';
import { BookingPolicyDto, CreateBookingDto } from './dto/booking.dto';
import { PiiCipher } from '../common/pii-cipher';

/** Failed proofs of ownership a booking allows before its NIK proof is locked, and for how long. */
export const PROOF_MAX_FAILURES = 5;
export const PROOF_LOCK_MINUTES = 60;
/** 128 bits from the CSPRNG: the manage token that proves a booking's ownership. */
const MANAGE_TOKEN_BYTES = 16;

/** SHA-256 suffices for a 128-bit random secret (nothing to brute-force); stored instead of the token. */
function manageTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The booking a request has proved it owns, and the token it proved it with (to put back in links). */
export interface ProvedBooking {
  row: BookingRow;
  token: string | null;
}

interface ResolvedSlot {
  date: string;
  start: string;
  end: string;
  startsAt: Date;
}

@Injectable()
export class BookingService {
  private readonly logger = new Logger(BookingService.name);

  constructor(
    private readonly repo: BookingRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly sites: SitesService,
    private readonly queue: QueueService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly notifier: BookingNotifier,
    private readonly recipients: NotificationRecipients,
  ) {}

  // ---- slots -----------------------------------------------------------------------------

  async slots(serviceId: string, date: string): Promise<SlotsResponse> {
    const { service, site } = await this.requireBookableService(serviceId);
    const result = await this.daySlots(service, site, date);
    if (!result.open) {
      return { serviceId, date, timeZone: site.timeZone, open: false, closed: { reason: result.reason, name: result.name, message: result.message }, slots: [] };
    }
    const booked = await this.repo.bookedPerSlot(service.id, date);
    const dayLeft = await this.dayCapacityLeft(service, date);
    return { serviceId, date, timeZone: site.timeZone, open: true, closed: null, slots: result.slots.map((slot) => this.toSlot(service, slot, booked, dayLeft)) };
  }

  /**
   * Every day of the booking horizon (site-local today to `bookingDaysAhead` days on) with whether
   * it is open, why not, and the seats left in its bookable slots: the portal's date strip in one
   * request instead of one per day.
   */
  async days(serviceId: string): Promise<BookingDaysResponse> {
    const { service, site } = await this.requireBookableService(serviceId);
    const today = localDate(this.clock.now(), site.timeZone);
    const last = addDaysToLocalDate(today, service.bookingDaysAhead);
    const bookedPerSlot = await this.repo.bookedPerSlotBetween(service.id, today, last);
    const bookedPerDay = await this.repo.bookedOnDaysBetween(service.id, today, last);
    const dayCapacity = bookableDailyCapacity(service.dailyQuota, service.bookingWalkInShare);
    const days: BookingDay[] = [];
    for (let date = today; date <= last; date = addDaysToLocalDate(date, 1)) {
      const result = await this.daySlots(service, site, date);
      if (!result.open) {
        days.push({ date, open: false, closed: { reason: result.reason, name: result.name, message: result.message }, remaining: 0 });
        continue;
      }
      const dayLeft = dayCapacity === null ? null : Math.max(0, dayCapacity - (bookedPerDay.get(date) ?? 0));
      const booked = bookedPerSlot.get(date) ?? new Map<string, number>();
      const slots = result.slots.map((slot) => this.toSlot(service, slot, booked, dayLeft)).filter((slot) => slot.bookable);
      const seats = slots.reduce((sum, slot) => sum + slot.remaining, 0);
      days.push({ date, open: true, closed: null, remaining: dayLeft === null ? seats : Math.min(seats, dayLeft) });
    }
    return { serviceId, timeZone: site.timeZone, days };
  }

  private toSlot(service: ServiceEntity, slot: ResolvedSlot & { bookable: boolean }, booked: Map<string, number>, dayLeft: number | null): SlotResponse {
    const remaining = Math.max(0, Math.min(service.bookingSlotCapacity - (booked.get(slot.start) ?? 0), dayLeft ?? Number.MAX_SAFE_INTEGER));
    return {
      date: slot.date,
      start: slot.start,
      end: slot.end,
      startsAt: slot.startsAt.toISOString(),
      capacity: service.bookingSlotCapacity,
      remaining,
      bookable: slot.bookable && remaining > 0,
    };
  }

  private async daySlots(
    service: ServiceEntity,
    site: SiteEntity,
    date: string,
  ): Promise<{ open: true; slots: (ResolvedSlot & { bookable: boolean })[] } | { open: false; reason: ClosedDayReason; name: string | null; message: LocalizedText }> {
    const closures = await this.catalogue.cachedClosuresOn(site, date);
    const result = slotsForDate({
      date,
      timeZone: site.timeZone,
      hours: site.openingHours,
      closures,
      slotMinutes: service.bookingSlotMinutes,
      now: this.clock.now(),
      daysAhead: service.bookingDaysAhead,
      cutoffMinutes: service.bookingCutoffMinutes,
    });
    if (!result.open) return { open: false, reason: result.reason, name: result.name, message: closedDayMessage(result.reason, result.name, service.bookingDaysAhead) };
    return { open: true, slots: result.slots };
  }

  private async dayCapacityLeft(service: ServiceEntity, date: string): Promise<number | null> {
    const capacity = bookableDailyCapacity(service.dailyQuota, service.bookingWalkInShare);
    if (capacity === null) return null;
    return Math.max(0, capacity - (await this.repo.bookedOnDay(service.id, date)));
  }

  // ---- booking ---------------------------------------------------------------------------

  async create(dto: CreateBookingDto, origin: string): Promise<BookingCreatedResponse> {
    const person = checkPerson(dto, this.clock.now());
    const { service, site } = await this.requireBookableService(dto.serviceId);
    const slot = await this.resolveSlot(service, site, dto.date, dto.start);
    const nikHash = this.cipher.lookupHash(person.nik);
    const manageToken = randomToken(MANAGE_TOKEN_BYTES);

    let row: BookingRow | null = null;
    for (let attempt = 0; attempt < 3 && !row; attempt++) {
      try {
        row = await this.repo.transaction(async (tx) => {
          await this.repo.lockPerson(tx, nikHash);
          await this.assertWeeklyLimit(tx, site, nikHash, slot.date);
          await this.takeSeats(tx, service, slot, site.timeZone);
          // The citizen's channel for this number (and "email instead"), before the messages below are sent.
          if (dto.notifyBy) await this.recipients.choose({ kind: 'phone', phone: person.phone }, { channel: dto.notifyBy, language: dto.language ?? 'id' }, false, tx);
          return this.repo.insert(tx, {
            code: generateBookingCode((n) => randomBytes(n)),
            site_id: site.id,
            service_id: service.id,
            slot_date: slot.date,
            slot_start: slot.start,
            slot_end: slot.end,
            starts_at: slot.startsAt,
            nik_hash: nikHash,
            nik_cipher: this.cipher.encrypt(person.nik),
            name_cipher: this.cipher.encrypt(person.fullName),
            phone_cipher: this.cipher.encrypt(person.phone),
            email_cipher: person.email ? this.cipher.encrypt(person.email) : null,
            manage_token_hash: manageTokenHash(manageToken),
            priority_group: dto.priorityGroup ?? 'regular',
            needs: BOOKING_NEEDS.filter((need) => dto.needs?.includes(need)),
            language: dto.language ?? 'id',
          });
        });
      } catch (error) {
        if (isUniqueViolation(error, 'uq_booking_code')) continue; // 1 in 10^12: draw another code
        if (isUniqueViolation(error, 'uq_booking_nik_service_day')) throw ApiException.conflict('ALREADY_BOOKED', BookingMessages.alreadyBooked);
        throw error;
      }
    }
    const response = this.toResponse(row!, site, service);
    await this.notifier.confirmed(row!, response, origin, manageToken);
    return {
      ...response,
      qr: await this.notifier.qrDataUrl(row!.code),
      confirmationUrl: `/api/v1/bookings/${row!.code}/confirmation.pdf`,
      calendarUrl: `/api/v1/bookings/${row!.code}/calendar.ics`,
      manageToken,
      manageUrl: this.notifier.manageUrl(row!.code, manageToken, origin),
    };
  }

  /** What the code alone shows: no name, no NIK or phone digits, no ticket code. */
  async get(code: string): Promise<BookingPublicResponse> {
    return this.describePublic(await this.requireBooking(code));
  }

  /** The booking as its owner sees it, once the proof is right. */
  async details(code: string, proof: BookingProof): Promise<BookingResponse> {
    const { row } = await this.prove(code, proof);
    return this.describe(row);
  }

  /**
   * The booking behind a request that proved ownership: the manage token (compared by its hash,
   * in constant time), or, for a booking made before tokens, the full NIK (compared by its keyed
   * hash). Every failed proof counts; after PROOF_MAX_FAILURES the NIK proof is locked for
   * PROOF_LOCK_MINUTES (the token, which cannot be guessed, still works for its owner).
   */
  async prove(rawCode: string, proof: BookingProof): Promise<ProvedBooking> {
    const row = await this.requireBooking(rawCode);
    const token = proof.token?.trim() || null;
    const nik = proof.nik?.replace(/[\s.-]/g, '') || null;
    if (!token && !nik) throw ApiException.forbidden('BOOKING_PROOF_REQUIRED', BookingMessages.proofRequired);
    if (token) {
      if (row.manage_token_hash && sameBytes(manageTokenHash(token), row.manage_token_hash)) return { row, token };
      await this.proofFailed(row);
      throw ApiException.forbidden('BOOKING_PROOF_INVALID', BookingMessages.proofInvalid);
    }
    if (row.manage_token_hash) {
      await this.proofFailed(row);
      throw ApiException.forbidden('BOOKING_LINK_REQUIRED', BookingMessages.linkRequired);
    }
    const now = this.clock.now();
    const attempt = await this.repo.chargeProofAttempt(row.id, PROOF_MAX_FAILURES, new Date(now.getTime() + PROOF_LOCK_MINUTES * 60_000), now);
    if (!attempt.charged) {
      const until = attempt.lockedUntil ?? now;
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'BOOKING_LOCKED', BookingMessages.proofLocked(minutes));
    }
    if (!sameBytes(Buffer.from(this.cipher.lookupHash(nik!), 'hex'), Buffer.from(row.nik_hash, 'hex'))) {
      throw ApiException.forbidden('BOOKING_PROOF_INVALID', BookingMessages.proofInvalid);
    }
    await this.repo.clearProofFailures(row.id);
    return { row, token: null };
  }

  private async proofFailed(row: BookingRow): Promise<void> {
    await this.repo.recordProofFailure(row.id, PROOF_MAX_FAILURES, new Date(this.clock.now().getTime() + PROOF_LOCK_MINUTES * 60_000));
  }

  /**
   * The booking behind a checked-in ticket, for the counter console (NIK and phone masked): staff
   * of the ticket's site who manage it, or whose agency provides the ticket's service.
   */
  async forTicket(staff: StaffPrincipal, ticketId: string): Promise<BookingResponse> {
    const ticket = await this.queue.ticketReference(ticketId);
    const service = ticket ? await this.catalogue.findServiceById(ticket.serviceId) : null;
    if (!ticket || !service) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    if (staff.agencyId && staff.agencyId !== service.agencyId) throw ApiException.forbidden('OTHER_AGENCY', AUTH_MESSAGES.otherAgency);
    if (!staff.agencyId) AccessPolicy.assertSite(staff, service.siteId);
    const row = await this.repo.findByTicketId(ticket.id);
    if (!row) throw ApiException.notFound('NO_BOOKING_FOR_TICKET', BookingMessages.noBookingForTicket);
    return this.describe(row);
  }

  async cancel(code: string, proof: BookingProof, origin: string): Promise<BookingResponse> {
    const { row: found, token } = await this.prove(code, proof);
    const row = await this.repo.transaction(async (tx) => {
      const b = (await this.repo.lockByCode(tx, found.code))!;
      if (b.status !== 'active') throw ApiException.conflict('BOOKING_NOT_ACTIVE', BookingMessages.notActive(b.status));
      await this.repo.setStatus(tx, b.id, 'cancelled', { at: this.clock.now() });
      await this.repo.giveBackSeats(tx, b);
      return (await this.repo.findByCode(b.code, tx))!;
    });
    const response = await this.describe(row);
    await this.notifier.cancelled(row, response, origin, token);
    return response;
  }

  async reschedule(code: string, proof: BookingProof, date: string, start: string, origin: string): Promise<BookingResponse> {
    const { row: found, token } = await this.prove(code, proof);
    const { service, site } = await this.requireBookableService(found.service_id);
    const slot = await this.resolveSlot(service, site, date, start);
    let row: BookingRow;
    try {
      row = await this.repo.transaction(async (tx) => {
        const b = (await this.repo.lockByCode(tx, found.code))!;
        if (b.status !== 'active') throw ApiException.conflict('BOOKING_NOT_ACTIVE', BookingMessages.notActive(b.status));
        if (b.slot_date === slot.date && b.slot_start === slot.start) return b;
        await this.repo.lockPerson(tx, b.nik_hash);
        await this.repo.giveBackSeats(tx, b);
        if (b.slot_date !== slot.date) await this.assertWeeklyLimit(tx, site, b.nik_hash, slot.date, b.id);
        await this.takeSeats(tx, service, slot, site.timeZone);
        await this.repo.moveSlot(tx, b.id, slot, this.clock.now());
        return (await this.repo.findByCode(b.code, tx))!;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_booking_nik_service_day')) throw ApiException.conflict('ALREADY_BOOKED', BookingMessages.alreadyBooked);
      throw error;
    }
    const response = await this.describe(row);
    await this.notifier.rescheduled(row, response, origin, token);
    return response;
  }

  // ---- check-in at the kiosk ------------------------------------------------------------

  /**
   * The kiosk scans the booking QR (or the citizen types the code): the booking becomes a ticket
   * placed at its slot time. A booking checks in once; a second scan shows the same ticket.
   */
  async checkIn(device: DevicePrincipal, rawCode: string): Promise<CheckInResponse> {
    const code = normalizeBookingCode(rawCode);
    if (!code) throw ApiException.notFound('BOOKING_NOT_FOUND', BookingMessages.notFound);
    if (device.deviceKind !== 'kiosk') throw ApiException.forbidden('KIOSK_ONLY', BookingMessages.kioskOnly);
    const found = await this.repo.findByCode(code);
    if (!found) throw ApiException.notFound('BOOKING_NOT_FOUND', BookingMessages.notFound);
    if (found.site_id !== device.siteId) throw ApiException.forbidden('OTHER_SITE', BookingMessages.otherSite);
    const site = (await this.catalogue.cachedSite(found.site_id))!;
    const service = (await this.catalogue.findServiceById(found.service_id))!;
    const now = this.clock.now();

    const outcome = await this.repo.transaction(async (tx) => {
      const b = (await this.repo.lockByCode(tx, code))!;
      if (b.status === 'checked_in' && b.ticket_id) return { kind: 'already_checked_in' as const, booking: b, ticketId: b.ticket_id };
      if (b.status !== 'active') throw ApiException.conflict('BOOKING_NOT_ACTIVE', BookingMessages.notActive(b.status));
      const status = checkInStatus(now, b.starts_at, site.checkinEarlyMinutes, site.checkinLateMinutes);
      if (status === 'too_early') {
        const opens = checkInWindow(b.starts_at, site.checkinEarlyMinutes, site.checkinLateMinutes).opensAt;
        throw ApiException.conflict('CHECK_IN_TOO_EARLY', BookingMessages.tooEarly(opens, now, site.timeZone));
      }
      // Late: a walk-in ticket where the site says so, until it closes that day; otherwise refused.
      if (status === 'too_late' && now > (await this.lateArrivalDeadline(site, b.slot_date, b.starts_at))) {
        throw ApiException.conflict('CHECK_IN_CLOSED', BookingMessages.tooLate);
      }
      const late = status === 'too_late';
      // Issued in this transaction, announced by the queue once it commits.
      const issued = await this.queue.issueForBooking(tx, { site, service, late, startsAt: b.starts_at, deviceId: device.deviceId, now, priority: b.priority_group });
      if (!issued) throw ApiException.conflict('DAILY_QUOTA_REACHED', BookingMessages.quotaFull);
      await this.repo.setStatus(tx, b.id, 'checked_in', { ticketId: issued.ticketId, late, at: now });
      return { kind: late ? ('walk_in' as const) : ('checked_in' as const), booking: (await this.repo.findByCode(code, tx))!, ticketId: issued.ticketId };
    });

    return { outcome: outcome.kind, booking: await this.describePublic(outcome.booking), ticket: (await this.queue.ticket(outcome.ticketId))! };
  }

  /**
   * Bookings nobody came for become no-shows: past the end of the check-in window where late
   * arrivals are refused, past the site's closing time that day where they become walk-ins
   * (until then the kiosk still turns the booking into a walk-in ticket).
   */
  async markNoShows(): Promise<number> {
    const now = this.clock.now();
    const due: string[] = [];
    for (const b of await this.repo.findLapsedActive(now)) {
      const site = await this.catalogue.cachedSite(b.site_id);
      if (site && now > (await this.lateArrivalDeadline(site, b.slot_date, b.starts_at))) due.push(b.id);
    }
    const marked = due.length ? await this.repo.markNoShows(due, now) : [];
    if (marked.length) this.logger.log({ msg: 'bookings marked no-show', count: marked.length });
    return marked.length;
  }

  async stats(staff: StaffPrincipal, siteCode: string, date: string) {
    const site = await this.catalogue.findActiveSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', BookingMessages.siteNotFound(siteCode));
    if (!(AccessPolicy.canManageSite(staff, site.id) || staff.siteId === site.id)) throw ApiException.forbidden('OTHER_SITE', BookingMessages.otherSite);
    const rows = await this.repo.statsForDay(site.id, date);
    // The needs of the day's bookings still coming (or come), so the site can have them ready.
    return rows.map((r) => ({
      serviceId: r.service_id,
      serviceName: r.service_name,
      active: r.active,
      checkedIn: r.checked_in,
      cancelled: r.cancelled,
      noShow: r.no_show,
      needs: { wheelchair: r.wheelchair, sign_language: r.sign_language, companion: r.companion },
    }));
  }

  /** The site's booking policy, in the shape setSitePolicy (PUT) accepts. */
  async sitePolicy(staff: StaffPrincipal, siteCode: string): Promise<BookingPolicy> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', BookingMessages.siteNotFound(siteCode));
    AccessPolicy.assertSite(staff, site.id);
    return toBookingPolicy(site);
  }

  async setSitePolicy(staff: StaffPrincipal, siteCode: string, dto: BookingPolicyDto): Promise<BookingPolicyDto> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', BookingMessages.siteNotFound(siteCode));
    AccessPolicy.assertSite(staff, site.id);
    await this.sites.setBookingPolicy(staff, site, dto);
    return dto;
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Until when a booking of this site and day can still be honoured at the kiosk (libs/domain lateArrivalDeadline). */
  private async lateArrivalDeadline(site: SiteEntity, date: string, startsAt: Date): Promise<Date> {
    let closes: Date | null = null;
    if (site.checkinLatePolicy === 'walk_in') {
      const day = dayStatus(date, site.openingHours, await this.catalogue.cachedClosuresOn(site, date));
      closes = day.open ? zonedToUtc(date, day.hours.close, site.timeZone) : null;
    }
    return lateArrivalDeadline(startsAt, site.checkinLateMinutes, site.checkinLatePolicy, closes);
  }

  private async requireBookableService(serviceId: string): Promise<{ service: ServiceEntity; site: SiteEntity }> {
    const service = await this.catalogue.cachedActiveService(serviceId);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', BookingMessages.serviceNotFound);
    if (!service.onlineBookingEnabled) throw ApiException.conflict('ONLINE_BOOKING_DISABLED', BookingMessages.onlineDisabled);
    const site = (await this.catalogue.cachedSite(service.siteId))!;
    return { service, site };
  }

  private async resolveSlot(service: ServiceEntity, site: SiteEntity, date: string, start: string): Promise<ResolvedSlot> {
    const day = await this.daySlots(service, site, date);
    if (!day.open) {
      throw ApiException.unprocessable('DAY_CLOSED', day.message, [{ field: 'date', message: day.message }]);
    }
    const slot = day.slots.find((s) => s.start === start);
    if (!slot) {
      const message = BookingMessages.noSuchSlot(start, date, site.timeZone);
      throw ApiException.unprocessable('NO_SUCH_SLOT', message, [{ field: 'start', message }]);
    }
    if (!slot.bookable) {
      throw ApiException.conflict('SLOT_CLOSED', BookingMessages.slotClosed(service.bookingCutoffMinutes));
    }
    return { date: slot.date, start: slot.start, end: slot.end, startsAt: slot.startsAt };
  }

  private async takeSeats(tx: Parameters<BookingRepository['takeSlotSeat']>[0], service: ServiceEntity, slot: ResolvedSlot, timeZone: string): Promise<void> {
    const dayCapacity = bookableDailyCapacity(service.dailyQuota, service.bookingWalkInShare);
    if (dayCapacity !== null && !(await this.repo.takeDaySeat(tx, service.id, slot.date, dayCapacity))) {
      throw ApiException.conflict('DAY_FULL', BookingMessages.dayFull);
    }
    if (!(await this.repo.takeSlotSeat(tx, service.id, slot.date, slot.start, service.bookingSlotCapacity))) {
      throw ApiException.conflict('SLOT_FULL', BookingMessages.slotFull(slot.start, timeZone));
    }
  }

  /**
   * The person's active bookings in the ISO week of `date`, not counting the booking being moved
   * (which is in that week only if it is moved within it). Called under lockPerson, so racing
   * bookings and moves of one NIK are counted one after the other.
   */
  private async assertWeeklyLimit(tx: Parameters<BookingRepository['countActiveForPersonBetween']>[0], site: SiteEntity, nikHash: string, date: string, exceptId?: string): Promise<void> {
    const week = isoWeekRange(date);
    const count = await this.repo.countActiveForPersonBetween(tx, nikHash, week.start, week.end, exceptId ?? null);
    if (count >= site.bookingWeeklyLimit) throw ApiException.conflict('WEEKLY_LIMIT', BookingMessages.weeklyLimit(site.bookingWeeklyLimit));
  }

  private async requireBooking(rawCode: string): Promise<BookingRow> {
    const code = normalizeBookingCode(rawCode);
    const row = code ? await this.repo.findByCode(code) : null;
    if (!row) throw ApiException.notFound('BOOKING_NOT_FOUND', BookingMessages.notFound);
    return row;
  }

  /** The booking as anyone holding its code (or a kiosk in the hall) may see it. */
  private async describePublic(row: BookingRow): Promise<BookingPublicResponse> {
    const { nikMasked: _nik, fullName: _name, phoneMasked: _phone, priorityGroup: _priority, needs: _needs, ticket, ...rest } = await this.describe(row);
    return { ...rest, ticket: ticket ? { number: ticket.number } : null };
  }

  private async describe(row: BookingRow): Promise<BookingResponse> {
    const site = (await this.catalogue.cachedSite(row.site_id))!;
    const service = (await this.catalogue.findServiceById(row.service_id))!;
    return this.toResponse(row, site, service, await this.ticketOf(row));
  }

  private async ticketOf(row: BookingRow): Promise<{ number: string; publicCode: string } | null> {
    if (!row.ticket_id) return null;
    const ticket = await this.queue.ticketReference(row.ticket_id);
    return ticket ? { number: ticket.number, publicCode: ticket.publicCode } : null;
  }

  private toResponse(row: BookingRow, site: SiteEntity, service: ServiceEntity, ticket: BookingResponse['ticket'] = null): BookingResponse {
    const window = checkInWindow(row.starts_at, site.checkinEarlyMinutes, site.checkinLateMinutes);
    const base: BookingResponse = {
      code: row.code,
      status: row.status,
      siteCode: site.code,
      siteName: site.name,
      timeZone: site.timeZone,
      service: { id: service.id, name: service.name, nameEn: service.nameEn },
      date: row.slot_date,
      start: row.slot_start,
      end: row.slot_end,
      startsAt: row.starts_at.toISOString(),
      nikMasked: maskNik(this.cipher.decrypt(row.nik_cipher)),
      fullName: this.cipher.decrypt(row.name_cipher),
      phoneMasked: maskPhone(this.cipher.decrypt(row.phone_cipher)),
      checkIn: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() },
      ticket,
      hasManageToken: row.manage_token_hash !== null,
      createdAt: row.created_at.toISOString(),
      priorityGroup: row.priority_group,
      needs: row.needs,
    };
    return base;
  }
}

/** Every field checked by the shared rules of libs/domain (common/citizen-identity.ts) and email-by-email's address; all problems named at once. */
function checkPerson(dto: CreateBookingDto, now: Date): CheckedCitizenIdentity & { email: string | null } {
  const more: FieldError[] = dto.notifyBy === 'email' && !dto.email?.trim() ? [{ field: 'notifyBy', message: BookingMessages.notifyByEmailWithoutEmail }] : [];
  return { ...checkCitizenIdentity(dto, now, BookingMessages.invalidPerson, more), email: dto.email?.trim().toLowerCase() || null };
}


/** Constant-time comparison of two hashes (false, not an exception, when the lengths differ). */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A site's booking policy as GET and PUT /admin/sites/{code}/booking-policy carry it. */
export function toBookingPolicy(site: SiteEntity): BookingPolicy {
  return { checkInEarlyMinutes: site.checkinEarlyMinutes, checkInLateMinutes: site.checkinLateMinutes, latePolicy: site.checkinLatePolicy, weeklyLimitPerNik: site.bookingWeeklyLimit };
}
