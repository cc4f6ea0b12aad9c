import type { ComplaintStatus, LifecycleAction, Satisfaction, Severity } from '../../src-preload/contract/enums';
import { ZH_LABELS } from '../../src-preload/contract/labels';
import { errorText, wordError, type ErrorKey } from '../../src-preload/contract/error-texts';
import type { KeyedText } from '../../src-preload/contract/texts';

/**
 * The complaint procedure as a pure state machine (PROCEDURES.md §3–§5). Services ask it whether a
 * step is allowed and what the complaint becomes; they never change `status` any other way.
 *
 *   已登记 ─派单→ 已派单 ─签收→ 处理中 ─处理结果→ 已处理 ─回访(满意/基本满意)→ 已办结
 *                                                     │        └→ 已回访 (重大投诉待总结) ─总结→ 已办结
 *                                                     └─回访不满意→ 退回待派单 (round + 1) ─派单→ 已派单 …
 *   已派单/处理中 ─转派 (another department, with a reason; same round)→ 已派单 (the new one signs for it)
 *   已派单/处理中 ─挂起→ 挂起 ─恢复→ (回到挂起前)
 *   已登记/退回待派单/已派单/处理中 ─判为无效→ 无效 ─告知投诉人→ 已办结
 *   上报 (escalate) and, for major complaints, 总结与改进 are allowed in every open state; 答复 (reply to
 *   the complainant) in every open state but 无效, without changing it.
 */
export interface LifecycleSnapshot {
  status: ComplaintStatus;
  severity: Severity;
  /** The status before 挂起, to return to on resume. */
  heldFromStatus: ComplaintStatus | '';
  /** A major complaint's 总结与改进 has been written. */
  hasSummary: boolean;
  /** The handling round under way (1 for the first; an unsatisfied follow-up opens the next). */
  round: number;
}

export type ActionInput =
  | { action: Exclude<LifecycleAction, 'followUp'> }
  | { action: 'followUp'; satisfaction: Satisfaction };

export type TransitionResult =
  | { ok: true; status: ComplaintStatus; round: number; heldFromStatus: ComplaintStatus | '' }
  /** `refusal` crosses the bridge (the renderer words it); `message` is its Chinese. */
  | { ok: false; refusal: KeyedText<ErrorKey>; message: string };

/** Status and step names as the screen, the paper and Excel give them (contract/labels.ts, the one table). */
export const STATUS_LABEL = ZH_LABELS.status;
export const ACTION_LABEL = ZH_LABELS.action;

/** Where each step may start from; the rest of the rules (major, satisfaction) are in `transition`. */
const ALLOWED_FROM: Record<LifecycleAction, readonly ComplaintStatus[]> = {
  // Each round is dispatched once; moving it to another department is 转派, which needs a reason.
  dispatch: ['registered', 'returned'],
  // Within a round, until its result is in: the department that has it hands it on.
  redispatch: ['dispatched', 'in_progress'],
  signFor: ['dispatched'],
  recordResult: ['in_progress'],
  // 答复 (§5): the complainant is answered while the complaint is open, as often as needed; an
  // invalid complaint's answer is its notice (登记无效告知), so not there.
  reply: ['registered', 'returned', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up'],
  followUp: ['handled'],
  followUpImpossible: ['handled'],
  markInvalid: ['registered', 'returned', 'dispatched', 'in_progress'],
  notifyInvalid: ['invalid'],
  escalate: ['registered', 'returned', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up', 'invalid'],
  summarize: ['registered', 'returned', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up'],
  hold: ['dispatched', 'in_progress'],
  resume: ['on_hold'],
};

const refuse = (action: LifecycleAction, s: LifecycleSnapshot, why?: KeyedText<ErrorKey>): TransitionResult => {
  const refusal = why ?? errorText('lifecycle.notAllowed', { status: s.status, action, allowed: ALLOWED_FROM[action] });
  return { ok: false, refusal, message: wordError('zh-CN', refusal) };
};

/** Follow-up done (or impossible and signed off): a major complaint still owes its summary (§5). */
const afterFollowUp = (s: LifecycleSnapshot): ComplaintStatus => (s.severity === 'major' && !s.hasSummary ? 'followed_up' : 'closed');

/** 派单 on a round already dispatched: say where the way to another department is. */
const alreadyDispatched = (s: LifecycleSnapshot) => errorText('lifecycle.alreadyDispatched', { status: s.status, action: 'redispatch' });

export function transition(s: LifecycleSnapshot, input: ActionInput): TransitionResult {
  const { action } = input;
  if (action === 'dispatch' && ALLOWED_FROM.redispatch.includes(s.status)) return refuse(action, s, alreadyDispatched(s));
  if (!ALLOWED_FROM[action].includes(s.status)) return refuse(action, s);
  const stay = { ok: true as const, status: s.status, round: s.round, heldFromStatus: s.heldFromStatus };
  switch (action) {
    case 'dispatch':
      return { ...stay, status: 'dispatched', round: Math.max(1, s.round) };
    case 'redispatch':
      // Same round, same deadlines; the new department signs for it (签收) before it handles it.
      return { ...stay, status: 'dispatched' };
    case 'signFor':
      return { ...stay, status: 'in_progress' };
    case 'recordResult':
      return { ...stay, status: 'handled' };
    case 'followUp':
      // §5: an unsatisfied complainant sends it back for handling, as a new round that is
      // dispatched (to whichever department should now have it) and signed for like the first.
      return input.satisfaction === 'unsatisfied'
        ? { ...stay, status: 'returned', round: s.round + 1 }
        : { ...stay, status: afterFollowUp(s) };
    case 'followUpImpossible':
      return { ...stay, status: afterFollowUp(s) };
    case 'markInvalid':
      return { ...stay, status: 'invalid' };
    case 'notifyInvalid':
      return { ...stay, status: 'closed' };
    case 'escalate':
    case 'reply':
      return stay;
    case 'summarize':
      if (s.severity !== 'major') return refuse(action, s, errorText('lifecycle.summaryOnlyMajor'));
      return { ...stay, status: s.status === 'followed_up' ? 'closed' : s.status };
    case 'hold':
      return { ...stay, status: 'on_hold', heldFromStatus: s.status };
    case 'resume':
      if (s.heldFromStatus === '') return refuse(action, s, errorText('lifecycle.noHeldStatus'));
      return { ...stay, status: s.heldFromStatus, heldFromStatus: '' };
  }
}

/** The steps a user can take now, for the buttons on the complaint page and the board's "next step". */
export function allowedActions(s: LifecycleSnapshot): LifecycleAction[] {
  const allowed = (Object.keys(ALLOWED_FROM) as LifecycleAction[]).filter((action) =>
    transition(s, action === 'followUp' ? { action, satisfaction: 'satisfied' } : { action }).ok,
  );
  // The step that moves it on comes first; the rest keep the procedure's order.
  const primary = PRIMARY_STEP[s.status];
  return primary && allowed.includes(primary) ? [primary, ...allowed.filter((a) => a !== primary)] : allowed;
}

/** The step that moves the complaint on from each state: the board's "to do" and the first button. */
const PRIMARY_STEP: Record<ComplaintStatus, LifecycleAction | null> = {
  registered: 'dispatch',
  returned: 'dispatch',
  dispatched: 'signFor',
  in_progress: 'recordResult',
  on_hold: 'resume',
  handled: 'followUp',
  followed_up: 'summarize',
  invalid: 'notifyInvalid',
  closed: null,
};

export const primaryStep = (s: LifecycleSnapshot): LifecycleAction | null => PRIMARY_STEP[s.status];

/** Open: not yet closed; deadlines run and the board shows it. */
export const isOpen = (status: ComplaintStatus) => status !== 'closed';
