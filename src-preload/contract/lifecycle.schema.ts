import { z } from './zod';
import { dateOnlySchema, idSchema, optionalText, requiredText, wallTimeSchema } from './common.schema';
import { keyed, keyedIssue } from './error-texts';
import {
  CONTACT_METHODS,
  compensationKindSchema,
  contactMethodSchema,
  escalationLevelSchema,
  satisfactionSchema,
  type CompensationKind,
  type ContactMethod,
  type EscalationLevel,
  type LifecycleAction,
  type Satisfaction,
} from './enums';
import type { DeadlineView } from './deadline.schema';

/** Every step names the complaint, the version the user saw (stale → refused), and who does it. */
const step = <T extends z.ZodRawShape>(shape: T) =>
  z.object({
    id: idSchema('投诉'),
    version: z.number(keyed('version.invalid')).int().min(1),
    actorId: idSchema('操作人'),
    ...shape,
  });

/** 派单: the 投诉处理记录表 goes to the responsible department (§4). */
export const dispatchSchema = step({
  departmentId: idSchema('责任部门'),
  /** Optional: the department may assign its own handler when it signs. */
  handlerId: idSchema('处理人').or(z.literal('')).default(''),
});

/**
 * 转派: within a round, the department that has the form hands it to another (it is not theirs, or
 * needs another trade). The reason is required: it is printed on the 投诉处理记录表.
 */
export const redispatchSchema = step({
  departmentId: idSchema('转派部门'),
  handlerId: idSchema('处理人').or(z.literal('')).default(''),
  reason: requiredText('转派原因', 500),
});

/** 签收: the department signs for the form (who, when). */
export const signForSchema = step({
  signerId: idSchema('签收人'),
  signedAt: wallTimeSchema('签收时间'),
});

/** 处理结果: measures, result, handler, completed at, compensation if any. */
export const recordResultSchema = step({
  handlerId: idSchema('处理人'),
  measures: requiredText('处理措施', 2000),
  result: requiredText('处理结果', 2000),
  completedAt: wallTimeSchema('完成时间'),
  compensationKind: compensationKindSchema.default('none'),
  /** Yuan (元), at most two decimals. */
  compensationAmount: z
    .number(keyed('field.notNumber', { field: '补偿金额' }))
    .min(0, keyed('field.negative', { field: '补偿金额' }))
    .max(1_000_000, keyed('field.tooLarge', { field: '补偿金额' }))
    .default(0),
}).superRefine((v, ctx) => {
  if (v.compensationKind !== 'none' && !(v.compensationAmount > 0)) {
    ctx.addIssue(keyedIssue(['compensationAmount'], 'compensation.amountRequired'));
  }
  if (Math.round(v.compensationAmount * 100) !== v.compensationAmount * 100) {
    ctx.addIssue(keyedIssue(['compensationAmount'], 'compensation.twoDecimals'));
  }
});

/**
 * 答复: the complainant was answered (§1: reception tells them; §5: by the time they named, else
 * 2 h urgent / 2 working days). When (not before intake, not in the future), how, and what was said;
 * who is the staff member recording it. Recorded as often as it happens; the first completes the
 * 答复 deadline and a major complaint's 明确答复.
 */
export const replySchema = step({
  at: wallTimeSchema('答复时间'),
  method: z.enum(CONTACT_METHODS, keyed('field.choose', { field: '答复方式' })),
  content: requiredText('答复内容', 2000),
});

/** 回访: time, method, visitor, person visited, opinion, satisfaction (§4). */
export const followUpSchema = step({
  at: wallTimeSchema('回访时间'),
  method: contactMethodSchema,
  visitorId: idSchema('回访人'),
  personVisited: requiredText('被回访人', 30),
  opinion: optionalText('回访意见', 1000).default(''),
  satisfaction: satisfactionSchema,
});

/** A follow-up that could not be done: why, and the supervisor who accepts that (§3 跟踪验证). */
export const followUpImpossibleSchema = step({
  reason: requiredText('未能回访的原因', 500),
  supervisorId: idSchema('审核主管'),
});

/** 无效投诉: the reason is required; the complainant is still told why (§5). */
export const markInvalidSchema = step({ reason: requiredText('无效原因', 200) });

/** The complainant was told the complaint is invalid: when and how. */
export const notifyInvalidSchema = step({
  at: wallTimeSchema('告知时间'),
  method: contactMethodSchema,
});

/** 上报 to the supervisor, the director or the company: who (the actor) and why. */
export const escalateSchema = step({
  level: escalationLevelSchema,
  reason: requiredText('上报原因', 500),
});

/** 总结与改进: required before a major complaint closes (§5). */
export const summarizeSchema = step({
  summary: requiredText('总结', 2000),
  improvement: requiredText('改进措施', 2000),
});

/** 挂起: waiting for the owner to be home, for parts…; the resolution clock stops. */
export const holdSchema = step({
  reason: requiredText('挂起原因', 200),
  expectedDate: dateOnlySchema('预计恢复日期'),
});

export const resumeSchema = step({});

export const LIFECYCLE_SCHEMAS = {
  dispatch: dispatchSchema,
  redispatch: redispatchSchema,
  signFor: signForSchema,
  recordResult: recordResultSchema,
  reply: replySchema,
  followUp: followUpSchema,
  followUpImpossible: followUpImpossibleSchema,
  markInvalid: markInvalidSchema,
  notifyInvalid: notifyInvalidSchema,
  escalate: escalateSchema,
  summarize: summarizeSchema,
  hold: holdSchema,
  resume: resumeSchema,
} satisfies Record<LifecycleAction, z.ZodType>;

export type LifecycleInput<A extends LifecycleAction> = z.input<(typeof LIFECYCLE_SCHEMAS)[A]>;
export type LifecycleParsed<A extends LifecycleAction> = z.output<(typeof LIFECYCLE_SCHEMAS)[A]>;

export interface HandlingRoundView {
  round: number;
  departmentId: string;
  departmentName: string;
  handlerName: string;
  dispatchedAt: string;
  dispatchedBy: string;
  signedBy: string;
  signedAt: string;
  measures: string;
  result: string;
  completedBy: string;
  completedAt: string;
  compensationKind: CompensationKind;
  compensationAmount: number;
}

/** One 转派 within a round: from which department to which, when, by whom, why. */
export interface RedispatchView {
  round: number;
  at: string;
  actor: string;
  reason: string;
  fromDepartmentName: string;
  toDepartmentName: string;
  toHandlerName: string;
  /** Who had signed for it at the first department ('' if nobody had yet): kept, as the round's row then waits for the new department's. */
  fromSignedBy: string;
  fromSignedAt: string;
}

/** One 答复 to the complainant: when, how, who, what was said. */
export interface ReplyView {
  round: number;
  at: string;
  method: ContactMethod;
  replier: string;
  content: string;
}

export interface FollowUpView {
  round: number;
  at: string;
  method: ContactMethod | '';
  visitor: string;
  personVisited: string;
  opinion: string;
  satisfaction: Satisfaction | '';
  impossibleReason: string;
  approvedBy: string;
}

export interface EscalationView {
  at: string;
  level: EscalationLevel;
  reason: string;
  actor: string;
}

export interface HoldView {
  fromAt: string;
  expectedDate: string;
  reason: string;
  resumedAt: string;
  heldMinutes: number;
}

/** The procedure side of a complaint: rounds, follow-ups, escalations, holds, deadlines, next steps. */
export interface ComplaintProcess {
  /** Now, on main's clock, in the office's zone: step forms pre-fill their times with it. */
  now: string;
  round: number;
  rounds: HandlingRoundView[];
  /** 转派 within rounds, oldest first. */
  redispatches: RedispatchView[];
  /** 答复 to the complainant, in the order they happened. */
  replies: ReplyView[];
  followUps: FollowUpView[];
  escalations: EscalationView[];
  holds: HoldView[];
  deadlines: DeadlineView[];
  allowedActions: LifecycleAction[];
  summary: string;
  improvement: string;
  invalidNoticedAt: string;
  invalidNoticeMethod: ContactMethod | '';
  closedAt: string;
  /** Minutes the resolution clock stood still while on hold, over all holds. */
  heldMinutes: number;
}
