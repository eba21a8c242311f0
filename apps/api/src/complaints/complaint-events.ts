import { Injectable, Logger } from '@nestjs/common';
import type { ComplaintStatusName } from '@mpp/contracts';

/** A complaint's status a handler just changed (committed). Nothing personal: the id, the code, the status, the language. */
export interface ComplaintStatusChange {
  id: string;
  code: string;
  status: ComplaintStatusName;
  language: 'id' | 'en';
}

type Listener = (change: ComplaintStatusChange) => Promise<void> | void;

/**
 * After-commit events of the complaint module: the status steps a handler took, for whoever tells
 * the reporter besides the outbox (Web Push, complaint-push.service.ts). A listener's failure is
 * logged and never reaches the handler's request: the change is committed.
 */
@Injectable()
export class ComplaintEvents {
  private readonly logger = new Logger('ComplaintEvents');
  private readonly listeners = new Set<Listener>();

  onStatus(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  statusChanged(change: ComplaintStatusChange): void {
    for (const listener of this.listeners) {
      try {
        void Promise.resolve(listener(change)).catch((error: unknown) => this.failed(error));
      } catch (error) {
        this.failed(error);
      }
    }
  }

  private failed(error: unknown): void {
    this.logger.warn({ msg: 'complaint status listener failed; the change stays committed', error: error instanceof Error ? error.message : String(error) });
  }
}
