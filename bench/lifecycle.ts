/**
 * Where each bulk-loaded complaint stands in the procedure today, as the rows the app's steps would
 * have left behind: its intake deadlines (computed by the app's own `intakeDeadlines` on the office's
 * due context), met, cancelled or still open; the handling round once dispatched; a hold; the
 * follow-up or invalid-notice deadline. Plausible but simple: no step events, escalations or
 * follow-up rows (the board and the recount read none of them).
 */
import type { ComplaintStatus, DeadlineKind, Severity, Urgency } from '../src-preload/contract';
import { followUpDeadline, intakeDeadlines, invalidNoticeDeadline, type DueContext, type PlannedDeadline } from '../src-main/domain/deadlines';
import { ulid } from '../src-main/lib/ulid';
import { epochToWall, openChance, openStatus, type OpenStatus } from './data';
import type { Random } from './stats';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Exactly `target` of the complaints (by index) stay open, each with its open status; the rest are
 * closed. Weighted sampling without replacement (Efraimidis–Spirakis: the `target` largest
 * u^(1/w)), weight = the chance a complaint of that age is still open.
 */
export function pickOpen(receivedMs: readonly number[], nowMs: number, target: number, rnd: Random): Map<number, OpenStatus> {
  const keyed: { index: number; key: number; age: number }[] = [];
  receivedMs.forEach((ms, index) => {
    const age = (nowMs - ms) / DAY;
    const w = openChance(age);
    if (w > 0) keyed.push({ index, key: rnd.next() ** (1 / w), age });
  });
  keyed.sort((a, b) => b.key - a.key);
  return new Map(keyed.slice(0, target).map(({ index, age }) => [index, openStatus(rnd, age)]));
}

export interface LifecycleFacts {
  id: string;
  receivedAt: string;
  createdMs: number;
  severity: Severity;
  urgency: Urgency;
  requestedReplyAt: string;
  /** The handling department: the one complained about, else reception. */
  departmentId: string;
  receiverName: string;
  /** Non-empty: the complaint was judged invalid (closed ones keep it; open ones wait for the notice). */
  invalidReason: string;
}

export interface DeadlineInsert {
  id: string;
  complaintId: string;
  kind: DeadlineKind;
  round: number;
  startedAt: string;
  dueAt: string;
  rule: string | null;
  policyVersion: number;
  completedAt: string;
  cancelledAt: string;
}

export interface RoundInsert {
  id: string;
  complaintId: string;
  departmentId: string;
  dispatchedAt: string;
  dispatchedBy: string;
  signedBy: string;
  signedAt: string;
  measures: string;
  result: string;
  completedBy: string;
  completedAt: string;
}

export interface HoldInsert {
  id: string;
  complaintId: string;
  fromAt: string;
  expectedDate: string;
  reason: string;
}

export interface Standing {
  status: ComplaintStatus;
  validity: 'valid' | 'invalid';
  invalidReason: string;
  round: number;
  heldFromStatus: string;
  closedAt: string;
  invalidNoticedAt: string;
  invalidNoticeMethod: string;
  updatedMs: number;
  deadlines: DeadlineInsert[];
  handling: RoundInsert | null;
  hold: HoldInsert | null;
}

const HANDLERS = ['张师傅', '李强', '王师傅', '保洁班长', '秩序维护部班长', '财务部收费员'];
const HOLD_REASONS = ['等待配件到货', '等待业主配合入户', '等待第三方维保单位排期', '等待楼上住户回来配合检修'];

/** Steps in the procedure's order; each status has done the ones up to and including its own. */
const DONE_UP_TO: Record<Exclude<OpenStatus, 'invalid' | 'returned'> | 'closed', number> = {
  registered: 0,
  dispatched: 1,
  in_progress: 2,
  on_hold: 2,
  handled: 3,
  followed_up: 4,
  closed: 4,
};

/**
 * The rows behind `status` for one complaint: step times drawn after intake (squeezed to end before
 * now for recent ones), the intake deadlines met at the step that meets each (reply at sign-for,
 * dispatch at dispatch, report soon after intake, resolution at the handling result), the follow-up
 * deadline from the handling result; an invalid complaint's deadlines cancelled and its notice owed.
 */
export function standing(f: LifecycleFacts, planned: ComplaintStatus, due: DueContext & { policyVersion: number }, rnd: Random, nowMs: number): Standing {
  // The seeded history has one round per complaint (data.ts STATUS_BY_AGE): none sent back by a follow-up.
  if (planned === 'returned') throw new Error('bench: no seeded complaint is 退回待派单 (a second round)');
  // 已回访 is the state of a major complaint owing its summary; any other would have been closed.
  const status: ComplaintStatus = planned === 'followed_up' && f.severity !== 'major' ? 'handled' : planned;
  const invalid = status === 'invalid' || (status === 'closed' && f.invalidReason !== '');

  // Minutes after creation: report, dispatch, sign-for, hold, result, follow-up, summary; invalid: marked, notice.
  const report = rnd.int(5, 60);
  const dispatch = rnd.int(5, 90);
  const sign = dispatch + rnd.int(10, 360);
  const hold = sign + rnd.int(60, 2 * 1440);
  const done = sign + rnd.int(60, 3 * 1440);
  const follow = done + rnd.int(120, 3 * 1440);
  const close = follow + (f.severity === 'major' ? rnd.int(60, 2 * 1440) : 0);
  const marked = rnd.int(10, 1440);
  const notice = marked + rnd.int(60, 2 * 1440);
  const last = invalid
    ? status === 'closed' ? notice : marked
    : { registered: 0, dispatched: dispatch, in_progress: sign, on_hold: hold, handled: done, followed_up: follow, closed: close }[status];
  // Recent complaints: every step so far happened between creation and a minute ago.
  const room = (nowMs - MINUTE - f.createdMs) / MINUTE;
  const k = last > room ? Math.max(0, room) / last : 1;
  const atMs = (minutes: number) => f.createdMs + Math.round(minutes * k) * MINUTE;
  const at = (minutes: number) => epochToWall(atMs(minutes));

  const deadlines: DeadlineInsert[] = [];
  const add = (d: PlannedDeadline, completedAt = '', cancelledAt = '') =>
    deadlines.push({
      id: ulid(f.createdMs),
      complaintId: f.id,
      kind: d.kind,
      round: d.round,
      startedAt: d.startedAt,
      dueAt: d.dueAt,
      rule: d.rule ? JSON.stringify(d.rule) : null,
      policyVersion: due.policyVersion,
      completedAt,
      cancelledAt,
    });
  const intake = intakeDeadlines(f, due).deadlines;
  const base = {
    status,
    validity: invalid ? ('invalid' as const) : ('valid' as const),
    invalidReason: invalid ? f.invalidReason : '',
    heldFromStatus: '',
    closedAt: '',
    invalidNoticedAt: '',
    invalidNoticeMethod: '',
    updatedMs: atMs(last),
    deadlines,
    hold: null,
  };

  if (invalid) {
    for (const d of intake) add(d, '', at(marked));
    const closed = status === 'closed';
    add(invalidNoticeDeadline(at(marked), due), closed ? at(notice) : '');
    return { ...base, round: 0, handling: null, ...(closed && { closedAt: at(notice), invalidNoticedAt: at(notice), invalidNoticeMethod: 'phone' }) };
  }

  const step = DONE_UP_TO[status];
  const metAt: Partial<Record<DeadlineKind, string>> = {};
  if (step >= 1) Object.assign(metAt, { report: at(report), dispatch: at(dispatch) });
  if (step >= 2) metAt.response = at(sign);
  if (step >= 3) metAt.resolution = at(done);
  for (const d of intake) add(d, metAt[d.kind] ?? '');
  if (step >= 3) add(followUpDeadline(at(done), 1, due), step >= 4 ? at(follow) : '');

  const handler = rnd.pick(HANDLERS);
  const handling: RoundInsert | null =
    step >= 1
      ? {
          id: ulid(atMs(dispatch)),
          complaintId: f.id,
          departmentId: f.departmentId,
          dispatchedAt: at(dispatch),
          dispatchedBy: f.receiverName,
          signedBy: step >= 2 ? handler : '',
          signedAt: step >= 2 ? at(sign) : '',
          measures: step >= 3 ? '已安排人员到现场查看并处理' : '',
          result: step >= 3 ? '问题已处理完毕，已向业主说明' : '',
          completedBy: step >= 3 ? handler : '',
          completedAt: step >= 3 ? at(done) : '',
        }
      : null;
  const onHold = status === 'on_hold';
  return {
    ...base,
    round: step >= 1 ? 1 : 0,
    handling,
    heldFromStatus: onHold ? 'in_progress' : '',
    closedAt: status === 'closed' ? at(close) : '',
    hold: onHold
      ? {
          id: ulid(atMs(hold)),
          complaintId: f.id,
          fromAt: at(hold),
          expectedDate: epochToWall(nowMs + rnd.int(1, 10) * DAY).slice(0, 10),
          reason: rnd.pick(HOLD_REASONS),
        }
      : null,
  };
}
