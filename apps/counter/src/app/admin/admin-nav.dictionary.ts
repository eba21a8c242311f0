import { defineDictionary } from '@mpp/ui';

/** The words the app's own menu needs for administrators before their pages (and dictionaries) load. */
export const ADMIN_NAV_DICTIONARY = defineDictionary(
  { 'counter.nav.admin': 'Administrasi', 'counter.nav.command': 'Pusat Komando', 'counter.nav.reports': 'Laporan', 'counter.nav.audit': 'Log audit' },
  { 'counter.nav.admin': 'Administration', 'counter.nav.command': 'Command centre', 'counter.nav.reports': 'Reports', 'counter.nav.audit': 'Audit log' },
);
