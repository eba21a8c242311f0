import { defineDictionary } from '@mpp/ui';

/** The one word the app's own menu needs before the admin pages (and their dictionary) load. */
export const ADMIN_NAV_DICTIONARY = defineDictionary(
  { 'counter.nav.admin': 'Administrasi' },
  { 'counter.nav.admin': 'Administration' },
);
