/**
 * Text normalization shared by the search box in the apps and the search query in the API, and
 * the rule for codes used in URLs (site, agency and service codes).
 */

export const SLUG_MAX_LENGTH = 64;

/** A code for URLs: lowercase letters and digits in words joined by single dashes ("kota-kupang"). */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * The form text is compared in when searching: lower case, accents removed (NFD, then combining
 * marks dropped: "Café Sériéux" → "cafe serieux"),
 * runs of whitespace collapsed to one space, and trimmed. Punctuation is kept ("ktp-el").
 * Apply it to both the query and the searched text.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A code for URLs from a name: folded as for search, apostrophes dropped ("Jum'at" → "jumat"),
 * every other run of characters outside a–z and 0–9 turned into one dash, at most 64 characters
 * (cut at the last word boundary in the second half, else hard at 64). Returns "" when nothing usable is left; callers must
 * then ask for a code.
 */
export function slugify(text: string): string {
  const slug = foldForSearch(text)
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const cut = slug.slice(0, SLUG_MAX_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  const trimmed = lastDash >= SLUG_MAX_LENGTH / 2 ? cut.slice(0, lastDash) : cut.slice(0, SLUG_MAX_LENGTH);
  return trimmed.replace(/-+$/, '');
}

/** Whether `code` is a slug: lower-case letters and digits in dash-separated words, 1–64 long. */
export function isSlug(code: string): boolean {
  return typeof code === 'string' && code.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(code);
}
