import { defineDictionary } from '@mpp/ui';

/** Digital applications (permohonan): the new application's form and the application's page. Loaded with the `permohonan` chunk. */
export const APPLICATION_DICTIONARY = defineDictionary(
  {
    'application.new.title': 'Ajukan permohonan',
    'application.page.title': 'Permohonan',
  },
  {
    'application.new.title': 'Apply online',
    'application.page.title': 'Application',
  },
);
