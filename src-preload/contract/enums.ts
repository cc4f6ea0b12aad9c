import { z } from './zod';

/** procedure §2: the ways a complaint reaches the desk. */
export const CHANNELS = ['phone', 'visit', 'letter', 'online', 'suggestion_box', 'questionnaire', 'staff_report'] as const;
export const channelSchema = z.enum(CHANNELS, { error: '请选择受理渠道' });
export type Channel = (typeof CHANNELS)[number];

/** procedure §5: severity levels (一般/重要 share deadlines but offices record them apart). */
export const SEVERITIES = ['minor', 'ordinary', 'important', 'major'] as const;
export const severitySchema = z.enum(SEVERITIES, { error: '请选择投诉等级' });
export type Severity = (typeof SEVERITIES)[number];

export const URGENCIES = ['urgent', 'normal'] as const;
export const urgencySchema = z.enum(URGENCIES, { error: '请选择紧急程度' });
export type Urgency = (typeof URGENCIES)[number];

export const VALIDITIES = ['valid', 'invalid'] as const;
export const validitySchema = z.enum(VALIDITIES, { error: '请选择投诉性质' });
export type Validity = (typeof VALIDITIES)[number];

/**
 * The complaint's place in the procedure (§3–§5). Intake creates `registered`; the later states are
 * reached through the lifecycle steps (dispatch, sign-for, result, follow-up).
 */
export const STATUSES = ['registered', 'dispatched', 'in_progress', 'handled', 'followed_up', 'closed', 'invalid'] as const;
export const statusSchema = z.enum(STATUSES, { error: '无效的状态' });
export type ComplaintStatus = (typeof STATUSES)[number];

export const STAFF_ROLES = ['reception', 'handler', 'department_head', 'supervisor', 'director', 'other'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES, { error: '请选择岗位' });
export type StaffRole = (typeof STAFF_ROLES)[number];
