import { defineDictionary } from '@mpp/ui';

/** Layanan: the agencies and services of an MPP (loaded with the section's route). */
export const SERVICES_ADMIN_DICTIONARY = defineDictionary(
  {
    'admin.services.title': 'Layanan',
  },
  {
    'admin.services.title': 'Services',
  },
);
