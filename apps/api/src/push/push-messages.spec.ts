import { aheadMessage, calledMessage, complaintStatusMessage, messageStamp } from './push-messages';

describe('push messages', () => {
  const ticket = { publicCode: 'k7Qm2xWpAbCdEfGh', number: 'A017', serviceName: 'Penerbitan KTP-el Baru' };

  it('should say how many are ahead in Indonesian first, and "Anda berikutnya" for none', () => {
    expect(aheadMessage('id', ticket, 3).notification.title).toBe('A017: 3 orang lagi sebelum Anda');
    expect(aheadMessage('id', ticket, 0).notification.title).toBe('A017: Anda berikutnya');
    expect(aheadMessage('en', ticket, 1).notification.title).toBe('A017: 1 person ahead of you');
    expect(aheadMessage('en', ticket, 2).notification.title).toBe('A017: 2 people ahead of you');
  });

  it('should send the call to the counter, opening the ticket page when tapped, as the same notification', () => {
    const sut = calledMessage('id', ticket, { number: 3, name: 'Loket 3 – Dukcapil' });

    expect(sut.notification).toMatchObject({
      title: 'Dipanggil: menuju loket 3',
      body: 'Nomor A017 · Loket 3 – Dukcapil',
      tag: aheadMessage('id', ticket, 1).notification.tag,
      renotify: true,
      requireInteraction: true,
      data: { kind: 'called', counter: 3, onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/tiket/k7Qm2xWpAbCdEfGh' } } },
    });
    expect(calledMessage('en', ticket, { number: 3, name: 'x' }).notification.title).toBe('Called: go to counter 3');
  });

  it('should stamp each message later than the one before, even within one millisecond, so the phone can drop an older one that arrives late', () => {
    const complaint = { code: '7KQ2M9XA', status: 'answered', statusLabel: 'Dijawab' };
    const stamps = [
      aheadMessage('id', ticket, 2).notification.data.at,
      aheadMessage('id', ticket, 1).notification.data.at,
      calledMessage('id', ticket, { number: 3, name: 'Loket 3' }).notification.data.at,
      complaintStatusMessage('id', complaint).notification.data.at,
    ];

    for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThan(stamps[i - 1]);
    expect(Math.abs(stamps[0] - Date.now())).toBeLessThan(60_000);
    const fixed = Date.now() + 10_000;
    const first = messageStamp(fixed);
    expect(first).toBe(fixed);
    expect(messageStamp(fixed)).toBe(fixed + 1);
    expect(messageStamp(fixed - 5_000)).toBe(fixed + 2);
  });
});
