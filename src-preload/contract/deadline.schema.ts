import { z } from './zod';
import { idSchema } from './common.schema';
import { SEVERITIES, URGENCIES, severitySchema, urgencySchema } from './enums';
import type { ComplaintStatus, DeadlineKind, LifecycleAction, Severity, Urgency } from './enums';
import { optionalWallTimeSchema, wallTimeSchema } from './common.schema';
import { officeFilterSchema } from './office.schema';

/** A time allowed: on the clock (minutes, hours) or in working days of the official calendar (§6). */
export const DURATION_UNITS = ['minutes', 'hours', 'working_days'] as const;
export const durationSchema = z.object({
  unit: z.enum(DURATION_UNITS, { error: '时限单位无效' }),
  amount: z.number({ error: '时限必须是数字' }).int('时限必须是整数').min(1, '时限至少为 1').max(10_000, '时限过长'),
});
export type Duration = z.infer<typeof durationSchema>;

const severityRulesSchema = z.object({
  /** First reply to the complainant (首次答复). */
  response: durationSchema,
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
  /** Urgency overlay: the reply is due by the earlier of this and the severity's response time. */
  urgency: z.object(
    Object.fromEntries(URGENCIES.map((u) => [u, z.object({ response: durationSchema.nullable() })])) as Record<Urgency, z.ZodObject<{ response: z.ZodNullable<typeof durationSchema> }>>,
  ),
  /** 处理记录表 to the department: major complaints within 10 minutes (§4). */
  dispatch: z.object({ major: durationSchema, other: durationSchema }),
  /** 回访 after handling (§5: 3 working days; one book says 5). */
  followUp: durationSchema,
  /** Tell an invalid complaint's complainant why (§5: 1 working day). */
  invalidNotice: durationSchema,
  /** "Soon" once this share of the allowed time has passed. */
  warningRatio: z.number().min(0.1, '预警比例应在 10%–99% 之间').max(0.99, '预警比例应在 10%–99% 之间'),
  /** §5: a valid complaint unresolved this many days after intake becomes major. */
  autoMajorDays: z.number().int().min(1).max(365),
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

export const BOARD_COLUMNS = ['overdue', 'today', 'within48h', 'normal'] as const;
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
  /** Minutes until due; negative when overdue. */
  minutes: number;
  /** The step to do next; the card opens the complaint there. */
  step: LifecycleAction | null;
  onHold: boolean;
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

