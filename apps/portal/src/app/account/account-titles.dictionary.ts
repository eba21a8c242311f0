import { defineDictionary } from '@mpp/ui';

/** The account pages' titles (the router translates them with the app's dictionaries); the rest is in account.dictionary.ts. */
export const ACCOUNT_TITLES_DICTIONARY = defineDictionary(
  { 'account.signIn.title': 'Masuk', 'account.history.title': 'Riwayat saya' },
  { 'account.signIn.title': 'Sign in', 'account.history.title': 'My history' },
);
