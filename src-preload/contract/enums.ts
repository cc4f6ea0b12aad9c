import { z } from './zod';
import { keyed } from './error-texts';

/** procedure §2: the ways a complaint reaches the desk. */
export const CHANNELS = ['phone', 'visit', 'letter', 'online', 'suggestion_box', 'questionnaire', 'staff_report'] as const;
export const channelSchema = z.enum(CHANNELS, keyed('field.choose', { field: '受理渠道' }));
export type Channel = (typeof CHANNELS)[number];

/** procedure §5: severity levels (一般/重要 share deadlines but offices record them apart). */
export const SEVERITIES = ['minor', 'ordinary', 'important', 'major'] as const;
export const severitySchema = z.enum(SEVERITIES, keyed('field.choose', { field: '投诉等级' }));
export type Severity = (typeof SEVERITIES)[number];

export const URGENCIES = ['urgent', 'normal'] as const;
export const urgencySchema = z.enum(URGENCIES, keyed('field.choose', { field: '紧急程度' }));
export type Urgency = (typeof URGENCIES)[number];

export const VALIDITIES = ['valid', 'invalid'] as const;
export const validitySchema = z.enum(VALIDITIES, keyed('field.choose', { field: '投诉性质' }));
export type Validity = (typeof VALIDITIES)[number];

/**
 * The complaint's place in the procedure (§3–§5). Intake creates `registered`; the later states are
 * reached through the lifecycle steps (see src-main/domain/lifecycle.ts):
 * 已登记 → 已派单 → 处理中 → 已处理 → 已办结, with 挂起 (on hold) beside 已派单/处理中,
 * 退回待派单 (returned: an unsatisfied follow-up opened the next round, to be dispatched again),
 * 已回访 (followed up, a major complaint waiting for its 总结与改进) and 无效 (waiting for the notice).
 */
export const STATUSES = ['registered', 'returned', 'dispatched', 'in_progress', 'on_hold', 'handled', 'followed_up', 'invalid', 'closed'] as const;
export const statusSchema = z.enum(STATUSES, keyed('field.unknownValue', { field: '状态' }));
export type ComplaintStatus = (typeof STATUSES)[number];

export const STAFF_ROLES = ['reception', 'handler', 'department_head', 'supervisor', 'director', 'other'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES, keyed('field.choose', { field: '岗位' }));
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The steps of the procedure, one bridge channel each (`lifecycle:<action>`). */
export const LIFECYCLE_ACTIONS = [
  'dispatch',
  'redispatch',
  'signFor',
  'recordResult',
  'reply',
  'followUp',
  'followUpImpossible',
  'markInvalid',
  'notifyInvalid',
  'escalate',
  'summarize',
  'hold',
  'resume',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const satisfactionSchema = z.enum(SATISFACTIONS, keyed('field.choose', { field: '满意度' }));
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** How the complainant was reached (follow-up, invalid notice). */
export const CONTACT_METHODS = ['phone', 'visit', 'message', 'letter'] as const;
export const contactMethodSchema = z.enum(CONTACT_METHODS, keyed('field.choose', { field: '方式' }));
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const COMPENSATION_KINDS = ['none', 'cash', 'management_fee_waiver', 'parking_fee_waiver'] as const;
export const compensationKindSchema = z.enum(COMPENSATION_KINDS, keyed('field.choose', { field: '补偿方式' }));
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** procedure §5: report upward to the CS supervisor, the centre director, or the company. */
export const ESCALATION_LEVELS = ['supervisor', 'director', 'company'] as const;
export const escalationLevelSchema = z.enum(ESCALATION_LEVELS, keyed('field.choose', { field: '上报对象' }));
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * The deadlines a complaint carries (procedure §4–§5); each is kept with its outcome for statistics.
 * `response` is the reply owed to the complainant (答复: their own time, else 2 h urgent / 2 working
 * days); `first_response` the general 24-hour standard (首次响应); `definite_reply` a major
 * complaint's definite reply within 24 h (明确答复). The key `response` predates the split and is
 * kept so stored deadlines and last month's statistics still line up.
 */
export const DEADLINE_KINDS = ['response', 'first_response', 'definite_reply', 'report', 'dispatch', 'resolution', 'follow_up', 'invalid_notice'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
