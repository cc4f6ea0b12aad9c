/**
 * Validation of an import's rows before the merge writes them (issue 5 point 2): each table's rows
 * against a zod schema built from the contract's own pieces (the intake schema for a complaint's
 * fields, the enums, ids, wall times), plus what only an import can get wrong: the complaint's
 * office code must be the manifest's office, and directory rows must be the sender's own. The merge
 * (merge.ts) asks only about the rows it is about to write, and refuses with the reason given here;
 * rows that refer to refused rows are its business.
 *
 * Rows keep the database's column names and values (snake_case, as stored): the merge writes them
 * as they are. Validation only decides whether they may go in.
 */
import {
  compensationKindSchema,
  complaintCreateSchema,
  contactMethodSchema,
  dateOnlySchema,
  DEADLINE_KINDS,
  escalationLevelSchema,
  idSchema,
  optionalWallTimeSchema,
  PRINT_FORMS,
  satisfactionSchema,
  staffRoleSchema,
  statusSchema,
  wallTimeSchema,
} from '../../src-preload/contract';
import { z } from '../../src-preload/contract/zod';
import type { ExportManifest } from './manifest';
import { RECORD_TABLES } from './snapshot-schema';

export type Row = Record<string, unknown>;

const TEXT_MAX = 10_000;
const id = idSchema('记录');
const optionalId = id.or(z.literal('')).nullable();
const text = z.string().max(TEXT_MAX);
const count = z.number().int().min(0);
const flag = z.union([z.literal(0), z.literal(1)]);
// UTC as the app writes it (toISOString): the merge compares update times as text.
const instant = z.iso.datetime();
const wall = wallTimeSchema('时间');
const optionalWall = optionalWallTimeSchema('时间');
const jsonText = (shape: z.ZodType) =>
  z.string().refine((v) => {
    try {
      return shape.safeParse(JSON.parse(v)).success;
    } catch {
      return false;
    }
  }, '内容格式无效');

/** An export carries only the sending office's own directory (office_code ''): the merge files it under the sender's code. */
const ownOffice = z.literal('', { error: '只能导入本中心自己的目录记录' });
const directoryEntry = z.object({ id, name: text.min(1), sort_order: z.number().int(), active: flag, created_at: instant, updated_at: instant, office_code: ownOffice });

/** The complaint row's intake fields, in the contract's names, so that its intake schema can judge them. */
const intakeFields = (r: Row) => ({
  receivedAt: r.received_at,
  channel: r.channel,
  receiverId: r.receiver_id,
  complainantName: r.complainant_name,
  building: r.building,
  unit: r.unit,
  room: r.room,
  phone: r.phone,
  contactOther: r.contact_other,
  eventTime: r.event_time,
  eventPlace: r.event_place,
  complainedDepartmentId: r.complained_department_id ?? '',
  complainedPerson: r.complained_person,
  categoryId: r.category_id,
  description: r.description,
  ownerWords: r.owner_words,
  request: r.request,
  requestedReplyAt: r.requested_reply_at,
  validity: r.validity,
  invalidReason: r.invalid_reason,
  severity: r.severity,
  urgency: r.urgency,
});

/** The columns of a complaint row beyond the intake fields. */
const complaintRowSchema = (officeCode: string) =>
  z.object({
    id,
    office_code: z.literal(officeCode, { error: '服务中心代码与导出文件不符' }),
    number: z.string().regex(new RegExp(`^${officeCode}-\\d{8}-\\d{3,}$`), '投诉编号格式不符'),
    status: statusSchema,
    version: z.number().int().min(1),
    created_at: instant,
    updated_at: instant,
    round: count,
    held_from_status: statusSchema.or(z.literal('')),
    summary: text,
    improvement: text,
    invalid_noticed_at: optionalWall,
    invalid_notice_method: contactMethodSchema.or(z.literal('')),
    closed_at: optionalWall,
  });

export type Validator = (row: Row) => string | undefined;

const describeIssue = (error: z.ZodError) => {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '记录'}：${issue.message}`;
};

const bySchema = (schema: z.ZodType): Validator => (row) => {
  const parsed = schema.safeParse(row);
  return parsed.success ? undefined : describeIssue(parsed.error);
};

/** A complaint: its own columns, then its intake fields against the contract's intake schema (as the desk would have taken them). */
const complaintValidator = (officeCode: string): Validator => {
  const own = bySchema(complaintRowSchema(officeCode));
  return (row) => {
    const problem = own(row);
    if (problem) return problem;
    const intake = complaintCreateSchema.safeParse(intakeFields(row));
    return intake.success ? undefined : describeIssue(intake.error);
  };
};

const SCHEMAS: Record<string, (manifest: ExportManifest) => z.ZodType | Validator> = {
  departments: () => directoryEntry,
  categories: () => directoryEntry,
  staff: () =>
    z.object({ id, name: text.min(1), department_id: id, role: staffRoleSchema, phone: text, active: flag, created_at: instant, updated_at: instant, office_code: ownOffice }),
  complaints: (m) => complaintValidator(m.office.code),
  complaint_events: () =>
    z.object({
      id,
      complaint_id: id,
      at: instant,
      actor_id: optionalId,
      actor_name: text,
      kind: text.min(1).max(40),
      changes: jsonText(z.array(z.object({ field: z.string() }).loose())),
      note: text,
    }),
  attachments: () =>
    z.object({
      id,
      complaint_id: id,
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      file_name: text.min(1).max(255),
      mime: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf']),
      size: count,
      created_at: instant,
      removed_at: instant.nullable(),
    }),
  handling_rounds: () =>
    z.object({
      id,
      complaint_id: id,
      round: z.number().int().min(1),
      department_id: id,
      handler_id: optionalId,
      dispatched_at: wall,
      dispatched_by: text,
      signed_by: text,
      signed_at: optionalWall,
      measures: text,
      result: text,
      completed_by: text,
      completed_at: optionalWall,
      compensation_kind: compensationKindSchema,
      compensation_cents: count,
    }),
  follow_ups: () =>
    z.object({
      id,
      complaint_id: id,
      round: count,
      at: wall,
      method: contactMethodSchema.or(z.literal('')),
      visitor: text,
      person_visited: text,
      opinion: text,
      satisfaction: satisfactionSchema.or(z.literal('')),
      impossible_reason: text,
      approved_by: text,
    }),
  escalations: () => z.object({ id, complaint_id: id, at: wall, level: escalationLevelSchema, reason: text, actor: text }),
  holds: () =>
    z.object({ id, complaint_id: id, from_at: wall, expected_date: dateOnlySchema('预计恢复日期'), reason: text, resumed_at: optionalWall, held_minutes: count }),
  complaint_deadlines: () =>
    z.object({
      id,
      complaint_id: id,
      kind: z.enum(DEADLINE_KINDS),
      round: count,
      started_at: wall,
      due_at: wall,
      rule: jsonText(z.object({ unit: z.string(), amount: z.number() }).loose()).nullable(),
      policy_version: count,
      paused_minutes: count,
      completed_at: optionalWall,
      cancelled_at: optionalWall,
    }),
  form_prints: () =>
    z.object({
      id,
      complaint_id: id,
      form: z.enum(PRINT_FORMS),
      version: z.number().int().min(1),
      printed_at: wall,
      printed_by: text,
      complaint_version: z.number().int().min(1),
      printed_fields: jsonText(z.array(z.string())),
      signed_attachment_id: id.nullable(),
      signed_at: optionalWall,
    }),
};

/** Judges one row of `table` from the export described by `manifest`: undefined when it may be merged, else the reason in Chinese. */
export function rowValidator(table: string, manifest: ExportManifest): Validator {
  const schemaFor = SCHEMAS[table];
  if (!schemaFor || !RECORD_TABLES.includes(table)) throw new Error(`not a record table: ${table}`);
  const made = schemaFor(manifest);
  return typeof made === 'function' ? made : bySchema(made);
}
