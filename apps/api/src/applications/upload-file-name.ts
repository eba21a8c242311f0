/** The longest file name kept (in characters, after cleaning). */
export const MAX_FILE_NAME_LENGTH = 120;

/** Control characters (C0, DEL, C1) and the bidirectional overrides that make "gpj.exe" read as "exe.jpg". */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

/**
 * The optional `X-File-Name` of an upload: percent-encoded UTF-8 (a header carries only ASCII
 * safely). Decoded, NFC-normalised, stripped of control and direction characters and of any
 * folder part, trimmed, and cut to 120 characters keeping the extension. `null` when absent or
 * empty; `undefined` when it does not decode (the caller answers 400). Only ever shown to the
 * owner and the agency's staff, and stored encrypted: a name can be personal ("KTP Budi.jpg").
 */
export function cleanUploadFileName(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return null;
  if (raw.length > 2000) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  name = name.normalize('NFC').replace(UNSAFE_CHARACTERS, '');
  name = (name.split(/[\\/]/).pop() ?? '').trim();
  if (!name) return null;
  const characters = [...name];
  if (characters.length <= MAX_FILE_NAME_LENGTH) return name;
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(name)?.[0] ?? '';
  return characters.slice(0, MAX_FILE_NAME_LENGTH - [...extension].length).join('').trimEnd() + extension;
}
