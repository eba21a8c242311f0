import {
  APPLICATION_ACTIONS,
  APPLICATION_ACTION_LABELS,
  APPLICATION_ACTORS,
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  applicationNextState,
  applicationTransitionRule,
  applicationTransitionsFrom,
  checkApplicationTransition,
  isApplicationDecided,
  isApplicationFinal,
  type ApplicationActor,
  type ApplicationState,
  type ApplicationTransitionDetails,
  type ApplicationTransitionNeed,
} from './application-state';

type Arrow = [from: ApplicationState, to: ApplicationState, actors: ApplicationActor[], needs: ApplicationTransitionNeed[]];

/**
 * The arrows of issue 14's lifecycle, written out here independently of APPLICATION_TRANSITIONS:
 * draft → submitted → in verification → returned (reasons per requirement, a citizen deadline) →
 * resubmitted → complete → in process → approved → ready → done; rejected (reason) → done;
 * in process may also return items; withdrawn by the citizen from the open states; expired when a
 * correction deadline passes. The arrows the chain implies (nothing to correct: in verification →
 * complete; a correction that still falls short: resubmitted → returned; the decision to reject
 * is taken in process) are in docs/applications.md.
 */
const ISSUE_ARROWS: Arrow[] = [
  ['draft', 'submitted', ['citizen', 'officer'], []],
  ['submitted', 'in_verification', ['officer'], []],
  ['in_verification', 'returned', ['officer'], ['returned_items', 'citizen_deadline']],
  ['in_verification', 'complete', ['officer'], ['all_items_accepted']],
  ['returned', 'resubmitted', ['citizen', 'officer'], []],
  ['resubmitted', 'complete', ['officer'], ['all_items_accepted']],
  ['resubmitted', 'returned', ['officer'], ['returned_items', 'citizen_deadline']],
  ['complete', 'in_process', ['officer'], []],
  ['in_process', 'returned', ['officer'], ['returned_items', 'citizen_deadline']],
  ['in_process', 'approved', ['officer'], []],
  ['in_process', 'rejected', ['officer'], ['reason']],
  ['approved', 'ready', ['officer'], ['result_delivery']],
  ['ready', 'done', ['officer', 'system'], []],
  ['rejected', 'done', ['officer', 'system'], []],
  ['returned', 'expired', ['system'], ['correction_deadline_passed']],
  ['draft', 'withdrawn', ['citizen'], []],
  ['submitted', 'withdrawn', ['citizen'], []],
  ['in_verification', 'withdrawn', ['citizen'], []],
  ['returned', 'withdrawn', ['citizen'], []],
  ['resubmitted', 'withdrawn', ['citizen'], []],
  ['complete', 'withdrawn', ['citizen'], []],
  ['in_process', 'withdrawn', ['citizen'], []],
];

const NOW = new Date('2026-06-02T02:00:00Z');
const DAY_MS = 86_400_000;

/** Details that satisfy every need, so a test of actors or arrows is not refused for a missing detail. */
function newDetails(overrides: ApplicationTransitionDetails = {}): ApplicationTransitionDetails {
  return {
    now: NOW,
    returnedItems: [{ requirementId: 'req-ktp', reason: 'Foto KTP buram' }],
    citizenDeadline: new Date(NOW.getTime() + 7 * DAY_MS),
    reason: 'Lokasi usaha berada di zona yang tidak diizinkan',
    unacceptedItemCount: 0,
    resultDelivery: 'download',
    correctionDeadline: new Date(NOW.getTime() - DAY_MS),
    ...overrides,
  };
}

const ALL_PAIRS = APPLICATION_STATES.flatMap((from) => APPLICATION_STATES.map((to) => [from, to] as const));
const isArrow = (from: ApplicationState, to: ApplicationState): boolean => ISSUE_ARROWS.some(([f, t]) => f === from && t === to);

describe(checkApplicationTransition.name, () => {
  it.each(ISSUE_ARROWS)('should allow %s → %s to %j', (from, to, actors) => {
    for (const actor of actors) {
      const sut = checkApplicationTransition(from, to, actor, newDetails());
      expect([from, to, actor, sut.allowed]).toEqual([from, to, actor, true]);
    }
  });

  it.each(ISSUE_ARROWS)('should refuse %s → %s to everyone but %j, saying who may', (from, to, actors) => {
    for (const actor of APPLICATION_ACTORS.filter((a) => !actors.includes(a))) {
      const sut = checkApplicationTransition(from, to, actor, newDetails());
      expect(sut.allowed).toBe(false);
      if (sut.allowed) continue;
      expect(sut.problems.map((p) => p.code)).toEqual(['actor_not_allowed']);
      expect(sut.message.id).not.toBe('');
      expect(sut.message.en).not.toBe('');
    }
  });

  it('should refuse every other pair of states, for every actor, naming both states', () => {
    const refusedPairs = ALL_PAIRS.filter(([from, to]) => !isArrow(from, to));
    expect(refusedPairs).toHaveLength(APPLICATION_STATES.length ** 2 - ISSUE_ARROWS.length);
    for (const [from, to] of refusedPairs) {
      for (const actor of APPLICATION_ACTORS) {
        const sut = checkApplicationTransition(from, to, actor, newDetails());
        expect([from, to, actor, sut.allowed]).toEqual([from, to, actor, false]);
        if (sut.allowed) continue;
        expect(sut.problems.map((p) => p.code)).toEqual(['no_such_transition']);
        expect(sut.message.id).toContain(`'${APPLICATION_STATE_LABELS[from].id}' tidak dapat menjadi '${APPLICATION_STATE_LABELS[to].id}'`);
        expect(sut.message.en).toContain(`'${APPLICATION_STATE_LABELS[from].en}' cannot become '${APPLICATION_STATE_LABELS[to].en}'`);
      }
    }
  });

  it('should require exactly the needs the issue names for each arrow', () => {
    for (const [from, to, actors, needs] of ISSUE_ARROWS) {
      const rule = applicationTransitionRule(from, to);
      expect([from, to, [...(rule?.needs ?? [])].sort(), [...(rule?.actors ?? [])].sort()]).toEqual([from, to, [...needs].sort(), [...actors].sort()]);
    }
  });

  it('should say what a draft allows when it is approved', () => {
    const sut = checkApplicationTransition('draft', 'approved', 'officer');
    expect(sut).toEqual({
      allowed: false,
      problems: [expect.objectContaining({ code: 'no_such_transition' })],
      message: {
        id: "Permohonan berstatus 'draf' tidak dapat menjadi 'disetujui'. Yang bisa dilakukan: ajukan, tarik kembali.",
        en: "An application that is 'draft' cannot become 'approved'. Allowed: submit, withdraw.",
      },
    });
  });

  it('should leave system steps out of what a returned application offers', () => {
    const sut = checkApplicationTransition('returned', 'approved', 'officer');
    expect(sut.allowed).toBe(false);
    if (sut.allowed) return;
    const offered = applicationTransitionsFrom('returned').filter((r) => !r.actors.every((a) => a === 'system'));
    expect(sut.message.en).toBe(`An application that is 'returned for correction' cannot become 'approved'. Allowed: ${offered.map((r) => APPLICATION_ACTION_LABELS[r.action].en).join(', ')}.`);
    expect(sut.message.en).not.toContain(APPLICATION_ACTION_LABELS.expire.en);
  });

  it.each(['done', 'withdrawn', 'expired'] as ApplicationState[])('should say that %s is final', (from) => {
    const sut = checkApplicationTransition(from, 'submitted', 'citizen');
    expect(sut.allowed).toBe(false);
    if (sut.allowed) return;
    expect(sut.message.id).toMatch(/Status ini sudah final: tidak ada tindakan lain\.$/);
    expect(sut.message.en).toMatch(/This status is final: no further action is possible\.$/);
  });

  it('should name the officer when a citizen tries to approve', () => {
    const sut = checkApplicationTransition('in_process', 'approved', 'citizen');
    expect(sut.allowed ? null : sut.message).toEqual({
      id: "Hanya petugas yang dapat 'setujui' permohonan ini.",
      en: "Only an officer may 'approve' this application.",
    });
  });

  it('should say that expiry is the system’s step when an officer asks for it', () => {
    const sut = checkApplicationTransition('returned', 'expired', 'officer', newDetails());
    expect(sut.allowed ? null : sut.message.en).toBe("'Expire' is done by the system itself, not by an officer.");
  });

  it('should refuse states that do not exist, including Object.prototype keys', () => {
    for (const [from, to] of [
      ['toString', 'submitted'],
      ['draft', 'constructor'],
      ['open', 'done'],
    ] as unknown as [ApplicationState, ApplicationState][]) {
      const sut = checkApplicationTransition(from, to, 'officer', newDetails());
      expect(sut.allowed ? null : sut.problems[0].code).toBe('no_such_transition');
    }
  });

  describe('a return', () => {
    const returnFrom: ApplicationState[] = ['in_verification', 'resubmitted', 'in_process'];

    it.each(returnFrom)('should need per-requirement reasons and a deadline from %s', (from) => {
      const sut = checkApplicationTransition(from, 'returned', 'officer', { now: NOW });
      expect(sut.allowed ? [] : sut.problems.map((p) => p.code)).toEqual(['returned_items_missing', 'citizen_deadline_missing']);
    });

    it('should refuse a blank reason, naming the requirement, and a requirement named twice', () => {
      const sut = checkApplicationTransition('in_verification', 'returned', 'officer', newDetails({
        returnedItems: [
          { requirementId: 'req-kk', reason: '  ' },
          { requirementId: 'req-ktp', reason: 'Buram' },
          { requirementId: 'req-ktp', reason: 'Terpotong' },
        ],
      }));
      expect(sut.allowed ? [] : sut.problems.map((p) => [p.code, p.requirementId])).toEqual([
        ['returned_item_reason_missing', 'req-kk'],
        ['returned_item_duplicate', 'req-ktp'],
      ]);
    });

    it('should refuse a deadline that is not after now, and accept one a minute later', () => {
      const at = checkApplicationTransition('in_process', 'returned', 'officer', newDetails({ citizenDeadline: NOW }));
      expect(at.allowed ? [] : at.problems.map((p) => p.code)).toEqual(['citizen_deadline_not_future']);
      const later = checkApplicationTransition('in_process', 'returned', 'officer', newDetails({ citizenDeadline: new Date(NOW.getTime() + 60_000) }));
      expect(later.allowed).toBe(true);
    });

    it('should refuse an invalid date as a missing deadline', () => {
      const sut = checkApplicationTransition('in_process', 'returned', 'officer', newDetails({ citizenDeadline: new Date('nonsense') }));
      expect(sut.allowed ? [] : sut.problems.map((p) => p.code)).toEqual(['citizen_deadline_missing']);
    });
  });

  it('should need a reason to reject, and refuse a blank one', () => {
    for (const reason of [undefined, '', ' \n ']) {
      const sut = checkApplicationTransition('in_process', 'rejected', 'officer', newDetails({ reason }));
      expect(sut.allowed ? [] : sut.problems.map((p) => p.code)).toEqual(['reason_missing']);
    }
  });

  it.each(['in_verification', 'resubmitted'] as ApplicationState[])('should mark %s complete only when no requirement is left unaccepted', (from) => {
    for (const unacceptedItemCount of [undefined, 1, 3]) {
      const sut = checkApplicationTransition(from, 'complete', 'officer', newDetails({ unacceptedItemCount }));
      expect([unacceptedItemCount, sut.allowed ? [] : sut.problems.map((p) => p.code)]).toEqual([unacceptedItemCount, ['items_not_accepted']]);
    }
    expect(checkApplicationTransition(from, 'complete', 'officer', newDetails({ unacceptedItemCount: 0 })).allowed).toBe(true);
  });

  it('should need the way the result is delivered to mark it ready', () => {
    const sut = checkApplicationTransition('approved', 'ready', 'officer', newDetails({ resultDelivery: undefined }));
    expect(sut.allowed ? [] : sut.problems.map((p) => p.code)).toEqual(['result_delivery_missing']);
    expect(checkApplicationTransition('approved', 'ready', 'officer', newDetails({ resultDelivery: 'collect_at_site' })).allowed).toBe(true);
  });

  it('should expire a returned application only at or after its correction deadline', () => {
    const before = checkApplicationTransition('returned', 'expired', 'system', newDetails({ correctionDeadline: new Date(NOW.getTime() + 1) }));
    expect(before.allowed ? [] : before.problems.map((p) => p.code)).toEqual(['correction_deadline_not_passed']);
    const missing = checkApplicationTransition('returned', 'expired', 'system', newDetails({ correctionDeadline: undefined }));
    expect(missing.allowed).toBe(false);
    expect(checkApplicationTransition('returned', 'expired', 'system', newDetails({ correctionDeadline: NOW })).allowed).toBe(true);
  });
});

describe(applicationNextState.name, () => {
  it('should agree with the arrows for every state and action', () => {
    for (const from of APPLICATION_STATES) {
      for (const action of APPLICATION_ACTIONS) {
        const to = applicationNextState(from, action);
        if (to === null) continue;
        expect([from, action, isArrow(from, to)]).toEqual([from, action, true]);
        expect(applicationTransitionRule(from, to)?.action).toBe(action);
      }
    }
    const reachable = APPLICATION_STATES.flatMap((from) => APPLICATION_ACTIONS.map((a) => applicationNextState(from, a)).filter((s) => s !== null));
    expect(reachable).toHaveLength(ISSUE_ARROWS.length);
  });
});

describe('APPLICATION_TRANSITIONS', () => {
  it('should hold each arrow of the issue once and nothing else', () => {
    const table = APPLICATION_TRANSITIONS.map((r) => `${r.from}→${r.to}`);
    expect(new Set(table).size).toBe(table.length);
    expect([...table].sort()).toEqual(ISSUE_ARROWS.map(([f, t]) => `${f}→${t}`).sort());
  });

  it('should leave each state by one arrow per action, so an action names its target', () => {
    for (const from of APPLICATION_STATES) {
      const actions = applicationTransitionsFrom(from).map((r) => r.action);
      expect([from, new Set(actions).size]).toEqual([from, actions.length]);
    }
  });
});

describe(applicationTransitionsFrom.name, () => {
  it('should offer the citizen only submitting and withdrawing a draft', () => {
    expect(applicationTransitionsFrom('draft', 'citizen').map((r) => r.to)).toEqual(['submitted', 'withdrawn']);
  });

  it('should offer the officer of an application in process a return, approval and rejection', () => {
    expect(applicationTransitionsFrom('in_process', 'officer').map((r) => r.to).sort()).toEqual(['approved', 'rejected', 'returned']);
  });
});

describe(isApplicationFinal.name, () => {
  it('should be true exactly where no arrow leaves the state', () => {
    for (const state of APPLICATION_STATES) {
      expect([state, isApplicationFinal(state)]).toEqual([state, !ISSUE_ARROWS.some(([from]) => from === state)]);
    }
  });
});

describe(isApplicationDecided.name, () => {
  it('should be true from approval or rejection onwards, and never where the citizen may still withdraw', () => {
    expect(APPLICATION_STATES.filter(isApplicationDecided)).toEqual(['approved', 'ready', 'done', 'rejected']);
    for (const state of APPLICATION_STATES.filter(isApplicationDecided)) expect(isArrow(state, 'withdrawn')).toBe(false);
  });
});

describe('labels', () => {
  it('should name every state and action in Indonesian and English', () => {
    for (const state of APPLICATION_STATES) {
      expect(APPLICATION_STATE_LABELS[state].id.trim()).not.toBe('');
      expect(APPLICATION_STATE_LABELS[state].en.trim()).not.toBe('');
    }
    for (const action of APPLICATION_ACTIONS) {
      expect(APPLICATION_ACTION_LABELS[action].id.trim()).not.toBe('');
      expect(APPLICATION_ACTION_LABELS[action].en.trim()).not.toBe('');
    }
    expect(new Set(APPLICATION_STATES.map((s) => APPLICATION_STATE_LABELS[s].id)).size).toBe(APPLICATION_STATES.length);
  });
});
