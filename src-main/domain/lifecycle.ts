import type { ComplaintStatus, LifecycleAction, Satisfaction, Severity } from '../../src-preload/contract/enums';

/**
 * The complaint procedure as a pure state machine (PROCEDURES.md §3–§5). Services ask it whether a
 * step is allowed and what the complaint becomes; they never change `status` any other way.
 *
 *   已登记 ─派单→ 已派单 ─签收→ 处理中 ─处理结果→ 已处理 ─回访(满意/基本满意)→ 已办结
 *                  ↑ 改派        ↑ 回访不满意：新一轮处理 ─┘        └→ 已回访 (重大投诉待总结) ─总结→ 已办结
 *   已派单/处理中 ─挂起→ 挂起 ─恢复→ (回到挂起前)
 *   已登记/已派单/处理中 ─判为无效→ 无效 ─告知投诉人→ 已办结
 *   上报 (escalate) and, for major complaints, 总结与改进 are allowed in every open state.
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
  | { ok: false; message: string };

export const STATUS_LABEL: Record<ComplaintStatus, string> = {
  registered: '已登记',
  dispatched: '已派单',
  in_progress: '处理中',
  on_hold: '挂起',
  handled: '已处理',
  followed_up: '已回访',
  invalid: '无效（待告知）',
  closed: '已办结',
};

export const ACTION_LABEL: Record<LifecycleAction, string> = {
  dispatch: '派单',
  signFor: '签收',
  recordResult: '登记处理结果',
  followUp: '回访',
  followUpImpossible: '登记无法回访',
  markInvalid: '判为无效投诉',
  notifyInvalid: '登记无效告知',
  escalate: '上报',
  summarize: '填写总结与改进',
  hold: '挂起',
  resume: '恢复处理',
};

/** Where each step may start from; the rest of the rules (major, satisfaction) are in `transition`. */
const ALLOWED_FROM: Record<LifecycleAction, readonly ComplaintStatus[]> = {
  dispatch: ['registered', 'dispatched'],
  signFor: ['dispatched'],
  recordResult: ['in_progress'],
  followUp: ['handled'],
  followUpImpossible: ['handled'],
  markInvalid: ['registered', 'dispatched', 'in_progress'],
  notifyInvalid: ['invalid'],
  escalate: ['registered', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up', 'invalid'],
  summarize: ['registered', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up'],
  hold: ['dispatched', 'in_progress'],
  resume: ['on_hold'],
};

const refuse = (action: LifecycleAction, s: LifecycleSnapshot, why?: string): TransitionResult => ({
  ok: false,
  message:
    why ??
    `投诉当前为“${STATUS_LABEL[s.status]}”，不能${ACTION_LABEL[action]}（只有${ALLOWED_FROM[action].map((st) => `“${STATUS_LABEL[st]}”`).join('、')}的投诉可以）`,
});

/** Follow-up done (or impossible and signed off): a major complaint still owes its summary (§5). */
const afterFollowUp = (s: LifecycleSnapshot): ComplaintStatus => (s.severity === 'major' && !s.hasSummary ? 'followed_up' : 'closed');

export function transition(s: LifecycleSnapshot, input: ActionInput): TransitionResult {
  const { action } = input;
  if (!ALLOWED_FROM[action].includes(s.status)) return refuse(action, s);
  const stay = { ok: true as const, status: s.status, round: s.round, heldFromStatus: s.heldFromStatus };
  switch (action) {
    case 'dispatch':
      return { ...stay, status: 'dispatched', round: Math.max(1, s.round) };
    case 'signFor':
      return { ...stay, status: 'in_progress' };
    case 'recordResult':
      return { ...stay, status: 'handled' };
    case 'followUp':
      // §5: an unsatisfied complainant sends it back to the handling unit, as a new round.
      return input.satisfaction === 'unsatisfied'
        ? { ...stay, status: 'in_progress', round: s.round + 1 }
        : { ...stay, status: afterFollowUp(s) };
    case 'followUpImpossible':
      return { ...stay, status: afterFollowUp(s) };
    case 'markInvalid':
      return { ...stay, status: 'invalid' };
    case 'notifyInvalid':
      return { ...stay, status: 'closed' };
    case 'escalate':
      return stay;
    case 'summarize':
      if (s.severity !== 'major') return refuse(action, s, '只有重大投诉需要填写总结与改进');
      return { ...stay, status: s.status === 'followed_up' ? 'closed' : s.status };
    case 'hold':
      return { ...stay, status: 'on_hold', heldFromStatus: s.status };
    case 'resume':
      if (s.heldFromStatus === '') return refuse(action, s, '找不到挂起前的状态，无法恢复');
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
