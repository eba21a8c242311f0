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
    data: TicketPushData | ComplaintPushData;
  };
}

interface OnActionClick {
  default: { operation: 'navigateLastFocusedOrOpen'; url: string };
}

/**
 * When the API made the message (epoch ms, strictly increasing in one process). A push service does
 * not promise order, and a phone may finish showing two notifications out of order: the portal's
 * worker (apps/portal/src/portal-worker.js) shows a tag's newest message and drops one older than it.
 */
interface Stamped {
  at: number;
}

export interface TicketPushData extends Stamped {
  kind: 'ahead' | 'called';
  ticket: string;
  number: string;
  counter: number | null;
  onActionClick: OnActionClick;
}

/** A complaint's new status: the tracking code only (the secret never leaves the reporter's browser). */
export interface ComplaintPushData extends Stamped {
  kind: 'complaint';
  complaint: string;
  status: string;
  onActionClick: OnActionClick;
}

export type PushKind = PushPayload['notification']['data']['kind'];

let lastStamp = 0;

/** Now in epoch ms, or one more than the last stamp when that is not later (two messages in one ms). */
export function messageStamp(now = Date.now()): number {
  lastStamp = Math.max(now, lastStamp + 1);
  return lastStamp;
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
        at: messageStamp(),
        ticket: ticket.publicCode,
        number: ticket.number,
        counter,
        onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: `/tiket/${ticket.publicCode}` } },
      },
    },
  };
}

/**
 * "Pengaduan 7KQ2M9XA: dijawab": the complaint's new status, in the language its tracking page was
 * in. Nothing personal: the code and the status; the click opens the tracking page for that code.
 */
export function complaintStatusMessage(lang: PushLang, complaint: { code: string; status: string; statusLabel: string }): PushPayload {
  const title = lang === 'en' ? `Complaint ${complaint.code}: ${complaint.statusLabel}` : `Pengaduan ${complaint.code}: ${complaint.statusLabel}`;
  const body =
    complaint.status === 'answered' || complaint.status === 'waiting_for_citizen'
      ? lang === 'en' ? 'Open the tracking page to read the response.' : 'Buka halaman lacak untuk membaca tanggapannya.'
      : lang === 'en' ? 'Open the tracking page for the details.' : 'Buka halaman lacak untuk rinciannya.';
  return {
    notification: {
      title,
      body,
      lang,
      icon: '/favicon.svg',
      badge: '/favicon.svg',
      tag: `complaint-${complaint.code}`,
      renotify: true,
      requireInteraction: false,
      vibrate: [200, 100, 200],
      data: {
        kind: 'complaint',
        at: messageStamp(),
        complaint: complaint.code,
        status: complaint.status,
        onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: `/pengaduan/lacak?kode=${complaint.code}` } },
      },
    },
  };
}
