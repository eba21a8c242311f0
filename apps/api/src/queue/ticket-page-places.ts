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

interface OpenPage {
  siteId: string;
  localDate: string;
  /** The place last sent to this page (`position|positionMin|wait`), so an unchanged one is not sent again. */
  last: string | null;
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
  private stopped = false;

  constructor(
    private readonly server: Namespace,
    private readonly places: QueuePlaceService,
    private readonly repo: QueuePlaceRepository,
    private readonly catalogue: CatalogueRepository,
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
    this.pages.set(ticket.publicCode, { siteId, localDate: ticket.localDate, last: ticket.status === 'waiting' ? placeKey(ticket) : null });
    const codes = this.bySite.get(siteId) ?? new Set<string>();
    codes.add(ticket.publicCode);
    this.bySite.set(siteId, codes);
  }

  /** The waiting line of a site moved: its open pages here are told their new places soon. */
  linesMoved(siteId: string): void {
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
    }, Math.max(0, refresh.lastStart + Math.max(PLACES_MIN_GAP_MS, PASS_SHARE * refresh.lastTook) - performance.now()));
    refresh.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.refresh.forEach((r) => r.timer && clearTimeout(r.timer));
    this.refresh.clear();
  }

  private closed(code: string): void {
    const page = this.pages.get(code);
    if (!page) return;
    this.pages.delete(code);
    const codes = this.bySite.get(page.siteId);
    codes?.delete(code);
    if (codes && codes.size === 0) this.bySite.delete(page.siteId);
  }

  private async run(siteId: string, r: SiteRefresh): Promise<void> {
    r.running = true;
    r.lastStart = performance.now();
    try {
      await this.pushPlaces(siteId);
    } catch (error) {
      // The pages keep their last place; the next move of the line tells them again.
      this.logger.warn(`ticket pages' places not pushed: ${(error as Error).message}`);
    } finally {
      r.running = false;
      r.lastTook = performance.now() - r.lastStart;
      if (r.again) {
        r.again = false;
        this.linesMoved(siteId);
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
    const line = await this.repo.waitingLine(siteId, dates);
    const waiting = new Set<string>();
    for (const day of dates) {
      const ofDay = line.filter((t) => t.local_date === day);
      const places = await this.places.placesInLine(site, ofDay, (t) => this.pages.has(t.public_code), PAGES_PER_SLICE);
      let told = 0;
      for (const t of ofDay) {
        const place = places.get(t.id);
        const page = this.pages.get(t.public_code);
        if (!place || !page) continue;
        waiting.add(t.public_code);
        const key = placeKey(place);
        if (page.last === key) continue;
        page.last = key;
        this.tell(t, place);
        if (++told % PAGES_PER_SLICE === 0) await nextTurn();
      }
    }
    // A page whose ticket left the line hears of it by ticket.updated; should it come back, its place is told again.
    for (const code of codes) {
      const page = this.pages.get(code);
      if (page && !waiting.has(code)) page.last = null;
    }
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
