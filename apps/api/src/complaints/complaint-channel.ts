import type { Open311Request } from './open311';

/**
 * A channel that takes complaints to another system, e.g. the national SP4N-LAPOR!. Its
 * integration API is given only to registered agencies, so no implementation is guessed here: an
 * agency that has the credentials writes one (sending the export's Open311 requests) and binds it
 * to COMPLAINT_CHANNEL in ComplaintsModule. Until then the export endpoint is the hand-over.
 */
export interface ComplaintChannel {
  /** A short name for logs and the docs, e.g. `sp4n-lapor`. */
  readonly name: string;
  /**
   * Sends the requests; answers which were taken (by their service_request_id) and which were
   * refused with the channel's reason. Must not throw for one refused request.
   */
  send(requests: readonly Open311Request[]): Promise<{ accepted: string[]; refused: { id: string; reason: string }[] }>;
}

/** The injection token of the channel, when an agency provides one. */
export const COMPLAINT_CHANNEL = Symbol('COMPLAINT_CHANNEL');
