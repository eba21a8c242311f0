/**
 * The encrypted file format (docs/files.md, "Format"): a 32-byte header, then the plaintext in
 * chunks of `chunkSize` bytes, each sealed with AES-256-GCM (16-byte tag), the last one flagged.
 *
 *   header  = "MPPF" | version (1 byte, 1) | chunk size (uint32 BE) | salt (16) | nonce prefix (7)
 *   key     = HKDF-SHA256(file key, salt, "mpp-digital/file-chunk/v1")      (one key per file)
 *   nonce i = nonce prefix (7) | i (uint32 BE) | 1 if the last chunk else 0  (12 bytes)
 *   aad     = header | the storage key                                      (binds the object to its name)
 */
export const FILE_MAGIC = Buffer.from('MPPF', 'ascii');
export const FILE_FORMAT_VERSION = 1;
export const HEADER_LENGTH = 32;
export const SALT_LENGTH = 16;
export const NONCE_PREFIX_LENGTH = 7;
export const TAG_LENGTH = 16;
/** 64 KiB: small enough that a reader holds one chunk, large enough that the tags cost 0.02 %. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** What a reader accepts in a header: a forged header must not make it buffer gigabytes. */
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 4 * 1024 * 1024;
/** The counter is 32 bits: 2^32 chunks of 64 KiB (256 TiB) per file. */
export const MAX_CHUNKS = 2 ** 32;

/** The stored size of a plaintext of `plainLength` bytes: the header, the plaintext, one tag per chunk (at least one chunk). */
export function encryptedLength(plainLength: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const chunks = Math.max(1, Math.ceil(plainLength / chunkSize));
  return HEADER_LENGTH + plainLength + chunks * TAG_LENGTH;
}
