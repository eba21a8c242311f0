import type { LocalizedText } from '@mpp/contracts';
import { dayStatus, localDate, localTime, timeZoneAbbreviation } from '@mpp/domain';
import type { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';

/** Why the site is closed, each text in one language, times local with their zone ("buka pukul 08.00 WITA"). */
export type SiteOpenState = { open: true; closesAt: string } | { open: false; reason: LocalizedText };

const CLOSED_DAY_EN: Readonly<Record<'national_holiday' | 'cuti_bersama' | 'local_closure', string>> = {
  national_holiday: 'public holiday',
  cuti_bersama: 'collective leave day',
  local_closure: 'closed',
};

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
    if (status.reason === 'weekly_closed') return { open: false, reason: { id: 'hari libur mingguan', en: 'weekly day off' } };
    return { open: false, reason: { id: status.name, en: `${CLOSED_DAY_EN[status.reason]}: ${status.name}` } };
  }
  const time = localTime(now, site.timeZone);
  const zone = timeZoneAbbreviation(site.timeZone);
  const at = (hhmm: string): LocalizedText => ({ id: `${hhmm.replace(':', '.')} ${zone}`, en: `${hhmm} ${zone}` });
  if (time < status.hours.open) return { open: false, reason: { id: `buka pukul ${at(status.hours.open).id}`, en: `opens at ${at(status.hours.open).en}` } };
  if (time >= status.hours.close) return { open: false, reason: { id: `tutup pukul ${at(status.hours.close).id}`, en: `closed at ${at(status.hours.close).en}` } };
  return { open: true, closesAt: status.hours.close };
}
