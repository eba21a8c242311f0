/**
 * Every property name in a JSON answer, at any depth. Personal-data checks look at names, not at
 * the whole text: a random public code may spell "nik" by chance.
 */
export function jsonKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonKeys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...jsonKeys(inner)]);
}

/** The keys of a JSON answer that name personal data (NIK, phone, email, full name). */
export function personalDataKeys(value: unknown): string[] {
  return jsonKeys(value).filter((key) => /nik|phone|email|fullname/i.test(key));
}
