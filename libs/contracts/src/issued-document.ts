import type { LocalizedText } from './errors';

/** What the MPP issues for an application (docs/applications.md, "Receipts, results and verification"). */
export type IssuedDocumentKind = 'receipt' | 'result' | 'decision_letter';

/** A generated letter: the approval, or the rejection with its reason. */
export type DecisionLetterKind = 'approval' | 'rejection';

/** The public number printed on a document and in its QR: TT- receipt, HS- result, SK- letter, YYMM, 8 random symbols. */
export const ISSUED_DOCUMENT_NUMBER_PATTERN = /^(TT|HS|SK)-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

/** The largest PDF the verification takes (POST /verify/:number) and an agency may upload as a result. */
export const ISSUED_DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

/** GET /api/v1/verify/{number}: what anyone holding the document may confirm. No personal data. */
export interface VerifiedDocumentResponse {
  number: string;
  kind: IssuedDocumentKind;
  kindLabel: LocalizedText;
  service: { name: string; nameEn: string | null };
  agencyName: string;
  siteName: string;
  /** ISO 8601. */
  issuedAt: string;
  /** The site's IANA zone, to show issuedAt as printed on the document. */
  timeZone: string;
  /** Hex SHA-256 of the PDF as issued. */
  sha256: string;
}

/** POST /api/v1/verify/{number} with the PDF as the body. */
export interface VerifyDocumentFileResponse {
  matches: boolean;
  /** Hex SHA-256 of the bytes received. */
  sha256: string;
}

/** One issued document of an application, as its owner or the agency sees it. */
export interface IssuedDocumentSummary {
  number: string;
  kind: IssuedDocumentKind;
  letterKind: DecisionLetterKind | null;
  issuedAt: string;
  sha256: string;
  size: number;
}
