import { describe, expect, it } from 'vitest';
import {
  STATUS_LABEL,
  allowedActions,
  isOpen,
  primaryStep,
  transition,
  type ActionInput,
  type LifecycleSnapshot,
  type TransitionResult,
} from '../../src-main/domain/lifecycle';
import {
  LIFECYCLE_ACTIONS,
  SATISFACTIONS,
  SEVERITIES,
  STATUSES,
  type ComplaintStatus,
  type LifecycleAction,
  type Satisfaction,
  type Severity,
} from '../../src-preload/contract/enums';

// Spec test for the complaint state machine (PROCEDURES.md §3–§5). Every expected outcome below is
// written down by hand from the procedure; nothing is computed by asking the code under test.

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The Chinese name of each state, as the desk staff know it (a refusal must name the current one). */
const LABEL: Record<ComplaintStatus, string> = {
  registered: '已登记',
  returned: '退回待派单',
  dispatched: '已派单',
  in_progress: '处理中',
  on_hold: '挂起',
  handled: '已处理',
  followed_up: '已回访',
  invalid: '无效',
  closed: '已办结',
};

/** A complaint as the machine sees it; defaults to a fresh, ordinary, first-round complaint. */
const snapshot = (over: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot => ({
  status: 'registered',
  severity: 'ordinary',
  heldFromStatus: '',
  hasSummary: false,
  round: 1,
  ...over,
});

/** One step a user can take; `followUp` carries the complainant's satisfaction. */
type Step = Exclude<LifecycleAction, 'followUp'> | `followUp:${Satisfaction}`;

const STEPS: readonly Step[] = LIFECYCLE_ACTIONS.flatMap((action): Step[] =>
  action === 'followUp' ? SATISFACTIONS.map((s): Step => `followUp:${s}`) : [action],
);

const inputOf = (step: Step): ActionInput => {
  if (step.startsWith('followUp:')) return { action: 'followUp', satisfaction: step.slice('followUp:'.length) as Satisfaction };
  return { action: step as Exclude<LifecycleAction, 'followUp'> };
};

const actionOf = (step: Step): LifecycleAction => (step.startsWith('followUp:') ? 'followUp' : (step as LifecycleAction));

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

function expectRefused(result: TransitionResult): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(typeof result.message).toBe('string');
  expect(result.message.trim()).not.toBe('');
  expect(hasChinese(result.message)).toBe(true);
  return result.message;
}

function expectAllowed(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected the step to be allowed, but it was refused: ${result.message}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The expected table, by hand
// ---------------------------------------------------------------------------------------------

type Outcome =
  | { kind: 'allowed'; status: ComplaintStatus; round?: number; heldFromStatus?: ComplaintStatus | '' }
  /** Refused because the complaint is in the wrong state: the message names the current state. */
  | { kind: 'wrongState' }
  /** summarize on a complaint that is not major: the message mentions 重大投诉. */
  | { kind: 'notMajor' }
  /** resume with no remembered status to go back to. */
  | { kind: 'nothingToResume' };

/** Allowed; round and heldFromStatus stay as they were unless given. */
const to = (status: ComplaintStatus, also: { round?: number; heldFromStatus?: ComplaintStatus | '' } = {}): Outcome => ({
  kind: 'allowed',
  status,
  ...also,
});
const WRONG: Outcome = { kind: 'wrongState' };
const NOT_MAJOR: Outcome = { kind: 'notMajor' };
const NOTHING_TO_RESUME: Outcome = { kind: 'nothingToResume' };

/** The severity / summary combinations the table is checked for. */
const PROFILES = {
  ordinary: { severity: 'ordinary', hasSummary: false },
  'major without summary': { severity: 'major', hasSummary: false },
  'major with summary': { severity: 'major', hasSummary: true },
} as const satisfies Record<string, { severity: Severity; hasSummary: boolean }>;
type Profile = keyof typeof PROFILES;

/** A cell that depends on severity / summary. */
type PerProfile = { [P in Profile]: Outcome };
type Cell = Outcome | PerProfile;
const per = (ordinary: Outcome, majorWithoutSummary: Outcome, majorWithSummary: Outcome): PerProfile => ({
  ordinary,
  'major without summary': majorWithoutSummary,
  'major with summary': majorWithSummary,
});
/** summarize where it is allowed: only major complaints, and the status does not change. */
const summarizeStays = (status: ComplaintStatus) => per(NOT_MAJOR, to(status), to(status));
/** A satisfied follow-up (or an impossible one, signed off): closed, unless a major complaint still owes its summary. */
const afterFollowUp = per(to('closed'), to('followed_up'), to('closed'));

/** The round every table case starts in: not 1, so a wrongly reset or incremented round shows. */
const R = 2;

interface Situation {
  status: ComplaintStatus;
  heldFromStatus: ComplaintStatus | '';
  row: Record<Step, Cell>;
}

/** Everything refused; rows below override what the state allows. */
const allWrong = (): Record<Step, Cell> => Object.fromEntries(STEPS.map((s) => [s, WRONG])) as Record<Step, Cell>;

const onHold = (heldFromStatus: ComplaintStatus | ''): Situation => ({
  status: 'on_hold',
  heldFromStatus,
  row: {
    ...allWrong(),
    reply: to('on_hold'), // the complainant is still answered while the work waits
    escalate: to('on_hold'),
    summarize: summarizeStays('on_hold'),
    resume: heldFromStatus === '' ? NOTHING_TO_RESUME : to(heldFromStatus, { heldFromStatus: '' }),
  },
});

const SITUATIONS: Record<string, Situation> = {
  registered: {
    status: 'registered',
    heldFromStatus: '',
    row: {
      dispatch: to('dispatched', { round: R }),
      redispatch: WRONG, // nothing dispatched yet: 派单 first
      signFor: WRONG,
      recordResult: WRONG,
      reply: to('registered'),
      'followUp:satisfied': WRONG,
      'followUp:basically_satisfied': WRONG,
      'followUp:unsatisfied': WRONG,
      followUpImpossible: WRONG,
      markInvalid: to('invalid'),
      notifyInvalid: WRONG,
      escalate: to('registered'),
      summarize: summarizeStays('registered'),
      hold: WRONG,
      resume: WRONG,
    },
  },
  // After an unsatisfied follow-up: the new round is dispatched (to any department) like the first.
  returned: {
    status: 'returned',
    heldFromStatus: '',
    row: {
      ...allWrong(),
      dispatch: to('dispatched', { round: R }),
      reply: to('returned'),
      markInvalid: to('invalid'),
      escalate: to('returned'),
      summarize: summarizeStays('returned'),
    },
  },
  dispatched: {
    status: 'dispatched',
    heldFromStatus: '',
    row: {
      dispatch: WRONG, // the round is dispatched: another department only through 转派, with a reason
      redispatch: to('dispatched'),
      signFor: to('in_progress'),
      recordResult: WRONG,
      reply: to('dispatched'),
      'followUp:satisfied': WRONG,
      'followUp:basically_satisfied': WRONG,
      'followUp:unsatisfied': WRONG,
      followUpImpossible: WRONG,
      markInvalid: to('invalid'),
      notifyInvalid: WRONG,
      escalate: to('dispatched'),
      summarize: summarizeStays('dispatched'),
      hold: to('on_hold', { heldFromStatus: 'dispatched' }),
      resume: WRONG,
    },
  },
  in_progress: {
    status: 'in_progress',
    heldFromStatus: '',
    row: {
      dispatch: WRONG,
      redispatch: to('dispatched'), // the new department signs for it again
      signFor: WRONG,
      recordResult: to('handled'),
      reply: to('in_progress'),
      'followUp:satisfied': WRONG,
      'followUp:basically_satisfied': WRONG,
      'followUp:unsatisfied': WRONG,
      followUpImpossible: WRONG,
      markInvalid: to('invalid'),
      notifyInvalid: WRONG,
      escalate: to('in_progress'),
      summarize: summarizeStays('in_progress'),
      hold: to('on_hold', { heldFromStatus: 'in_progress' }),
      resume: WRONG,
    },
  },
  'on_hold (held from dispatched)': onHold('dispatched'),
  'on_hold (held from in_progress)': onHold('in_progress'),
  'on_hold (held from unknown)': onHold(''),
  handled: {
    status: 'handled',
    heldFromStatus: '',
    row: {
      dispatch: WRONG,
      redispatch: WRONG,
      signFor: WRONG,
      recordResult: WRONG,
      reply: to('handled'),
      'followUp:satisfied': afterFollowUp,
      'followUp:basically_satisfied': afterFollowUp,
      'followUp:unsatisfied': to('returned', { round: R + 1 }), // next round, to be dispatched again
      followUpImpossible: afterFollowUp,
      markInvalid: WRONG,
      notifyInvalid: WRONG,
      escalate: to('handled'),
      summarize: summarizeStays('handled'),
      hold: WRONG,
      resume: WRONG,
    },
  },
  followed_up: {
    status: 'followed_up',
    heldFromStatus: '',
    row: {
      ...allWrong(),
      reply: to('followed_up'),
      escalate: to('followed_up'),
      summarize: per(NOT_MAJOR, to('closed'), to('closed')),
    },
  },
  invalid: {
    status: 'invalid',
    heldFromStatus: '',
    row: {
      ...allWrong(),
      notifyInvalid: to('closed'),
      escalate: to('invalid'),
      // reply stays refused: an invalid complaint's answer is its notice (登记无效告知).
      // summarize is refused here for every severity; the state is the reason given.
    },
  },
  closed: {
    status: 'closed',
    heldFromStatus: '',
    row: allWrong(),
  },
};

const cellFor = (cell: Cell, profile: Profile): Outcome => ('kind' in cell ? cell : cell[profile]);

const describeOutcome = (o: Outcome): string => {
  switch (o.kind) {
    case 'allowed':
      return `→ ${o.status}`;
    case 'wrongState':
      return 'refused (wrong state)';
    case 'notMajor':
      return 'refused (not major)';
    case 'nothingToResume':
      return 'refused (nothing to resume)';
  }
};

interface Case {
  name: string;
  situation: Situation;
  profile: Profile;
  step: Step;
  expected: Outcome;
}

const CASES: Case[] = Object.entries(SITUATIONS).flatMap(([situationName, situation]) =>
  (Object.keys(PROFILES) as Profile[]).flatMap((profile) =>
    STEPS.map((step): Case => {
      const expected = cellFor(situation.row[step], profile);
      return { name: `${situationName} · ${profile} · ${step} ${describeOutcome(expected)}`, situation, profile, step, expected };
    }),
  ),
);

const snapshotFor = (situation: Situation, profile: Profile): LifecycleSnapshot =>
  snapshot({ status: situation.status, heldFromStatus: situation.heldFromStatus, round: R, ...PROFILES[profile] });

// ---------------------------------------------------------------------------------------------
// 1. The exhaustive table
// ---------------------------------------------------------------------------------------------

describe('the table covers the whole procedure', () => {
  it('has a situation for every status', () => {
    const covered = new Set(Object.values(SITUATIONS).map((s) => s.status));
    expect([...covered].sort()).toEqual([...STATUSES].sort());
  });

  it('has a row entry for every action (every satisfaction for followUp)', () => {
    expect(STEPS).toHaveLength(LIFECYCLE_ACTIONS.length - 1 + SATISFACTIONS.length);
    for (const situation of Object.values(SITUATIONS)) expect(Object.keys(situation.row).sort()).toEqual([...STEPS].sort());
  });

  it('labels every state in Chinese with the name the procedure uses', () => {
    for (const status of STATUSES) expect(STATUS_LABEL[status]).toContain(LABEL[status]);
  });
});

describe('transition: every state × every step × severity', () => {
  it.each(CASES)('$name', ({ situation, profile, step, expected }) => {
    const before = snapshotFor(situation, profile);
    const frozen = structuredClone(before);
    const result = transition(before, inputOf(step));

    switch (expected.kind) {
      case 'allowed':
        expect(result).toEqual({
          ok: true,
          status: expected.status,
          round: expected.round ?? before.round,
          heldFromStatus: expected.heldFromStatus ?? before.heldFromStatus,
        });
        break;
      case 'wrongState':
        expect(expectRefused(result)).toContain(LABEL[situation.status]);
        break;
      case 'notMajor':
        expect(expectRefused(result)).toContain('重大投诉');
        break;
      case 'nothingToResume':
        expectRefused(result);
        break;
    }
    // The machine is pure: the snapshot it was given is untouched.
    expect(before).toEqual(frozen);
  });
});

describe('transition: details the table does not vary', () => {
  it.each([
    { status: 'registered', round: 0, expected: 1 },
    { status: 'registered', round: 1, expected: 1 },
    { status: 'returned', round: 2, expected: 2 },
    { status: 'returned', round: 3, expected: 3 },
  ] as const)('dispatch from $status in round $round makes the round $expected', ({ status, round, expected }) => {
    expect(transition(snapshot({ status, round }), { action: 'dispatch' })).toEqual({
      ok: true,
      status: 'dispatched',
      round: expected,
      heldFromStatus: '',
    });
  });

  it.each([1, 2, 5])('an unsatisfied follow-up in round %i opens the next round, waiting for its 派单', (round) => {
    const result = expectAllowed(transition(snapshot({ status: 'handled', round }), { action: 'followUp', satisfaction: 'unsatisfied' }));
    expect(result.status).toBe('returned');
    expect(result.round).toBe(round + 1);
    expect(primaryStep({ ...snapshot(), status: result.status, round: result.round })).toBe('dispatch');
  });

  it.each(['dispatched', 'in_progress'] as const)('转派 from %s stays in the round and waits for the new department to sign', (status) => {
    expect(transition(snapshot({ status, round: 2 }), { action: 'redispatch' })).toEqual({ ok: true, status: 'dispatched', round: 2, heldFromStatus: '' });
  });

  it.each(['dispatched', 'in_progress'] as const)('派单 again from %s is refused and points to 转派', (status) => {
    const message = expectRefused(transition(snapshot({ status }), { action: 'dispatch' }));
    expect(message).toContain(LABEL[status]);
    expect(message).toContain('转派');
  });

  it.each(SEVERITIES.filter((s) => s !== 'major'))('summarize is refused for a %s complaint in every state, mentioning 重大投诉 where the state allows it', (severity) => {
    for (const status of STATUSES) {
      const message = expectRefused(transition(snapshot({ status, severity, heldFromStatus: status === 'on_hold' ? 'dispatched' : '' }), { action: 'summarize' }));
      if (status !== 'invalid' && status !== 'closed') expect(message).toContain('重大投诉');
    }
  });

  it.each(SEVERITIES.filter((s) => s !== 'major'))('a %s complaint closes on a satisfied or impossible follow-up (no summary owed)', (severity) => {
    const handled = snapshot({ status: 'handled', severity });
    expect(expectAllowed(transition(handled, { action: 'followUp', satisfaction: 'satisfied' })).status).toBe('closed');
    expect(expectAllowed(transition(handled, { action: 'followUp', satisfaction: 'basically_satisfied' })).status).toBe('closed');
    expect(expectAllowed(transition(handled, { action: 'followUpImpossible' })).status).toBe('closed');
  });
});

// ---------------------------------------------------------------------------------------------
// 2. allowedActions agrees with the table
// ---------------------------------------------------------------------------------------------

/** An action is available when the table allows it (followUp: with any satisfaction). */
const expectedAllowed = (situation: Situation, profile: Profile): LifecycleAction[] => {
  const allowed = new Set<LifecycleAction>();
  for (const step of STEPS) if (cellFor(situation.row[step], profile).kind === 'allowed') allowed.add(actionOf(step));
  return [...allowed];
};

describe('allowedActions', () => {
  const cases = Object.entries(SITUATIONS).flatMap(([situationName, situation]) =>
    (Object.keys(PROFILES) as Profile[]).map((profile) => ({ name: `${situationName} · ${profile}`, situation, profile })),
  );

  it.each(cases)('$name', ({ situation, profile }) => {
    const actual = allowedActions(snapshotFor(situation, profile));
    expect([...actual].sort()).toEqual(expectedAllowed(situation, profile).sort());
  });

  // A few rows spelled out, as the complaint page shows them.
  it('spelled out: the buttons of a few common situations', () => {
    const sorted = (a: LifecycleAction[]) => [...a].sort();
    expect(sorted(allowedActions(snapshot({ status: 'registered' })))).toEqual(sorted(['dispatch', 'reply', 'markInvalid', 'escalate']));
    expect(sorted(allowedActions(snapshot({ status: 'registered', severity: 'major' })))).toEqual(
      sorted(['dispatch', 'reply', 'markInvalid', 'escalate', 'summarize']),
    );
    expect(sorted(allowedActions(snapshot({ status: 'dispatched' })))).toEqual(
      sorted(['redispatch', 'signFor', 'reply', 'markInvalid', 'escalate', 'hold']),
    );
    expect(sorted(allowedActions(snapshot({ status: 'in_progress' })))).toEqual(sorted(['recordResult', 'redispatch', 'reply', 'markInvalid', 'escalate', 'hold']));
    // Round 2 after an unsatisfied follow-up: 派单 first, and it is the first button.
    expect(allowedActions(snapshot({ status: 'returned', round: 2 }))[0]).toBe('dispatch');
    expect(sorted(allowedActions(snapshot({ status: 'returned', round: 2 })))).toEqual(sorted(['dispatch', 'reply', 'markInvalid', 'escalate']));
    expect(sorted(allowedActions(snapshot({ status: 'on_hold', heldFromStatus: 'in_progress' })))).toEqual(sorted(['reply', 'escalate', 'resume']));
    expect(sorted(allowedActions(snapshot({ status: 'handled' })))).toEqual(sorted(['followUp', 'followUpImpossible', 'reply', 'escalate']));
    expect(sorted(allowedActions(snapshot({ status: 'followed_up', severity: 'major' })))).toEqual(sorted(['reply', 'escalate', 'summarize']));
    expect(sorted(allowedActions(snapshot({ status: 'invalid' })))).toEqual(sorted(['notifyInvalid', 'escalate']));
    expect(allowedActions(snapshot({ status: 'closed', severity: 'major' }))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Walks through the procedure
// ---------------------------------------------------------------------------------------------

/**
 * Applies steps one after another, as the services do: each must be allowed; the complaint takes the
 * new status/round/heldFromStatus, and a written summary is remembered. Returns every snapshot.
 */
function walk(start: LifecycleSnapshot, ...steps: ActionInput[]): LifecycleSnapshot[] {
  const trail = [start];
  let current = start;
  for (const input of steps) {
    const result = transition(current, input);
    if (!result.ok) throw new Error(`${input.action} refused from ${current.status}: ${result.message}`);
    current = {
      ...current,
      status: result.status,
      round: result.round,
      heldFromStatus: result.heldFromStatus,
      hasSummary: current.hasSummary || input.action === 'summarize',
    };
    trail.push(current);
  }
  return trail;
}

const statuses = (trail: LifecycleSnapshot[]) => trail.map((s) => s.status);
const last = (trail: LifecycleSnapshot[]) => trail[trail.length - 1]!;

describe('答复 (reply to the complainant)', () => {
  const OPEN: ComplaintStatus[] = ['registered', 'returned', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up'];

  it.each(OPEN)('is allowed in %s, any number of times, and changes neither status nor round', (status) => {
    const start = snapshot({ status, round: 2, heldFromStatus: status === 'on_hold' ? 'in_progress' : '', severity: 'major' });
    const trail = walk(start, { action: 'reply' }, { action: 'reply' });
    expect(trail).toEqual([start, start, start]);
    expect(allowedActions(start)).toContain('reply');
  });

  it.each(['closed', 'invalid'] as const)('is refused on a %s complaint, naming its state', (status) => {
    const message = expectRefused(transition(snapshot({ status }), { action: 'reply' }));
    expect(message).toContain(LABEL[status]);
  });

  it('never becomes the step that moves a complaint on (the board picks it by the 答复 deadline)', () => {
    for (const status of STATUSES) expect(primaryStep(snapshot({ status, heldFromStatus: status === 'on_hold' ? 'in_progress' : '' }))).not.toBe('reply');
  });
});

describe('walks', () => {
  it('happy path: registered → dispatched → in_progress → handled → closed (satisfied)', () => {
    const trail = walk(
      snapshot({ status: 'registered', round: 0 }),
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'recordResult' },
      { action: 'followUp', satisfaction: 'satisfied' },
    );
    expect(statuses(trail)).toEqual(['registered', 'dispatched', 'in_progress', 'handled', 'closed']);
    expect(trail.slice(1).map((s) => s.round)).toEqual([1, 1, 1, 1]);
    expect(isOpen(last(trail).status)).toBe(false);
    expect(allowedActions(last(trail))).toEqual([]);
  });

  it('happy path with 转派, escalation and an impossible follow-up', () => {
    const trail = walk(
      snapshot(),
      { action: 'dispatch' },
      { action: 'redispatch' },
      { action: 'escalate' },
      { action: 'signFor' },
      { action: 'recordResult' },
      { action: 'followUpImpossible' },
    );
    expect(statuses(trail)).toEqual(['registered', 'dispatched', 'dispatched', 'dispatched', 'in_progress', 'handled', 'closed']);
    expect(last(trail).round).toBe(1);
  });

  it('unsatisfied follow-up → second round dispatched and signed for like the first → satisfied: rounds go 1 → 2', () => {
    const trail = walk(
      snapshot({ round: 0 }),
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'recordResult' },
      { action: 'followUp', satisfaction: 'unsatisfied' },
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'recordResult' },
      { action: 'followUp', satisfaction: 'basically_satisfied' },
    );
    expect(statuses(trail)).toEqual(['registered', 'dispatched', 'in_progress', 'handled', 'returned', 'dispatched', 'in_progress', 'handled', 'closed']);
    expect(trail.map((s) => s.round)).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('转派 within round 2 after sign-for: back to 已派单, signed for again, same round', () => {
    const trail = walk(
      snapshot({ status: 'returned', round: 2 }),
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'redispatch' },
      { action: 'signFor' },
      { action: 'recordResult' },
    );
    expect(statuses(trail)).toEqual(['returned', 'dispatched', 'in_progress', 'dispatched', 'in_progress', 'handled']);
    expect(trail.map((s) => s.round)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('round 2 cannot be signed for, handled or re-dispatched before its 派单', () => {
    const returned = snapshot({ status: 'returned', round: 2 });
    for (const action of ['signFor', 'recordResult', 'redispatch', 'hold'] as const) {
      expect(expectRefused(transition(returned, { action }))).toContain('退回待派单');
    }
  });

  it('two unsatisfied follow-ups: rounds go 1 → 2 → 3', () => {
    const again = [{ action: 'dispatch' }, { action: 'signFor' }, { action: 'recordResult' }] as const;
    const trail = walk(
      snapshot({ status: 'handled', round: 1 }),
      { action: 'followUp', satisfaction: 'unsatisfied' },
      ...again,
      { action: 'followUp', satisfaction: 'unsatisfied' },
      ...again,
      { action: 'followUp', satisfaction: 'satisfied' },
    );
    expect(trail.map((s) => s.round)).toEqual([1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(last(trail).status).toBe('closed');
  });

  it('major complaint, summary last: satisfied follow-up → followed_up → summarize → closed', () => {
    const trail = walk(
      snapshot({ severity: 'major', round: 0 }),
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'recordResult' },
      { action: 'followUp', satisfaction: 'satisfied' },
      { action: 'summarize' },
    );
    expect(statuses(trail)).toEqual(['registered', 'dispatched', 'in_progress', 'handled', 'followed_up', 'closed']);
    const waiting = trail[4]!;
    expect(isOpen(waiting.status)).toBe(true);
    expect(allowedActions(waiting).sort()).toEqual(['escalate', 'reply', 'summarize']);
  });

  it('major complaint, impossible follow-up also waits for the summary', () => {
    const trail = walk(snapshot({ status: 'handled', severity: 'major' }), { action: 'followUpImpossible' }, { action: 'summarize' });
    expect(statuses(trail)).toEqual(['handled', 'followed_up', 'closed']);
  });

  it('major complaint, summary first: summarize while handling, then the follow-up closes it directly', () => {
    const trail = walk(
      snapshot({ severity: 'major', round: 0 }),
      { action: 'dispatch' },
      { action: 'signFor' },
      { action: 'summarize' },
      { action: 'recordResult' },
      { action: 'followUp', satisfaction: 'satisfied' },
    );
    expect(statuses(trail)).toEqual(['registered', 'dispatched', 'in_progress', 'in_progress', 'handled', 'closed']);
  });

  it('major complaint: unsatisfied follow-up still reopens handling, summary or not', () => {
    for (const hasSummary of [false, true]) {
      const trail = walk(snapshot({ status: 'handled', severity: 'major', hasSummary }), { action: 'followUp', satisfaction: 'unsatisfied' });
      expect(last(trail)).toMatchObject({ status: 'returned', round: 2 });
    }
  });

  it('hold from dispatched, resume back to dispatched, then carry on', () => {
    const trail = walk(snapshot({ status: 'dispatched' }), { action: 'hold' }, { action: 'escalate' }, { action: 'resume' }, { action: 'signFor' });
    expect(statuses(trail)).toEqual(['dispatched', 'on_hold', 'on_hold', 'dispatched', 'in_progress']);
    expect(trail.map((s) => s.heldFromStatus)).toEqual(['', 'dispatched', 'dispatched', '', '']);
  });

  it('hold from in_progress, resume back to in_progress, then carry on', () => {
    const trail = walk(snapshot({ status: 'in_progress', round: 2 }), { action: 'hold' }, { action: 'resume' }, { action: 'recordResult' });
    expect(statuses(trail)).toEqual(['in_progress', 'on_hold', 'in_progress', 'handled']);
    expect(trail.map((s) => s.heldFromStatus)).toEqual(['', 'in_progress', '', '']);
    expect(trail.map((s) => s.round)).toEqual([2, 2, 2, 2]);
  });

  it('on hold, a complaint cannot be held twice, signed for, or marked invalid', () => {
    const held = last(walk(snapshot({ status: 'dispatched' }), { action: 'hold' }));
    for (const action of ['hold', 'signFor', 'markInvalid', 'dispatch'] as const) {
      expect(expectRefused(transition(held, { action }))).toContain('挂起');
    }
  });

  it('invalid path: registered → invalid → closed', () => {
    const trail = walk(snapshot(), { action: 'markInvalid' }, { action: 'notifyInvalid' });
    expect(statuses(trail)).toEqual(['registered', 'invalid', 'closed']);
    expect(isOpen(trail[1]!.status)).toBe(true);
    expect(isOpen(last(trail).status)).toBe(false);
  });

  it('invalid path from later states: dispatched or in_progress → invalid → closed', () => {
    expect(statuses(walk(snapshot({ status: 'dispatched' }), { action: 'markInvalid' }, { action: 'notifyInvalid' }))).toEqual([
      'dispatched',
      'invalid',
      'closed',
    ]);
    expect(statuses(walk(snapshot({ status: 'in_progress' }), { action: 'markInvalid' }, { action: 'notifyInvalid' }))).toEqual([
      'in_progress',
      'invalid',
      'closed',
    ]);
  });

  it('a major invalid complaint closes on the notice without a summary', () => {
    const trail = walk(snapshot({ severity: 'major' }), { action: 'markInvalid' }, { action: 'notifyInvalid' });
    expect(last(trail).status).toBe('closed');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. isOpen
// ---------------------------------------------------------------------------------------------

describe('isOpen', () => {
  it.each(STATUSES.map((status) => ({ status, open: status !== 'closed' })))('$status is open: $open', ({ status, open }) => {
    expect(isOpen(status)).toBe(open);
  });

  it('closed is the only state that is not open', () => {
    expect(STATUSES.filter((s) => !isOpen(s))).toEqual(['closed']);
  });
});
