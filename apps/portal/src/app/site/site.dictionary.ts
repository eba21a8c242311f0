import { defineDictionary } from '@mpp/ui';

/**
 * The site page's words needed outside its lazy chunk: its route title, and the link to it from
 * the search and service pages. The page's other words are in site-texts.ts.
 */
export const SITE_PAGE_DICTIONARY = defineDictionary(
  {
    'portal.sitePage.title': 'Info MPP',
    'portal.sitePage.link': 'Jam buka, lokasi dan fasilitas MPP',
  },
  {
    'portal.sitePage.title': 'MPP info',
    'portal.sitePage.link': 'Opening hours, location and facilities of the MPP',
  },
);
