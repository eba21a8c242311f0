import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type {
  ApplicationCreatedResponse,
  ApplicationDocumentResponse,
  CitizenLanguage,
  ApplicationEventResponse,
  ApplicationFlagKindName,
  ApplicationInboxResponse,
  ApplicationResponse,
  ApplicationResultDeliveryName,
  ApplicationStateName,
  FieldError,
} from '@mpp/contracts';
import {
  addDaysToLocalDate,
  APPLICATION_FLAG_URGENCY,
  applicationClock,
  applicationFlagsAt,
  APPLICATION_STATE_LABELS,
  checkApplicationTransition,
  generateBookingCode,
  isApplicationFinal,
  localDate,
  maskNik,
  maskPhone,
  mostUrgentFlag,
  normalizeBookingCode,
  type ApplicationTransitionDetails,
} from '@mpp/domain';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { ServiceEntity } from '../catalogue/entities/service.entity';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import type { CitizenPrincipal } from '../citizen/citizen-sessions.service';
import { checkCitizenIdentity, type CheckedCitizenIdentity } from '../common/citizen-identity';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { isUniqueViolation } from '../common/errors/pg-error';
import { PiiCipher } from '../common/pii-cipher';
import { randomToken } from '../common/random-token';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DATA_KEY } from '../config/data-key';
import { applicationSurveySubject, surveyLink } from '../survey/survey-invitation';
import { SurveyTokenSealer } from '../survey/survey-token';
import { ApplicationFlags } from './application-flags';
import { ApplicationNotifier } from './application-notifier';
import { ApplicationMessages } from './application.messages';
import { hasIssuedDocument } from './documents/issued-document-checks';
import { ApplicationDocumentRow, ApplicationRepository, ApplicationRow, type InboxRow } from './application.repository';
import { CreateApplicationDto, CreateWalkInApplicationDto, InboxQueryDto } from './dto/application.dto';

/** 192 bits from the CSPRNG: the secret that proves ownership of an application made without an account. */
const SECRET_BYTES = 24;
const INBOX_PAGE = 20;

/** Where a request came from, for the trail. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Who asks for a transition: the owner (by session or secret), an officer of the agency, or the system. */
export type ApplicationActorRef = { kind: 'citizen'; citizenId: string | null } | { kind: 'officer'; staff: StaffPrincipal } | { kind: 'system' };

/** The owner's proof: a live citizen session, or the secret given at creation. */
export interface OwnerProof {
  citizen: CitizenPrincipal | null;
  secret: string | null;
}

function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The upload limit while a service states none (H3's service.max_upload_mb defaults to it too). */
export const DEFAULT_MAX_UPLOAD_MB = 20;

/** A service's largest document, in bytes. */
export function maxUploadBytesOf(service: Pick<ServiceEntity, 'maxUploadMb'>): number {
  return (service.maxUploadMb || DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024;
}

/** Who opens a draft: the citizen (by account or a new secret), or an officer for a walk-in from a ticket. */
type DraftOpener = { kind: 'citizen'; citizen: CitizenPrincipal | null } | { kind: 'officer'; staff: StaffPrincipal; ticketId: string };

/** What one transition asks for besides its target state. */
interface TransitionRequest {
  to: ApplicationStateName;
  /** A further check under the row's lock, after the lifecycle's (submit: every mandatory document uploaded). */
  guard?: (row: ApplicationRow, tx: EntityManager) => Promise<void>;
  details?: (row: ApplicationRow, tx: EntityManager) => Promise<ApplicationTransitionDetails>;
  set?: (row: ApplicationRow) => Partial<Pick<ApplicationRow, 'citizen_deadline' | 'result_delivery' | 'decision_reason' | 'submitted_at'>>;
  /** Work inside the transaction after the row is updated (the checklist's items). */
  after?: (row: ApplicationRow, tx: EntityManager) => Promise<void>;
  eventDetails?: Record<string, unknown>;
}

/**
 * Digital applications (docs/applications.md): the citizen's draft, submission, corrections and
 * withdrawal; the agency's inbox, claim, review and decision; the expiry of corrections not made.
 * Every transition is checked by libs/domain checkApplicationTransition, under the row's lock, and
 * in one transaction writes the row (with the SLA clock's due dates recomputed), the trail's event
 * and the citizen's message in the outbox.
 */
@Injectable()
export class ApplicationService {
  private readonly logger = new Logger(ApplicationService.name);
  private readonly surveyTokens: SurveyTokenSealer;

  constructor(
    private readonly repo: ApplicationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly notifier: ApplicationNotifier,
    private readonly flags: ApplicationFlags,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_KEY) dataKey: Buffer,
  ) {
    this.surveyTokens = new SurveyTokenSealer(dataKey);
  }

  // ---- citizen ---------------------------------------------------------------------------

  async create(dto: CreateApplicationDto, citizen: CitizenPrincipal | null, origin: RequestOrigin): Promise<ApplicationCreatedResponse> {
    const person = checkPerson(dto, this.clock.now());
    const service = await this.catalogue.findActiveServiceById(dto.serviceId);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', ApplicationMessages.serviceNotFound);
    const { row, secret } = await this.openDraft(service, person, dto.language ?? 'id', { kind: 'citizen', citizen }, origin);
    return { application: await this.describe(row, false), secret };
  }

  /**
   * A walk-in's application (docs/applications.md, Walk-in): opened by the officer serving the
   * citizen's ticket at their counter, for the ticket's service. The citizen proves ownership later
   * like an online applicant without an account: the secret goes only to their phone (SMS), with
   * the code; the officer never sees it.
   */
  async createWalkIn(staff: StaffPrincipal, dto: CreateWalkInApplicationDto, origin: RequestOrigin): Promise<ApplicationResponse> {
    const agencyId = requireAgency(staff);
    const person = checkPerson(dto, this.clock.now());
    const ticket = await this.repo.transaction((tx) => this.repo.lockWalkInTicket(tx, dto.ticketId));
    if (!ticket || ticket.agency_id !== agencyId) throw ApiException.notFound('TICKET_NOT_FOUND', ApplicationMessages.ticketNotFound);
    const service = await this.catalogue.findActiveServiceById(ticket.service_id);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', ApplicationMessages.serviceNotFound);
    const { row } = await this.openDraft(service, person, dto.language ?? 'id', { kind: 'officer', staff, ticketId: ticket.id }, origin);
    return this.describe(row, true);
  }

  /** The draft, its checklist, the trail's first event and the citizen's first message (with the secret), in one transaction. */
  private async openDraft(
    service: ServiceEntity,
    person: CheckedCitizenIdentity & { email: string | null },
    language: CitizenLanguage,
    opener: DraftOpener,
    origin: RequestOrigin,
  ): Promise<{ row: ApplicationRow; secret: string | null }> {
    const now = this.clock.now();
    if (!service.applicationsEnabled) throw ApiException.unprocessable('APPLICATIONS_NOT_OFFERED', ApplicationMessages.applicationsDisabled);
    const site = (await this.catalogue.cachedSite(service.siteId))!;
    const citizen = opener.kind === 'citizen' ? opener.citizen : null;
    const secret = citizen ? null : randomToken(SECRET_BYTES);
    let created: { row: ApplicationRow; outbox: string[] } | null = null;
    for (let attempt = 0; attempt < 3 && !created; attempt++) {
      try {
        created = await this.repo.transaction(async (tx) => {
          if (opener.kind === 'officer') {
            // Under the ticket's lock: still being served, at the counter where this officer sits.
            const ticket = await this.repo.lockWalkInTicket(tx, opener.ticketId);
            if (!ticket || ticket.status !== 'serving' || !ticket.counter_id || ticket.counter_officer_id !== opener.staff.userId) {
              throw ApiException.conflict('TICKET_NOT_SERVED_BY_YOU', ApplicationMessages.ticketNotServedByYou);
            }
          }
          // The requirement set cannot change between reading its version and copying its rows.
          const version = await this.repo.shareLockRequirementsVersion(tx, service.id);
          const row = await this.repo.insert(tx, {
            code: generateBookingCode((n) => randomBytes(n)),
            service_id: service.id,
            site_id: service.siteId,
            agency_id: service.agencyId,
            requirements_version: version!,
            citizen_id: citizen?.citizenId ?? null,
            owner_secret_hash: secret ? secretHash(secret) : null,
            nik_hash: this.cipher.lookupHash(person.nik),
            nik_cipher: this.cipher.encrypt(person.nik),
            name_cipher: this.cipher.encrypt(person.fullName),
            phone_cipher: this.cipher.encrypt(person.phone),
            email_cipher: person.email ? this.cipher.encrypt(person.email) : null,
            language,
            opened_by_officer_id: opener.kind === 'officer' ? opener.staff.userId : null,
            ticket_id: opener.kind === 'officer' ? opener.ticketId : null,
            now,
          });
          await this.repo.insertItemsFromRequirements(tx, row.id, service.id);
          await this.repo.appendEvent(tx, {
            applicationId: row.id,
            action: 'create',
            from: null,
            to: 'draft',
            actorKind: opener.kind,
            actorId: opener.kind === 'officer' ? opener.staff.userId : (citizen?.citizenId ?? null),
            at: now,
            ...origin,
            details: { requirementsVersion: row.requirements_version, ...(opener.kind === 'officer' ? { walkIn: true, ticketId: opener.ticketId } : {}) },
          });
          const outbox = await this.notifier.enqueue(tx, row, { serviceName: { id: service.name, en: service.nameEn }, timeZone: site.timeZone, secret });
          return { row, outbox };
        });
      } catch (error) {
        if (isUniqueViolation(error, 'uq_application_code')) continue;
        throw error;
      }
    }
    this.notifier.deliver(created!.outbox);
    return { row: created!.row, secret };
  }

  async read(code: string, proof: OwnerProof): Promise<ApplicationResponse> {
    return this.describe(await this.requireOwned(code, proof), false);
  }

  async submit(code: string, proof: OwnerProof, origin: RequestOrigin): Promise<ApplicationResponse> {
    const row = await this.requireOwned(code, proof);
    const actor: ApplicationActorRef = { kind: 'citizen', citizenId: proof.citizen?.citizenId ?? null };
    return this.describe(await this.transition(row.id, actor, origin, this.submitRequest()), false);
  }

  async resubmit(code: string, proof: OwnerProof, origin: RequestOrigin): Promise<ApplicationResponse> {
    const row = await this.requireOwned(code, proof);
    const actor: ApplicationActorRef = { kind: 'citizen', citizenId: proof.citizen?.citizenId ?? null };
    return this.describe(await this.transition(row.id, actor, origin, this.resubmitRequest()), false);
  }

  async withdraw(code: string, proof: OwnerProof, origin: RequestOrigin): Promise<ApplicationResponse> {
    const row = await this.requireOwned(code, proof);
    const actor: ApplicationActorRef = { kind: 'citizen', citizenId: proof.citizen?.citizenId ?? null };
    return this.describe(await this.transition(row.id, actor, origin, { to: 'withdrawn' }), false);
  }

  // ---- officers --------------------------------------------------------------------------

  async inbox(staff: StaffPrincipal, q: InboxQueryDto): Promise<ApplicationInboxResponse> {
    const agencyId = requireAgency(staff);
    const now = this.clock.now();
    const limit = q.limit ?? INBOX_PAGE;
    // The agency's site's current working day bounds due_soon, for the filter and each row's flags alike.
    const siteId = staff.siteId ?? (await this.catalogue.findAgencyById(agencyId))?.siteId ?? null;
    const currentClose = siteId ? await this.flags.currentCloseOf(siteId, now) : null;
    const rows = await this.repo.inbox({ agencyId, state: q.state ?? null, due: q.due ?? null, now, currentClose, after: q.cursor ? decodeCursor(q.cursor) : null, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = rows.length > limit ? rows[limit - 1] : null;
    return {
      items: page.map((r) => ({
        id: r.id,
        code: r.code,
        state: r.state,
        serviceId: r.service_id,
        serviceName: r.service_name,
        assignedOfficerId: r.assigned_officer_id,
        dueAt: r.due_at?.toISOString() ?? null,
        legalDueAt: r.legal_due_at?.toISOString() ?? null,
        citizenDeadline: r.citizen_deadline?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
        ...inboxFlags(r, now, currentClose),
      })),
      nextCursor: last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async detail(staff: StaffPrincipal, id: string): Promise<ApplicationResponse & { events: ApplicationEventResponse[] }> {
    const row = await this.requireForAgency(staff, id);
    const events = await this.repo.events(row.id);
    return {
      ...(await this.describe(row, true)),
      events: events.map((e) => ({
        action: e.action,
        from: e.from_state,
        to: e.to_state,
        actorKind: e.actor_kind,
        actorId: e.actor_id,
        actorName: e.actor_kind === 'officer' ? e.actor_name : null,
        at: e.at.toISOString(),
      })),
    };
  }

  /** Takes the application for this officer; another officer's claim is refused (409). */
  async claim(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    const agencyId = requireAgency(staff);
    const row = await this.repo.transaction(async (tx) => {
      const a = await this.repo.lockById(tx, id);
      if (!a || !visibleToAgency(a, agencyId)) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
      if (isApplicationFinal(a.state)) throw ApiException.conflict('APPLICATION_FINAL', ApplicationMessages.claimFinal);
      if (a.assigned_officer_id === staff.userId) return a;
      if (a.assigned_officer_id && staff.role !== 'agency_admin') throw ApiException.conflict('APPLICATION_CLAIMED', ApplicationMessages.claimedByOther);
      const now = this.clock.now();
      const updated = await this.repo.update(tx, a.id, { assigned_officer_id: staff.userId }, now);
      await this.repo.appendEvent(tx, { applicationId: a.id, action: 'claim', from: a.state, to: a.state, actorKind: 'officer', actorId: staff.userId, at: now, ...origin, details: { previousOfficerId: a.assigned_officer_id } });
      return updated;
    });
    return this.describe(row, true);
  }

  /** Marks one requirement accepted, or needing revision with the reason the citizen reads. */
  async reviewItem(staff: StaffPrincipal, id: string, requirementId: string, state: 'accepted' | 'needs_revision', reason: string | undefined, origin: RequestOrigin): Promise<ApplicationResponse> {
    const text = reason?.trim() || null;
    if (state === 'needs_revision' && !text) {
      throw ApiException.unprocessable('ITEM_REASON_MISSING', ApplicationMessages.itemReasonMissing, [{ field: 'reason', message: ApplicationMessages.itemReasonMissing }]);
    }
    const row = await this.repo.transaction(async (tx) => {
      const a = await this.lockForOfficer(tx, staff, id);
      if (!['in_verification', 'resubmitted', 'in_process'].includes(a.state)) throw ApiException.conflict('APPLICATION_NOT_UNDER_REVIEW', ApplicationMessages.notUnderReview);
      const now = this.clock.now();
      if (!(await this.repo.setItemState(tx, a.id, requirementId, state, state === 'accepted' ? null : text, staff.userId, now))) {
        throw ApiException.notFound('APPLICATION_ITEM_NOT_FOUND', ApplicationMessages.itemNotFound);
      }
      // The first officer to act claims it; an agency admin acting on another's claim leaves it theirs.
      const updated = await this.repo.update(tx, a.id, { assigned_officer_id: a.assigned_officer_id ?? staff.userId }, now);
      await this.repo.appendEvent(tx, { applicationId: a.id, action: 'review_item', from: a.state, to: a.state, actorKind: 'officer', actorId: staff.userId, at: now, ...origin, details: { requirementId, state } });
      return updated;
    });
    return this.describe(row, true);
  }

  startVerification(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, { to: 'in_verification' });
  }

  /** Returns the items marked needs_revision to the citizen, with a deadline; the SLA clock pauses. */
  returnForCorrection(staff: StaffPrincipal, id: string, citizenDeadline: Date, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, {
      to: 'returned',
      details: async (a, tx) => ({
        citizenDeadline,
        returnedItems: (await this.repo.items(a.id, tx)).filter((i) => i.state === 'needs_revision').map((i) => ({ requirementId: i.requirement_id, reason: i.reason ?? '' })),
      }),
      set: () => ({ citizen_deadline: citizenDeadline }),
      eventDetails: { citizenDeadline: citizenDeadline.toISOString() },
    });
  }

  /** Marks the application complete (received complete: the SLA clock starts the first time). */
  accept(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, {
      to: 'complete',
      details: async (a, tx) => ({ unacceptedItemCount: (await this.repo.items(a.id, tx)).filter((i) => i.state !== 'accepted').length }),
    });
  }

  startProcess(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, { to: 'in_process' });
  }

  approve(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, { to: 'approved' });
  }

  reject(staff: StaffPrincipal, id: string, reason: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, { to: 'rejected', details: () => Promise.resolve({ reason }), set: () => ({ decision_reason: reason.trim() }) });
  }

  markReady(staff: StaffPrincipal, id: string, delivery: ApplicationResultDeliveryName, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, {
      to: 'ready',
      details: () => Promise.resolve({ resultDelivery: delivery }),
      // A result to download must exist first (uploaded, or a letter generated: documents/).
      guard: async (a, tx) => {
        if (delivery === 'download' && !(await hasIssuedDocument(tx, a.id, 'result'))) {
          throw ApiException.unprocessable('RESULT_DOCUMENT_MISSING', ApplicationMessages.resultDocumentMissing);
        }
      },
      set: () => ({ result_delivery: delivery }),
      eventDetails: { delivery },
    });
  }

  finish(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, { to: 'done' });
  }

  /** A walk-in's draft, submitted by the officer at the counter once its documents are uploaded. */
  submitAtCounter(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, this.submitRequest());
  }

  /** Corrections brought to the counter: the officer resubmits for the citizen. */
  resubmitAtCounter(staff: StaffPrincipal, id: string, origin: RequestOrigin): Promise<ApplicationResponse> {
    return this.officerStep(staff, id, origin, this.resubmitRequest());
  }

  // ---- system ----------------------------------------------------------------------------

  /** Returned applications past their correction deadline become expired (the job ApplicationSweeper). */
  async expireOverdueCorrections(): Promise<number> {
    const ids = await this.repo.findReturnedPastDeadline(this.clock.now());
    let expired = 0;
    for (const id of ids) {
      try {
        await this.transition(id, { kind: 'system' }, { ip: null, userAgent: null }, { to: 'expired', details: (a) => Promise.resolve({ correctionDeadline: a.citizen_deadline ?? undefined }) });
        expired++;
      } catch (error) {
        // Resubmitted or withdrawn meanwhile: nothing to expire.
        if (!(error instanceof ApiException)) throw error;
      }
    }
    if (expired) this.logger.log({ msg: 'applications expired after their correction deadline', count: expired });
    return expired;
  }

  // ---- the transition --------------------------------------------------------------------

  private submitRequest(): TransitionRequest {
    return { to: 'submitted', guard: (a, tx) => this.requireMandatoryDocuments(a, tx), set: () => ({ submitted_at: this.clock.now() }) };
  }

  private resubmitRequest(): TransitionRequest {
    return {
      to: 'resubmitted',
      guard: (a, tx) => this.requireMandatoryDocuments(a, tx),
      set: () => ({ citizen_deadline: null }),
      after: (a, tx) => this.repo.reopenRevisedItems(tx, a.id),
    };
  }

  /** 422 DOCUMENTS_MISSING naming every mandatory item that has no document yet. */
  private async requireMandatoryDocuments(a: ApplicationRow, tx: EntityManager): Promise<void> {
    const missing = await this.repo.mandatoryItemsWithoutDocument(tx, a.id);
    if (missing.length === 0) return;
    const names = { id: missing.map((i) => i.name).join('; '), en: missing.map((i) => i.name_en ?? i.name).join('; ') };
    throw ApiException.unprocessable(
      'DOCUMENTS_MISSING',
      ApplicationMessages.documentsMissing(names),
      missing.map((i) => ({ field: i.requirement_id, message: ApplicationMessages.documentsMissing({ id: i.name, en: i.name_en ?? i.name }) })),
    );
  }

  private async officerStep(staff: StaffPrincipal, id: string, origin: RequestOrigin, request: TransitionRequest): Promise<ApplicationResponse> {
    return this.describe(await this.transition(id, { kind: 'officer', staff }, origin, request), true);
  }

  /**
   * One transition: the row locked, the caller checked (an officer: their agency, not another's
   * claim), checkApplicationTransition, the row updated with the clock's due dates, the event
   * appended and the citizen's message written, all in one transaction; the message is sent after
   * the commit. A second request racing the first waits for the lock and then finds the new state.
   */
  private async transition(id: string, actor: ApplicationActorRef, origin: RequestOrigin, request: TransitionRequest): Promise<ApplicationRow> {
    const { row, outbox } = await this.repo.transaction(async (tx) => {
      const a = actor.kind === 'officer' ? await this.lockForOfficer(tx, actor.staff, id) : await this.repo.lockById(tx, id);
      if (!a) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
      const now = this.clock.now();
      const details = { now, ...(request.details ? await request.details(a, tx) : {}) };
      const check = checkApplicationTransition(a.state, request.to, actor.kind, details);
      if (!check.allowed) {
        const code = check.problems[0].code;
        const status = code === 'no_such_transition' ? HttpStatus.CONFLICT : code === 'actor_not_allowed' ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_ENTITY;
        const fields: FieldError[] = check.problems.map((p) => ({ field: p.requirementId ?? p.code, message: p.message }));
        throw new ApiException(status, code.toUpperCase(), check.message, status === HttpStatus.UNPROCESSABLE_ENTITY ? fields : undefined);
      }
      if (request.guard) await request.guard(a, tx);
      const service = (await this.catalogue.findServiceById(a.service_id))!;
      const site = (await this.catalogue.cachedSite(a.site_id))!;
      const history = [...(await this.repo.events(a.id, tx)).filter((e) => e.from_state !== e.to_state).map((e) => ({ state: e.to_state, at: e.at })), { state: request.to, at: now }];
      const clock = await this.clockOf(service, site, a.created_at, history, now);
      const updated = await this.repo.update(
        tx,
        a.id,
        {
          state: request.to,
          ...(request.set ? request.set(a) : {}),
          ...(actor.kind === 'officer' ? { assigned_officer_id: a.assigned_officer_id ?? actor.staff.userId } : {}),
          clock_phase: clock.phase,
          clock_started_at: clock.startedAt,
          due_at: clock.due,
          legal_due_at: clock.legal.due,
        },
        now,
      );
      if (request.after) await request.after(updated, tx);
      await this.repo.appendEvent(tx, {
        applicationId: a.id,
        action: check.rule.action,
        from: a.state,
        to: request.to,
        actorKind: actor.kind,
        actorId: actor.kind === 'officer' ? actor.staff.userId : actor.kind === 'citizen' ? actor.citizenId : null,
        at: now,
        ...origin,
        details: { ...(request.eventDetails ?? {}), ...(details.returnedItems ? { returnedItems: details.returnedItems } : {}) },
      });
      const outboxIds = await this.notifier.enqueue(tx, updated, {
        serviceName: { id: service.name, en: service.nameEn },
        timeZone: site.timeZone,
        returnedCount: details.returnedItems?.length,
        surveyUrl: updated.state === 'done' ? this.surveyUrl(updated, localDate(now, site.timeZone)) : null,
      });
      return { row: updated, outbox: outboxIds };
    });
    this.notifier.deliver(outbox);
    return row;
  }

  /**
   * The SKM survey's link for a finished application (docs/survey.md): sealed from the row and the
   * site-local day it was finished; reads and writes nothing. Ready → done and rejected → done both
   * get it (a refusal is a service given too).
   */
  private surveyUrl(row: ApplicationRow, finishedOn: string): string {
    return surveyLink(this.surveyTokens.seal(applicationSurveySubject(row, finishedOn)), this.config.publicUrl);
  }

  /** The SLA clock (libs/domain applicationClock) on the site's calendar, from the application's first day on. */
  private async clockOf(service: ServiceEntity, site: SiteEntity, createdAt: Date, history: { state: ApplicationStateName; at: Date }[], now: Date) {
    const from = localDate(createdAt, site.timeZone);
    // Two years past today covers the longest completion time (365 days) and pauses.
    const closures = await this.catalogue.listClosuresBetween(site, from, addDaysToLocalDate(localDate(now, site.timeZone), 730));
    return applicationClock({
      // A service that states no completion time gets the legal default (UU 30/2014 Pasal 53 (2): 5 working days).
      completionTime: service.completionTimeValue !== null && service.completionTimeUnit !== null ? { value: service.completionTimeValue, unit: service.completionTimeUnit } : null,
      calendar: { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama },
      history,
      now,
    });
  }

  // ---- access ----------------------------------------------------------------------------

  /** The application of the caller: their citizen session's, or the one the secret opens. Else 404. */
  async requireOwned(rawCode: string, proof: OwnerProof): Promise<ApplicationRow> {
    const code = normalizeBookingCode(rawCode);
    const row = code ? await this.repo.findByCode(code) : null;
    const bySession = Boolean(row && proof.citizen && row.citizen_id === proof.citizen.citizenId);
    const bySecret = Boolean(row?.owner_secret_hash && proof.secret && sameBytes(secretHash(proof.secret), row.owner_secret_hash));
    if (!row || !(bySession || bySecret)) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    return row;
  }

  /** The application of the officer's agency (a citizen's own draft is not: a walk-in's is). Else 404. */
  async requireForAgency(staff: StaffPrincipal, id: string): Promise<ApplicationRow> {
    const agencyId = requireAgency(staff);
    const row = await this.repo.findById(id);
    if (!row || !visibleToAgency(row, agencyId)) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    return row;
  }

  /** Locked, of the officer's agency (else 404: another agency's applications do not exist for them), not claimed by another. */
  async lockForOfficer(tx: EntityManager, staff: StaffPrincipal, id: string): Promise<ApplicationRow> {
    const agencyId = requireAgency(staff);
    const a = await this.repo.lockById(tx, id);
    if (!a || !visibleToAgency(a, agencyId)) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    if (a.assigned_officer_id && a.assigned_officer_id !== staff.userId && staff.role !== 'agency_admin') {
      throw ApiException.conflict('APPLICATION_CLAIMED', ApplicationMessages.claimedByOther);
    }
    return a;
  }

  // ---- responses -------------------------------------------------------------------------

  async describe(row: ApplicationRow, forStaff: boolean): Promise<ApplicationResponse> {
    const service = (await this.catalogue.findServiceById(row.service_id))!;
    const site = (await this.catalogue.cachedSite(row.site_id))!;
    const items = await this.repo.items(row.id);
    const documents = await this.repo.documents(row.id);
    const events = await this.repo.events(row.id);
    const officerName = forStaff && row.assigned_officer_id ? await this.repo.staffName(row.assigned_officer_id) : null;
    return {
      id: row.id,
      code: row.code,
      state: row.state,
      stateLabel: APPLICATION_STATE_LABELS[row.state],
      service: { id: service.id, name: service.name, nameEn: service.nameEn },
      siteCode: site.code,
      siteName: site.name,
      timeZone: site.timeZone,
      agencyId: row.agency_id,
      requirementsVersion: row.requirements_version,
      applicant: { nikMasked: maskNik(this.cipher.decrypt(row.nik_cipher)), phoneMasked: maskPhone(this.cipher.decrypt(row.phone_cipher)) },
      items: items.map((i) => ({
        requirementId: i.requirement_id,
        position: i.position,
        name: i.name,
        nameEn: i.name_en,
        mandatory: i.mandatory,
        state: i.state,
        reason: i.reason,
        reviewedAt: i.reviewed_at?.toISOString() ?? null,
        documents: documents.filter((d) => d.requirement_id === i.requirement_id).map((d) => this.toDocumentResponse(d)),
      })),
      citizenDeadline: row.citizen_deadline?.toISOString() ?? null,
      resultDelivery: row.result_delivery,
      decisionReason: row.decision_reason,
      clock: { phase: row.clock_phase, startedAt: row.clock_started_at?.toISOString() ?? null, dueAt: row.due_at?.toISOString() ?? null, legalDueAt: row.legal_due_at?.toISOString() ?? null },
      assignedOfficerId: forStaff ? row.assigned_officer_id : null,
      assignedOfficer: forStaff && row.assigned_officer_id ? { id: row.assigned_officer_id, fullName: officerName ?? '' } : null,
      // The state changes only (an item's review keeps the state): no actor, no origin — the owner may read it.
      timeline: events.filter((e) => e.from_state !== e.to_state).map((e) => ({ state: e.to_state, at: e.at.toISOString() })),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      version: row.version,
      maxUploadBytes: maxUploadBytesOf(service),
      walkIn: row.opened_by_officer_id !== null,
    };
  }

  /** One version of a document: the file name (decrypted) is for the owner and the agency's staff, the only readers of this shape. */
  toDocumentResponse(d: ApplicationDocumentRow): ApplicationDocumentResponse {
    return {
      id: d.id,
      version: d.version,
      contentType: d.content_type,
      size: Number(d.size),
      sha256: d.sha256,
      fileName: d.file_name_cipher ? this.cipher.decrypt(d.file_name_cipher) : null,
      uploadedAt: d.uploaded_at.toISOString(),
      uploadedBy: d.uploaded_by_kind,
      purgedAt: d.purged_at?.toISOString() ?? null,
    };
  }
}

/** An agency sees its applications once submitted, and a walk-in's draft (opened by its officer) from the start. */
function visibleToAgency(row: ApplicationRow, agencyId: string): boolean {
  return row.agency_id === agencyId && (row.state !== 'draft' || row.opened_by_officer_id !== null);
}

function requireAgency(staff: StaffPrincipal): string {
  if (!staff.agencyId) throw ApiException.forbidden('NOT_AGENCY_STAFF', ApplicationMessages.noAgency);
  return staff.agencyId;
}

/** An inbox row's flags by the flag job's rule (libs/domain applicationFlagsAt), and the most urgent of them. */
function inboxFlags(row: InboxRow, now: Date, currentClose: Date | null): { flag: ApplicationFlagKindName | null; flags: ApplicationFlagKindName[] } {
  const kinds = applicationFlagsAt({ state: row.state, clockPhase: row.clock_phase, dueAt: row.due_at, legalDueAt: row.legal_due_at, atRiskRaised: row.at_risk_raised }, now, currentClose).map(
    (f) => f.kind,
  );
  return { flag: mostUrgentFlag(kinds), flags: APPLICATION_FLAG_URGENCY.filter((kind) => kinds.includes(kind)) };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) {
    throw ApiException.badRequest('BAD_CURSOR', ApplicationMessages.badCursor, [{ field: 'cursor', message: ApplicationMessages.badCursor }]);
  }
  return { createdAt, id };
}

/** Every field checked by the shared rules of libs/domain; all problems named at once. */
function checkPerson(dto: CreateApplicationDto | CreateWalkInApplicationDto, now: Date): CheckedCitizenIdentity & { email: string | null } {
  return { ...checkCitizenIdentity(dto, now, ApplicationMessages.invalidPerson), email: dto.email?.trim().toLowerCase() || null };
}
