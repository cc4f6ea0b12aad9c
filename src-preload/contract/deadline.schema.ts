import { z } from './zod';
import { idSchema } from './common.schema';
import { keyed } from './error-texts';
import { SEVERITIES, URGENCIES, severitySchema, urgencySchema } from './enums';
import type { ComplaintStatus, DeadlineKind, LifecycleAction, Severity, Urgency } from './enums';
import { optionalWallTimeSchema, wallTimeSchema } from './common.schema';
import { officeFilterSchema } from './office.schema';

/** A time allowed: on the clock (minutes, hours) or in working days of the official calendar (§6). */
export const DURATION_UNITS = ['minutes', 'hours', 'working_days'] as const;
export const durationSchema = z.object({
  unit: z.enum(DURATION_UNITS, keyed('field.invalid', { field: '时限单位' })),
  amount: z
    .number(keyed('field.notNumber', { field: '时限' }))
    .int(keyed('field.notInteger', { field: '时限' }))
    .min(1, keyed('field.atLeast', { field: '时限', min: 1 }))
    .max(10_000, keyed('policy.durationTooLong')),
});
export type Duration = z.infer<typeof durationSchema>;

const severityRulesSchema = z.object({
  /**
   * First response (首次响应): the general standard that any complaint is responded to within 24 h
   * (§5), met when the department signs for it. A stage beside the reply, not a cap on it; null: off.
   */
  firstResponse: durationSchema.nullable(),
  /** Report upward (上报); null where the procedure asks for it only when reception cannot solve it. */
  report: durationSchema.nullable(),
  /** Handling finished (处理完成), from intake or from the start of a new round. */
  resolution: durationSchema,
});

/**
 * The deadline policy (procedure §5; every number is a setting). Changes apply to deadlines created
 * afterwards; each deadline keeps the policy version it was set under.
 */
export const deadlinePolicySchema = z.object({
  severities: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, severityRulesSchema])) as Record<Severity, typeof severityRulesSchema>),
  /**
   * The reply owed to the complainant (答复, §5, a customer-service plan) when they named no reply
   * time: urgent (严重且紧急, 不严重但紧急) within 2 h, not urgent within 2 working days. A time
   * the complainant named always rules instead, earlier or later.
   */
  reply: z.object(Object.fromEntries(URGENCIES.map((u) => [u, durationSchema])) as Record<Urgency, typeof durationSchema>),
  /** A major complaint's definite reply to the complainant (明确答复, §5: within 24 h), from when it became major. */
  definiteReply: durationSchema,
  /** 处理记录表 to the department: major complaints within 10 minutes (§4). */
  dispatch: z.object({ major: durationSchema, other: durationSchema }),
  /** 回访 after handling (§5: 3 working days; one book says 5). */
  followUp: durationSchema,
  /** Tell an invalid complaint's complainant why (§5: 1 working day). */
  invalidNotice: durationSchema,
  /** "Soon" once this share of the allowed time has passed. */
  warningRatio: z.number().min(0.1, keyed('policy.warningRatio')).max(0.99, keyed('policy.warningRatio')),
  /**
   * §5: a valid complaint not resolved within this many calendar months of receipt (一个月内) becomes
   * major: received 09-15 10:00 → major from 10-15 10:00; 01-31 → the last day of February.
   */
  autoMajorMonths: z
    .number(keyed('field.notNumber', { field: '自动升级月数' }))
    .int(keyed('field.notInteger', { field: '自动升级月数' }))
    .min(1, keyed('field.range', { field: '自动升级月数', min: 1, max: 12 }))
    .max(12, keyed('field.range', { field: '自动升级月数', min: 1, max: 12 })),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

export interface DeadlinePolicySetting {
  policy: DeadlinePolicy;
  version: number;
}

export const DEADLINE_STATES = ['met', 'late', 'due', 'soon', 'overdue', 'paused', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** One deadline of a complaint, as screens show it. Times are wall times in the office's zone. */
export interface DeadlineView {
  id: string;
  kind: DeadlineKind;
  round: number;
  startedAt: string;
  dueAt: string;
  completedAt: string;
  state: DeadlineState;
  /** Open deadlines: minutes until due (negative: overdue by that much). Closed: minutes late (0 if on time). */
  minutes: number;
  policyVersion: number;
}

export const deadlinePreviewSchema = z.object({
  receivedAt: wallTimeSchema('受理时间'),
  severity: severitySchema,
  urgency: urgencySchema,
  requestedReplyAt: optionalWallTimeSchema('要求答复时间').default(''),
});
export interface DeadlinePreview {
  deadlines: { kind: DeadlineKind; dueAt: string }[];
  warnings: string[];
}

/** 已逾期 / 今日到期 / 48小时内 / 正常, and 挂起中: held complaints, whose clock stands still. */
export const BOARD_COLUMNS = ['overdue', 'today', 'within48h', 'normal', 'held'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

export const boardQuerySchema = z
  .object({
    departmentId: idSchema('部门').optional(),
    severity: severitySchema.optional(),
    /** One office's open complaints (head office holds several); absent or '': every office. */
    officeCode: officeFilterSchema,
  })
  .default({});

export interface BoardCard {
  complaintId: string;
  number: string;
  complainantName: string;
  room: string;
  departmentName: string;
  severity: Severity;
  status: ComplaintStatus;
  nextKind: DeadlineKind;
  dueAt: string;
  /** Minutes until due; negative when overdue. A paused deadline's stay as they were when the hold began. */
  minutes: number;
  /** The step to do next; the card opens the complaint there. */
  step: LifecycleAction | null;
  onHold: boolean;
  /** On hold: since when, the expected resume date, and how many days past it (0: not yet). */
  hold: BoardHold | null;
}

export interface BoardHold {
  since: string;
  expectedDate: string;
  pastExpectedDays: number;
}

export interface Board {
  now: string;
  columns: Record<BoardColumn, BoardCard[]>;
  byDepartment: { departmentName: string; counts: Record<BoardColumn, number> }[];
}

/** `deadlines:alerts`: open deadlines overdue or due within the hour, for desktop / in-app notices. */
export interface DeadlineAlert {
  deadlineId: string;
  complaintId: string;
  number: string;
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
}

