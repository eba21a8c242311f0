import { PRIORITY_CLASSES, TICKET_ACTIONS, TICKET_STATUSES, type TicketAction, type TicketStatus } from '@mpp/contracts';
import {
  allowedActions,
  isActive,
  isFinal,
  isOpen,
  nextStatus,
  PRIORITY_LABELS,
  TICKET_ACTION_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_TRANSITIONS,
  transitionError,
} from './queue-state';

/** The transitions of the brief, written out independently of TICKET_TRANSITIONS. */
const EXPECTED: [TicketStatus, TicketAction, TicketStatus][] = [
  ['waiting', 'call', 'called'],
  ['called', 'recall', 'called'],
  ['called', 'start', 'serving'],
  ['serving', 'finish', 'done'],
  ['called', 'no_show', 'no_show'],
  ['called', 'transfer', 'waiting'],
  ['serving', 'transfer', 'waiting'],
  ['called', 'return', 'waiting'],
  ['waiting', 'cancel', 'cancelled'],
  ['waiting', 'close_day', 'not_served'],
  ['called', 'close_day', 'not_served'],
  ['serving', 'close_day', 'not_served'],
];

const ALL_PAIRS = TICKET_STATUSES.flatMap((status) => TICKET_ACTIONS.map((action) => [status, action] as const));

describe(nextStatus.name, () => {
  it.each(EXPECTED)('should move %s by %s to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('should refuse every pair not in the list of allowed transitions', () => {
    const refused = ALL_PAIRS.filter(([s, a]) => !EXPECTED.some(([from, action]) => from === s && action === a));
    expect(refused).toHaveLength(TICKET_STATUSES.length * TICKET_ACTIONS.length - EXPECTED.length);
    for (const [status, action] of refused) {
      expect([status, action, nextStatus(status, action)]).toEqual([status, action, null]);
    }
  });

  it('should refuse statuses and actions that do not exist, including Object.prototype keys', () => {
    expect(nextStatus('toString' as TicketStatus, 'call')).toBeNull();
    expect(nextStatus('waiting', 'constructor' as TicketAction)).toBeNull();
    expect(nextStatus('open' as TicketStatus, 'call')).toBeNull();
  });

  it('should agree with TICKET_TRANSITIONS, which has a row for every status', () => {
    expect(Object.keys(TICKET_TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
    const fromTable = Object.entries(TICKET_TRANSITIONS).flatMap(([from, row]) => Object.entries(row).map(([action, to]) => [from, action, to]));
    expect(fromTable).toHaveLength(EXPECTED.length);
    expect(fromTable).toEqual(expect.arrayContaining(EXPECTED));
  });

  it('should keep a transfer and a return in the queue, never skipping it', () => {
    expect(nextStatus('serving', 'return')).toBeNull();
    expect(nextStatus('waiting', 'transfer')).toBeNull();
    expect(nextStatus('waiting', 'start')).toBeNull();
    expect(nextStatus('called', 'finish')).toBeNull();
  });
});

describe(allowedActions.name, () => {
  it('should list the actions of each status in TICKET_ACTIONS order', () => {
    expect(allowedActions('waiting')).toEqual(['call', 'cancel', 'close_day']);
    expect(allowedActions('called')).toEqual(['recall', 'start', 'no_show', 'transfer', 'return', 'close_day']);
    expect(allowedActions('serving')).toEqual(['finish', 'transfer', 'close_day']);
  });

  it.each(['done', 'no_show', 'cancelled', 'not_served'] as TicketStatus[])('should allow nothing once a ticket is %s', (status) => {
    expect(allowedActions(status)).toEqual([]);
  });
});

describe(isActive.name, () => {
  it('should be true only for called and serving', () => {
    expect(TICKET_STATUSES.filter(isActive)).toEqual(['called', 'serving']);
  });
});

describe(isOpen.name, () => {
  it('should be true only for waiting, called and serving', () => {
    expect(TICKET_STATUSES.filter(isOpen)).toEqual(['waiting', 'called', 'serving']);
  });
});

describe(isFinal.name, () => {
  it('should be true only for done, no_show, cancelled and not_served', () => {
    expect(TICKET_STATUSES.filter(isFinal)).toEqual(['done', 'no_show', 'cancelled', 'not_served']);
  });

  it('should be true exactly where no action is allowed', () => {
    for (const status of TICKET_STATUSES) {
      expect([status, isFinal(status)]).toEqual([status, allowedActions(status).length === 0]);
    }
  });
});

describe(transitionError.name, () => {
  it('should say what a waiting ticket allows when it is started', () => {
    expect(transitionError('waiting', 'start')).toEqual({
      id: "Tiket berstatus 'menunggu' tidak dapat 'mulai dilayani'. Yang bisa dilakukan: panggil, batalkan.",
      en: "A ticket that is 'waiting' cannot be 'started'. Allowed: call, cancel.",
    });
  });

  it('should list the actions of a serving ticket that is called again', () => {
    expect(transitionError('serving', 'call')).toEqual({
      id: "Tiket berstatus 'sedang dilayani' tidak dapat 'dipanggil'. Yang bisa dilakukan: selesai, alihkan.",
      en: "A ticket that is 'being served' cannot be 'called'. Allowed: finish, transfer.",
    });
  });

  it('should list every person action of a called ticket, without close_day', () => {
    const sut = transitionError('called', 'cancel');
    expect(sut.id).toBe(
      "Tiket berstatus 'dipanggil' tidak dapat 'dibatalkan'. Yang bisa dilakukan: panggil ulang, mulai layani, tidak hadir, alihkan, kembalikan ke antrean.",
    );
    expect(sut.en).toBe("A ticket that is 'called' cannot be 'cancelled'. Allowed: recall, start serving, mark no-show, transfer, return to queue.");
  });

  it('should say that a final ticket allows nothing', () => {
    expect(transitionError('done', 'recall')).toEqual({
      id: "Tiket berstatus 'selesai' tidak dapat 'dipanggil ulang'. Status ini sudah final: tidak ada tindakan lain.",
      en: "A ticket that is 'done' cannot be 'recalled'. This status is final: no further action is possible.",
    });
  });

  it('should throw a RangeError for a transition that is allowed', () => {
    expect(() => transitionError('waiting', 'call')).toThrow(RangeError);
  });

  it('should give a two-language message for every refused pair', () => {
    for (const [status, action] of ALL_PAIRS) {
      if (nextStatus(status, action) !== null) continue;
      const sut = transitionError(status, action);
      expect(sut.id).toMatch(/^Tiket berstatus '[^']+' tidak dapat '[^']+'\. .+\.$/);
      expect(sut.en).toMatch(/^A ticket that is '[^']+' cannot be '[^']+'\. .+\.$/);
    }
  });
});

describe('labels', () => {
  it('should name every status in Indonesian and English', () => {
    expect(Object.keys(TICKET_STATUS_LABELS).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(TICKET_STATUSES.map((s) => TICKET_STATUS_LABELS[s].id)).toEqual([
      'menunggu',
      'dipanggil',
      'sedang dilayani',
      'selesai',
      'tidak hadir',
      'dibatalkan',
      'tidak terlayani',
    ]);
    for (const s of TICKET_STATUSES) expect(TICKET_STATUS_LABELS[s].en).not.toBe('');
  });

  it('should name every action in Indonesian and English', () => {
    expect(TICKET_ACTIONS.map((a) => TICKET_ACTION_LABELS[a].id)).toEqual([
      'panggil',
      'panggil ulang',
      'mulai layani',
      'selesai',
      'tidak hadir',
      'alihkan',
      'kembalikan ke antrean',
      'batalkan',
      'tutup hari',
    ]);
    for (const a of TICKET_ACTIONS) expect(TICKET_ACTION_LABELS[a].en).not.toBe('');
  });

  it('should name the priority groups of UU 25/2009 and the regular queue', () => {
    expect(PRIORITY_CLASSES.map((p) => [p, PRIORITY_LABELS[p].id])).toEqual([
      ['regular', 'Umum'],
      ['disability', 'Penyandang disabilitas'],
      ['elderly', 'Lanjut usia'],
      ['pregnant', 'Ibu hamil'],
      ['child', 'Anak-anak'],
      ['disaster_victim', 'Korban bencana'],
    ]);
    for (const p of PRIORITY_CLASSES) expect(PRIORITY_LABELS[p].en).not.toBe('');
  });
});
