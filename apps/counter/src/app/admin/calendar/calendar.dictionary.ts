import { defineDictionary } from '@mpp/ui';

/** Kalender nasional: national holidays and cuti bersama (system admins; loaded with the route). */
export const CALENDAR_ADMIN_DICTIONARY = defineDictionary(
  {
    'admin.calendar.title': 'Kalender nasional',
  },
  {
    'admin.calendar.title': 'National calendar',
  },
);
