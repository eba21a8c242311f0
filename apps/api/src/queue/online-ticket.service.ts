import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { CitizenLanguage, LocalizedText, OnlineTicketAvailability, OnlineTicketClosedReason, OnlineTicketCreatedResponse, OnlineTicketNotifyBy, OnlineTicketPolicy, OnlineTicketTiming } from '@mpp/contracts';
import {
  localDate,
  localTime,
  onlineTicketWindow,
  timeZoneAbbreviation,
  type OnlineTicketWindow,
} from '@mpp/domain';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { ServiceEntity } from '../catalogue/entities/service.entity';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { SitesService } from '../catalogue/sites.service';
import { AuditLog } from '../common/audit-log';
import { checkCitizenIdentity } from '../common/citizen-identity';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { randomToken } from '../common/random-token';
import { TICKET_CONTACTS, type TicketContacts } from '../common/ticket-contacts';
import { DayEndService } from './day-end.service';
import type { CreateOnlineTicketDto, OnlineTicketPolicyDto } from './online-ticket.dto';
import { OnlineTicketMessages } from './online-ticket.messages';
import { OnlineTicketRepository } from './online-ticket.repository';
import { QueuePlaceRepository } from './queue-place.repository';
import { QueuePlaceService } from './queue-place.service';
import { QueuePublisher } from './queue-publisher';
import { ticketNumber } from './queue.mapper';
import { QueueMessages } from './queue.messages';
import { IssuedTicketRow, QueueRepository, TicketRow } from './queue.repository';

/** What the site and the queue say about a ticket taken now. */
type Window = { site: SiteEntity; service: ServiceEntity; today: string; waitMinutes: number | null; window: OnlineTicketWindow };

/** The code of each refusal's answer (409, with a message saying why and what to do). */
const REFUSAL_CODES: Readonly<Record<OnlineTicketClosedReason, string>> = {
  disabled: 'ONLINE_TICKET_DISABLED',
  closed_today: 'SITE_CLOSED',
  before_opening: 'SITE_NOT_OPEN_YET',
  after_closing: 'SITE_CLOSED',
  on_break: 'SITE_ON_BREAK',
  no_counter_open: 'NO_COUNTER_OPEN',
  wait_past_closing: 'WAIT_PAST_CLOSING',
};

/**
 * Tickets taken from home ("antrean daring", docs/queue.md "Online tickets"): the same queue,
 * numbering, calling policy and no-show rules as the kiosk's tickets (QueueRepository.issue, with
 * source 'online'), allowed while the site serves and the estimated call fits before closing,
 * within a NIK's daily caps, with an Idempotency-Key. Who took it is kept as bookings keep it:
 * the NIK's keyed hash, the NIK, name and mobile encrypted; the answer carries nothing personal.
 */
@Injectable()
export class OnlineTicketService implements OnModuleInit {
  /** Where the number to tell when called is kept (notifications/, through common/ticket-contacts.ts); null: no notifications here. */
  private contacts: TicketContacts | null = null;

  constructor(
    private readonly repo: OnlineTicketRepository,
    private readonly queue: QueueRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly sites: SitesService,
    private readonly places: QueuePlaceService,
    private readonly placeRepo: QueuePlaceRepository,
    private readonly publisher: QueuePublisher,
    private readonly dayEnd: DayEndService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    try {
      this.contacts = this.moduleRef.get<TicketContacts>(TICKET_CONTACTS, { strict: false });
    } catch {
      new Logger('OnlineTickets').log({ msg: 'no notifications in this application: online tickets are not told by message when called' });
    }
  }

  /** Whether the portal should offer the form now, and if not why. */
  async availability(serviceId: string): Promise<OnlineTicketAvailability> {
    const service = await this.requireService(serviceId);
    const site = (await this.catalogue.cachedSite(service.siteId))!;
    const caps = await this.repo.policy(site.id);
    if (!service.onlineTicketEnabled) {
      return { serviceId, enabled: false, available: false, reason: 'disabled', message: OnlineTicketMessages.disabled, estimatedWaitMinutes: null, estimatedCallAt: null, closesAt: null, timeZone: site.timeZone, caps };
    }
    const w = await this.window(service, site);
    const refusal = this.refusal(w);
    return {
      serviceId,
      enabled: true,
      available: refusal === null,
      reason: refusal?.reason ?? null,
      message: refusal?.message ?? null,
      estimatedWaitMinutes: w.waitMinutes,
      estimatedCallAt: w.window.open ? w.window.estimatedCallAt.toISOString() : null,
      closesAt: w.window.open ? w.window.closesAt : null,
      timeZone: site.timeZone,
      caps,
    };
  }

  /**
   * Takes a ticket from home. With an Idempotency-Key, the same request (same NIK) gets the same
   * ticket however often it is retried and however many retries race: everything one NIK does
   * runs under the lock of its keyed hash, where the key is looked up before anything is issued.
   */
  async create(dto: CreateOnlineTicketDto, idempotencyKey: string | null): Promise<{ ticket: OnlineTicketCreatedResponse; replayed: boolean }> {
    const person = checkCitizenIdentity(dto, this.clock.now(), OnlineTicketMessages.invalidPerson);
    const nikHash = this.cipher.lookupHash(person.nik);
    const idempotency = idempotencyKey
      ? {
          scope: `online:${nikHash}`,
          key: idempotencyKey,
          hash: this.cipher.lookupHash(JSON.stringify(['online-ticket', dto.serviceId, person.nik, person.fullName, person.phone, ...choiceInKey(dto)])),
        }
      : null;

    const service = await this.catalogue.cachedActiveService(dto.serviceId);
    const site = service ? (await this.catalogue.cachedSite(service.siteId))! : null;
    // The site and the queue are asked before the NIK's lock: a retry of a ticket already taken is
    // answered with it even when the hours or the wait refuse a new one now.
    const w = service && site ? await this.window(service, site) : null;
    const refusal = w ? this.refusal(w) : null;
    // Read before the transaction: inside it, a second connection per request would starve the
    // pool while racing requests of one NIK hold theirs waiting for its lock.
    const caps = site ? await this.repo.policy(site.id) : null;

    const outcome = await this.repo.transaction(async (tx): Promise<{ replayedTicketId: string } | { issued: IssuedTicketRow }> => {
      await this.repo.lockNik(tx, nikHash);
      if (idempotency) {
        const existing = await this.repo.findKey(tx, idempotency.scope, idempotency.key);
        if (existing) {
          if (existing.request_hash !== idempotency.hash) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', QueueMessages.idempotencyMismatch);
          }
          return { replayedTicketId: existing.ticket_id };
        }
      }
      if (!service || !site || !w || !caps) throw ApiException.notFound('SERVICE_NOT_FOUND', OnlineTicketMessages.serviceNotFound);
      if (refusal) throw ApiException.conflict(REFUSAL_CODES[refusal.reason], refusal.message);

      const taken = await this.repo.countForNik(tx, { nikHash, siteId: site.id, localDate: w.today, serviceId: service.id });
      if (taken.service >= caps.perServiceDaily) throw ApiException.conflict('ONLINE_TICKET_LIMIT_SERVICE', OnlineTicketMessages.capService(caps.perServiceDaily));
      if (taken.all >= caps.perDay) throw ApiException.conflict('ONLINE_TICKET_LIMIT_DAY', OnlineTicketMessages.capDay(caps.perDay));

      const now = this.clock.now();
      const issued = await this.queue.issue(
        {
          siteId: site.id,
          serviceId: service.id,
          prefix: service.ticketPrefix,
          localDate: w.today,
          quota: service.dailyQuota,
          publicCode: randomToken(12),
          priority: 'regular',
          source: 'online',
          queueAt: now,
          issuedAt: now,
          userId: null,
          deviceId: null,
          idempotency,
        },
        tx,
      );
      if (!issued) throw ApiException.conflict('DAILY_QUOTA_REACHED', OnlineTicketMessages.quotaFull);
      await this.repo.insert(tx, {
        ticketId: issued.id,
        siteId: site.id,
        serviceId: service.id,
        localDate: w.today,
        nikHash,
        nikCipher: this.cipher.encrypt(person.nik),
        nameCipher: this.cipher.encrypt(person.fullName),
        phoneCipher: this.cipher.encrypt(person.phone),
      });
      // "Told when called" on the channel the citizen chose, kept with the ticket (nothing for 'none').
      const [notifyBy, language] = notifyChoiceOf(dto);
      if (notifyBy !== 'none' && this.contacts) await this.contacts.watch(issued.id, { channel: notifyBy, to: person.phone, language }, tx);
      // Announced once the transaction commits (a rolled-back ticket is never heard of).
      this.publisher.ticketChanged(tx, issued, 'issue', null);
      return { issued };
    });

    if ('replayedTicketId' in outcome) {
      const row = (await this.queue.findTicketById(outcome.replayedTicketId))!;
      const siteOfRow = (await this.catalogue.cachedSite(row.site_id))!;
      return { ticket: await this.response(row, siteOfRow, false), replayed: true };
    }
    return { ticket: await this.response(outcome.issued, site!, true), replayed: false };
  }

  /** The server's clock and the site's calendar, for the ticket page's "when to set off" (nothing personal). */
  async timing(code: string): Promise<OnlineTicketTiming> {
    const row = await this.queue.findTicketByPublicCode(code);
    if (!row) throw ApiException.notFound('TICKET_NOT_FOUND', QueueMessages.ticketNotFound);
    const site = (await this.catalogue.cachedSite(row.site_id))!;
    const now = this.clock.now();
    const closures = await this.catalogue.cachedClosuresOn(site, localDate(now, site.timeZone));
    return { now: now.toISOString(), timeZone: site.timeZone, hours: site.openingHours, closures: closures.map((c) => ({ date: c.date, name: c.name, kind: c.kind })) };
  }

  async policy(staff: StaffPrincipal, siteCode: string): Promise<OnlineTicketPolicy> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    return this.repo.policy(site.id);
  }

  async setPolicy(staff: StaffPrincipal, siteCode: string, dto: OnlineTicketPolicyDto): Promise<OnlineTicketPolicy> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    if (dto.perServiceDaily > dto.perDay) {
      throw ApiException.unprocessable('INVALID_ONLINE_TICKET_POLICY', OnlineTicketMessages.capsOrder, [{ field: 'perServiceDaily', message: OnlineTicketMessages.capsOrder }]);
    }
    const policy: OnlineTicketPolicy = { perServiceDaily: dto.perServiceDaily, perDay: dto.perDay };
    await this.repo.transaction(async (tx) => {
      await this.repo.lockPolicy(tx, site.id);
      const before = await this.repo.policy(site.id, tx);
      await this.repo.setPolicy(tx, site.id, policy);
      await this.audit.record(tx, { actor: staff, action: 'site.online_ticket_policy', entityType: 'site', entityId: site.id, siteId: site.id, agencyId: null, entityLabel: `${site.code} ${site.name}`, before: { ...before }, after: { ...policy } });
    });
    return this.repo.policy(site.id);
  }

  private async requireService(id: string): Promise<ServiceEntity> {
    const service = await this.catalogue.cachedActiveService(id);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', OnlineTicketMessages.serviceNotFound);
    return service;
  }

  /** The site's hours today and the estimated wait of a ticket joining the service's line now. */
  private async window(service: ServiceEntity, site: SiteEntity): Promise<Window> {
    const now = this.clock.now();
    const today = localDate(now, site.timeZone);
    const closures = await this.catalogue.cachedClosuresOn(site, today);
    const open = onlineTicketWindow({ now, timeZone: site.timeZone, hours: site.openingHours, closures, waitMinutes: 0, serviceMinutes: 0 });
    // Only a site that serves now is asked for the queue's wait.
    const waitMinutes = open.open ? await this.waitOfNewTicket(service, site, today) : null;
    const window = open.open
      ? onlineTicketWindow({ now, timeZone: site.timeZone, hours: site.openingHours, closures, waitMinutes, serviceMinutes: service.expectedServiceMinutes })
      : open;
    return { site, service, today, waitMinutes, window };
  }

  /**
   * The estimated wait (QueuePlaceService, wait-estimate.ts) of a regular ticket of the service
   * joining now: its place as the issue statement would give it, from the day's tallies with the
   * new ticket counted in its own line.
   */
  private async waitOfNewTicket(service: ServiceEntity, site: SiteEntity, today: string): Promise<number | null> {
    await this.dayEnd.closePastDays(site.id, today);
    const tallies = await this.placeRepo.dayTallies(site.id, today);
    const own = (priority: boolean) => tallies.find((r) => r.target_counter_id === null && r.service_id === service.id && r.priority === priority)?.total ?? 0;
    const joining = {
      id: '00000000-0000-0000-0000-000000000000',
      site_id: site.id,
      service_id: service.id,
      local_date: today,
      priority: 'regular',
      status: 'waiting',
      target_counter_id: null,
      waiting_regular: own(false) + 1,
      waiting_priority: own(true),
      day_tallies: tallies.filter((r) => !(r.target_counter_id === null && r.service_id === service.id)),
    } as unknown as IssuedTicketRow;
    return (await this.places.placeOf(joining, site, true)).estimatedWaitMinutes;
  }

  private refusal(w: Window): { reason: OnlineTicketClosedReason; message: LocalizedText } | null {
    if (!w.service.onlineTicketEnabled) return { reason: 'disabled', message: OnlineTicketMessages.disabled };
    const win = w.window;
    if (win.open) return null;
    const zone = timeZoneAbbreviation(w.site.timeZone);
    switch (win.reason) {
      case 'closed_today':
        return { reason: win.reason, message: OnlineTicketMessages.closedToday(win.name ? { id: win.name, en: win.name } : { id: 'hari libur mingguan', en: 'weekly day off' }) };
      case 'before_opening':
        return { reason: win.reason, message: OnlineTicketMessages.beforeOpening(win.opensAt, zone) };
      case 'after_closing':
        return { reason: win.reason, message: OnlineTicketMessages.afterClosing(win.closedAt, zone) };
      case 'on_break':
        return { reason: win.reason, message: OnlineTicketMessages.onBreak(win.until, zone) };
      case 'no_counter_open':
        return { reason: win.reason, message: OnlineTicketMessages.noCounterOpen };
      case 'wait_past_closing':
        return {
          reason: win.reason,
          message: OnlineTicketMessages.waitPastClosing(w.waitMinutes ?? 0, localTime(win.estimatedCallAt, w.site.timeZone), win.closesAt, zone),
        };
    }
  }

  /** The answer: where the ticket's page is and when it will probably be called; nothing personal. */
  private async response(row: TicketRow, site: SiteEntity, issuedNow: boolean): Promise<OnlineTicketCreatedResponse> {
    const place = row.status === 'waiting' ? await this.places.placeOf(row, site, issuedNow).catch(() => null) : null;
    const wait = place?.estimatedWaitMinutes ?? null;
    return {
      publicCode: row.public_code,
      number: ticketNumber(row),
      ticketUrl: `/tiket/${row.public_code}`,
      siteCode: row.site_code,
      timeZone: row.time_zone,
      service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
      estimatedWaitMinutes: wait,
      estimatedCallAt: wait === null ? null : new Date(this.clock.now().getTime() + wait * 60_000).toISOString(),
    };
  }
}

/** The citizen's choice for "called" messages, with its defaults (SMS, Indonesian). */
function notifyChoiceOf(dto: CreateOnlineTicketDto): [OnlineTicketNotifyBy, CitizenLanguage] {
  return [dto.notifyBy ?? 'sms', dto.language ?? 'id'];
}

/** The choice as part of the request an Idempotency-Key stands for; the defaults add nothing, so keys taken before the choice existed still match. */
function choiceInKey(dto: CreateOnlineTicketDto): string[] {
  const choice = notifyChoiceOf(dto);
  return choice[0] === 'sms' && choice[1] === 'id' ? [] : choice;
}

