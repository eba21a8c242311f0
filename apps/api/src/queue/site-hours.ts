import { dayStatus, localDate, localTime } from '@mpp/domain';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';

export type SiteOpenState = { open: true; closesAt: string } | { open: false; reason: string };

/**
 * Whether a site takes tickets at this instant: an opening day (no holiday or closure it
 * observes) between opening and closing time. Breaks do not stop the kiosk: people queue
 * through lunch and are called after it.
 */
export async function siteOpenNow(catalogue: CatalogueRepository, site: SiteEntity, now: Date): Promise<SiteOpenState> {
  const today = localDate(now, site.timeZone);
  const closures = await catalogue.cachedClosuresOn(site, today);
  const status = dayStatus(today, site.openingHours, closures);
  if (!status.open) {
    return { open: false, reason: status.reason === 'weekly_closed' ? 'hari libur mingguan / weekly day off' : status.name };
  }
  const time = localTime(now, site.timeZone);
  if (time < status.hours.open) return { open: false, reason: `buka pukul ${status.hours.open} / opens at ${status.hours.open}` };
  if (time >= status.hours.close) return { open: false, reason: `tutup pukul ${status.hours.close} / closed at ${status.hours.close}` };
  return { open: true, closesAt: status.hours.close };
}
