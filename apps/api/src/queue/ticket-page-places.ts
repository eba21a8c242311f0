import { Logger } from '@nestjs/common';
import { QUEUE_EVENTS, type PublicTicketResponse, type TicketQueueMovedEvent } from '@mpp/contracts';
import type { Namespace } from 'socket.io';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { LineTicket, QueuePlaceRepository } from './queue-place.repository';
import type { QueuePlaceService, TicketPlace } from './queue-place.service';

/**
 * A site's open pages are told their places at most this often after the line moved (the first
 * time at once), and a pass starts no sooner than PASS_SHARE times the last pass's length after
 * it began: a pass over 5,000 pages (the read, the places, 5,000 messages) takes ~0.35 s of CPU,
 * so a busy hall's pages cost at most about a third of a core and the calls keep the rest.
 */
export const PLACES_MIN_GAP_MS = 500;
const PASS_SHARE = 3;
/** Pages told (or places computed) before the event loop is let go, so requests run between slices. */
export const PAGES_PER_SLICE = 250;
/**
 * A page this near the front (its earliest place) is told every move of its line. One further
 * back is told at most every QUIET_MS_PER_PLACE per place it had when last told, and at most
 * MAX_QUIET_MS apart while its line moves: in a hall calling 10 a second, a page at place 200 is
 * told every 4 s (having moved ~20 %), one at place 2,000 every 10 s; in a hall calling every
 * few seconds every page is told every move, as before. Each message is a write to one socket
 * (the write, not the encoding, is most of a pass's cost: ~60 % of the API's CPU with 5,000
 * pages told every pass), so 5,000 pages cost a few hundred writes a second instead of 5,000+.
 * A page whose line stopped moving still gets its last place (a pass after its quiet time).
 */
export const NEAR_FRONT_PLACES = 10;
export const QUIET_MS_PER_PLACE = 20;
export const MAX_QUIET_MS = 10_000;

/** How long a page last told `place` (its earliest) waits before it is told again (0: every move). */
export const quietMs = (place: number | null): number => (place === null || place <= NEAR_FRONT_PLACES ? 0 : Math.min(MAX_QUIET_MS, place * QUIET_MS_PER_PLACE));

interface OpenPage {
  siteId: string;
  localDate: string;
  /** The place last sent to this page (`position|positionMin|wait`), so an unchanged one is not sent again. */
  last: string | null;
  /** When it was last told (the clock's ms), and its earliest place then (null: not waiting). */
  toldAt: number;
  toldPlace: number | null;
  /** Its place was computed after the line's last move (`SiteRefresh`-independent counter of moves). */
  seenMove: number;
}

interface SiteRefresh {
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  lastStart: number;
  /** The last pass's length (ms). */
  lastTook: number;
}

const placeKey = (p: Pick<TicketPlace, 'position' | 'positionMin' | 'estimatedWaitMinutes'>): string => `${p.position}|${p.positionMin}|${p.estimatedWaitMinutes}`;

/**
 * The ticket pages open in THIS process, and their places pushed to them when their line moves
 * (docs/queue.md, "Open ticket pages"). A page's `ticket.queue-moved` carries its new place
 * (position, positionMin, estimated wait), so it reads nothing: with thousands of pages open, a
 * call used to make every one of them read its ticket again.
 *
 * Per site, one read of its waiting line and one pass over it give every open page's place
 * (`QueuePlaceService.placesInLine`), at most every PLACES_MIN_GAP_MS however many changes
 * arrive meanwhile (longer when a pass takes long), one site's pass at a time (so a page gets its places in order), in slices of
 * PAGES_PER_SLICE that let requests run between them; a page whose place did not change is not
 * told. It all runs after the change's request has been answered (QueueGateway), never in it.
 */
export class TicketPagePlaces {
  private readonly logger = new Logger(TicketPagePlaces.name);
  private readonly pages = new Map<string, OpenPage>();
  private readonly bySite = new Map<string, Set<string>>();
  private readonly siteIds = new Map<string, string>();
  private readonly refresh = new Map<string, SiteRefresh>();
  /** Per site, how many times its line moved (a page's `seenMove` below it: its place may be stale). */
  private readonly moves = new Map<string, number>();
  /** Per site, the pass that tells the pages left out of the last one (quiet) once they are due. */
  private readonly followUps = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly server: Namespace,
    private readonly places: QueuePlaceService,
    private readonly repo: QueuePlaceRepository,
    private readonly catalogue: CatalogueRepository,
    /** Milliseconds, monotonic (tests give a fake clock). */
    private readonly now: () => number = () => performance.now(),
  ) {
    // A page closed (its last socket left the ticket's room): forgotten.
    server.adapter.on('delete-room', (room: string) => {
      if (room.startsWith('ticket:')) this.closed(room.slice('ticket:'.length));
    });
  }

  /** How many ticket pages (distinct tickets) are open in this process. */
  get openPages(): number {
    return this.pages.size;
  }

  /** Whether this process has a ticket page open at the site. */
  hasPages(siteId: string): boolean {
    return !!this.bySite.get(siteId)?.size;
  }

  /** A socket joined the room of `ticket` (and was sent it whole). */
  async opened(ticket: PublicTicketResponse): Promise<void> {
    const siteId = await this.siteIdOf(ticket.siteCode);
    if (!siteId || !this.server.adapter.rooms.get(`ticket:${ticket.publicCode}`)?.size) return;
    const page = this.pages.get(ticket.publicCode);
    if (page) return;
    const waiting = ticket.status === 'waiting';
    this.pages.set(ticket.publicCode, {
      siteId,
      localDate: ticket.localDate,
      last: waiting ? placeKey(ticket) : null,
      toldAt: this.now(),
      toldPlace: waiting ? (ticket.positionMin ?? ticket.position) : null,
      seenMove: this.moves.get(siteId) ?? 0,
    });
    const codes = this.bySite.get(siteId) ?? new Set<string>();
    codes.add(ticket.publicCode);
    this.bySite.set(siteId, codes);
  }

  /** The waiting line of a site moved: its open pages here are told their new places soon. */
  linesMoved(siteId: string): void {
    if (this.stopped || !this.hasPages(siteId)) return;
    this.moves.set(siteId, (this.moves.get(siteId) ?? 0) + 1);
    this.schedule(siteId);
  }

  private schedule(siteId: string): void {
    if (this.stopped || !this.hasPages(siteId)) return;
    let r = this.refresh.get(siteId);
    if (!r) {
      r = { timer: null, running: false, again: false, lastStart: -Infinity, lastTook: 0 };
      this.refresh.set(siteId, r);
    }
    if (r.running) {
      r.again = true;
      return;
    }
    if (r.timer) return;
    const refresh = r;
    refresh.timer = setTimeout(() => {
      refresh.timer = null;
      void this.run(siteId, refresh);
    }, Math.max(0, refresh.lastStart + Math.max(PLACES_MIN_GAP_MS, PASS_SHARE * refresh.lastTook) - this.now()));
    refresh.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.refresh.forEach((r) => r.timer && clearTimeout(r.timer));
    this.refresh.clear();
    this.followUps.forEach((timer) => clearTimeout(timer));
    this.followUps.clear();
  }

  private closed(code: string): void {
    const page = this.pages.get(code);
    if (!page) return;
    this.pages.delete(code);
    const codes = this.bySite.get(page.siteId);
    codes?.delete(code);
    if (codes && codes.size === 0) {
      this.bySite.delete(page.siteId);
      this.moves.delete(page.siteId);
    }
  }

  private async run(siteId: string, r: SiteRefresh): Promise<void> {
    r.running = true;
    r.lastStart = this.now();
    try {
      await this.pushPlaces(siteId);
    } catch (error) {
      // The pages keep their last place; the next move of the line tells them again.
      this.logger.warn(`ticket pages' places not pushed: ${(error as Error).message}`);
    } finally {
      r.running = false;
      r.lastTook = this.now() - r.lastStart;
      if (r.again) {
        r.again = false;
        this.schedule(siteId);
      } else if (!r.timer) {
        this.refresh.delete(siteId);
      }
    }
  }

  private async pushPlaces(siteId: string): Promise<void> {
    const codes = this.bySite.get(siteId);
    if (!codes?.size) return;
    const site = await this.catalogue.cachedSite(siteId);
    if (!site) return;
    const dates = [...new Set([...codes].map((code) => this.pages.get(code)?.localDate).filter((d): d is string => !!d))];
    const move = this.moves.get(siteId) ?? 0;
    const line = await this.repo.waitingLine(siteId, dates);
    const now = this.now();
    // The pages told this pass: near the front, or quiet long enough; the others keep their last place a while.
    const due = (page: OpenPage) => page.last === null || now - page.toldAt >= quietMs(page.toldPlace);
    const waiting = new Set<string>();
    let nextDue = Infinity;
    for (const day of dates) {
      const ofDay = line.filter((t) => t.local_date === day);
      const wanted = (t: LineTicket) => {
        const page = this.pages.get(t.public_code);
        if (!page) return false;
        waiting.add(t.public_code);
        if (due(page)) return true;
        if (page.seenMove < move) nextDue = Math.min(nextDue, page.toldAt + quietMs(page.toldPlace));
        return false;
      };
      const places = await this.places.placesInLine(site, ofDay, wanted, PAGES_PER_SLICE);
      let told = 0;
      for (const t of ofDay) {
        const place = places.get(t.id);
        const page = this.pages.get(t.public_code);
        if (!place || !page) continue;
        page.seenMove = move;
        const key = placeKey(place);
        if (page.last === key) continue;
        page.last = key;
        page.toldAt = this.now();
        page.toldPlace = place.positionMin ?? place.position;
        this.tell(t, place);
        if (++told % PAGES_PER_SLICE === 0) await nextTurn();
      }
    }
    // A page whose ticket left the line hears of it by ticket.updated; should it come back, its place is told again.
    for (const code of codes) {
      const page = this.pages.get(code);
      if (page && !waiting.has(code)) page.last = null;
    }
    if (nextDue < Infinity) this.followUp(siteId, nextDue);
  }

  /** Pages left out of a pass (quiet) whose line moved are told by a pass once the first of them is due, should the line not move before. */
  private followUp(siteId: string, at: number): void {
    if (this.stopped || this.followUps.has(siteId)) return;
    const timer = setTimeout(() => {
      this.followUps.delete(siteId);
      this.schedule(siteId);
    }, Math.max(0, at - this.now()));
    timer.unref();
    this.followUps.set(siteId, timer);
  }

  private tell(t: LineTicket, place: TicketPlace): void {
    const event: TicketQueueMovedEvent = {
      serviceId: t.service_id,
      publicCode: t.public_code,
      position: place.position,
      positionMin: place.positionMin,
      estimatedWaitMinutes: place.estimatedWaitMinutes,
    };
    try {
      this.server.local.to(`ticket:${t.public_code}`).emit(QUEUE_EVENTS.ticketQueueMoved, event);
    } catch (error) {
      this.logger.warn(`ticket page place push failed: ${(error as Error).message}`);
    }
  }

  private async siteIdOf(code: string): Promise<string | null> {
    const known = this.siteIds.get(code);
    if (known) return known;
    const site = await this.catalogue.findSiteByCode(code);
    if (site) this.siteIds.set(code, site.id);
    return site?.id ?? null;
  }
}
