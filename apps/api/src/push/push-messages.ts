/**
 * What a ticket's push says, in the language its page was in when it subscribed, in the shape
 * Angular's service worker shows by itself (`notification`, with the click opening the ticket page):
 * ngsw-worker.js displays it even when no page is open.
 */
export type PushLang = 'id' | 'en';

export interface PushPayload {
  notification: {
    title: string;
    body: string;
    lang: PushLang;
    icon: string;
    badge: string;
    tag: string;
    renotify: boolean;
    requireInteraction: boolean;
    vibrate: number[];
    data: {
      kind: 'ahead' | 'called';
      ticket: string;
      number: string;
      counter: number | null;
      onActionClick: { default: { operation: 'navigateLastFocusedOrOpen'; url: string } };
    };
  };
}

/** Long-short-long: felt in a pocket. The page vibrates the same way when it is open. */
export const CALL_VIBRATION = [400, 150, 400, 150, 800];
const AHEAD_VIBRATION = [200, 100, 200];

/** "3 orang lagi sebelum Anda" (0: "Anda berikutnya"). */
export function aheadMessage(lang: PushLang, ticket: { publicCode: string; number: string; serviceName: string }, ahead: number): PushPayload {
  const title =
    lang === 'en'
      ? ahead === 0
        ? `${ticket.number}: you are next`
        : `${ticket.number}: ${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you`
      : ahead === 0
        ? `${ticket.number}: Anda berikutnya`
        : `${ticket.number}: ${ahead} orang lagi sebelum Anda`;
  const body =
    lang === 'en'
      ? `${ticket.serviceName}. Get ready and stay near the hall: you will be called soon.`
      : `${ticket.serviceName}. Bersiaplah dan tetap dekat ruang tunggu: sebentar lagi Anda dipanggil.`;
  return payload(lang, 'ahead', ticket, null, title, body, AHEAD_VIBRATION, false);
}

/** "Dipanggil: menuju loket 3". */
export function calledMessage(lang: PushLang, ticket: { publicCode: string; number: string }, counter: { number: number; name: string }): PushPayload {
  const title = lang === 'en' ? `Called: go to counter ${counter.number}` : `Dipanggil: menuju loket ${counter.number}`;
  const body = lang === 'en' ? `Number ${ticket.number} · ${counter.name}` : `Nomor ${ticket.number} · ${counter.name}`;
  return payload(lang, 'called', ticket, counter.number, title, body, CALL_VIBRATION, true);
}

function payload(
  lang: PushLang,
  kind: 'ahead' | 'called',
  ticket: { publicCode: string; number: string },
  counter: number | null,
  title: string,
  body: string,
  vibrate: number[],
  requireInteraction: boolean,
): PushPayload {
  return {
    notification: {
      title,
      body,
      lang,
      icon: '/favicon.svg',
      badge: '/favicon.svg',
      // One notification per ticket: the call replaces "3 orang lagi", and still rings (renotify).
      tag: `ticket-${ticket.publicCode}`,
      renotify: true,
      requireInteraction,
      vibrate,
      data: {
        kind,
        ticket: ticket.publicCode,
        number: ticket.number,
        counter,
        onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: `/tiket/${ticket.publicCode}` } },
      },
    },
  };
}
