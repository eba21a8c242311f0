import { Injectable } from '@nestjs/common';

/**
 * Whether this process still takes new work. A graceful stop (server.ts) drains it first, so that
 * GET /api/health/ready answers 503 and a load balancer sends new requests to the other processes
 * before this one stops listening.
 */
@Injectable()
export class Readiness {
  private drainingSince: Date | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  drain(): void {
    this.drainingSince ??= new Date();
  }
}
