import { addDaysToLocalDate, localDate } from '@mpp/domain';

export type PeriodChoice = 'thisMonth' | 'lastMonth' | 'custom';

export interface Period {
  from: string;
  to: string;
}

/** This month (its first day to today) or last month (whole), in the site's own dates. */
export function periodOf(choice: Exclude<PeriodChoice, 'custom'>, now: Date, timeZone: string): Period {
  const today = localDate(now, timeZone);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  if (choice === 'thisMonth') return { from: firstOfMonth, to: today };
  const lastOfPrevious = addDaysToLocalDate(firstOfMonth, -1);
  return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
}
