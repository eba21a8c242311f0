import type { PushRequest, TestPushService } from './push-service';

/**
 * When each request reached a TestPushService (Date.now(), ms), recorded from now on: the
 * stand-in keeps what it received, this adds the moment, for tests about the order and spacing
 * of sends.
 */
export function recordArrivals(peer: TestPushService): Map<PushRequest, number> {
  const at = new Map<PushRequest, number>();
  const push = peer.requests.push.bind(peer.requests);
  peer.requests.push = (...requests: PushRequest[]) => {
    const now = Date.now();
    for (const r of requests) at.set(r, now);
    return push(...requests);
  };
  return at;
}
