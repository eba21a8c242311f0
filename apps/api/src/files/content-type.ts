/** The document types accepted for upload, told by their first bytes only (never by name or claimed type). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Bytes needed to tell the types apart (the PNG signature is the longest). */
export const SNIFF_LENGTH = 8;

const SIGNATURES: ReadonlyArray<{ type: DocumentType; magic: Buffer }> = [
  // ISO 32000: a PDF starts with "%PDF-" (readers tolerate leading junk; we do not).
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'ascii') },
  // JPEG: SOI marker FF D8, then the first segment's FF.
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  // PNG: the 8-byte signature.
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/** The type the bytes start with, or null when they are none of PDF, JPEG, PNG. */
export function sniffDocumentType(head: Buffer): DocumentType | null {
  for (const { type, magic } of SIGNATURES) {
    if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) return type;
  }
  return null;
}

export function isImage(type: DocumentType): type is 'image/jpeg' | 'image/png' {
  return type === 'image/jpeg' || type === 'image/png';
}
