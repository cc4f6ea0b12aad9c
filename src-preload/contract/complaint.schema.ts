import { z } from './zod';
import {
  idSchema,
  requiredText,
  optionalText,
  wallTimeSchema,
  optionalWallTimeSchema,
  dateOnlySchema,
  phoneSchema,
} from './common.schema';
import {
  channelSchema,
  severitySchema,
  urgencySchema,
  validitySchema,
  statusSchema,
  type Channel,
  type ComplaintStatus,
  type Severity,
  type Urgency,
  type Validity,
} from './enums';
import type { ComplaintProcess } from './lifecycle.schema';
import { officeFilterSchema } from './office.schema';
import { keyed, keyedIssue } from './error-texts';
import type { NoteKey } from './note-texts';
import type { KeyedText } from './texts';

/**
 * The fields of the 投诉记录表 (procedure §3) that reception fills in. Optional fields carry no
 * defaults here because the same shape, made partial, is an edit's patch: a default would
 * silently blank fields the patch did not mention.
 */
const complaintFields = {
  receivedAt: wallTimeSchema('受理时间'),
  channel: channelSchema,
  receiverId: idSchema('接待人'),
  complainantName: requiredText('投诉人姓名', 30),
  building: optionalText('楼栋', 20),
  unit: optionalText('单元', 20),
  room: optionalText('房号', 20),
  phone: phoneSchema,
  contactOther: optionalText('其他联系方式', 50),
  eventTime: optionalText('事发时间', 30),
  eventPlace: optionalText('事发地点', 60),
  /** Empty: no particular department complained about. */
  complainedDepartmentId: idSchema('被投诉部门').or(z.literal('')),
  complainedPerson: optionalText('被投诉人', 30),
  categoryId: idSchema('投诉类别'),
  /** 事件经过: the staff's short factual summary. */
  description: requiredText('事件经过', 2000),
  /** 业主原话: the complainant's own words, optional. */
  ownerWords: optionalText('业主原话', 2000),
  request: optionalText('投诉人要求', 500),
  requestedReplyAt: optionalWallTimeSchema('要求答复时间'),
  validity: validitySchema,
  invalidReason: optionalText('无效原因', 200),
  severity: severitySchema,
  urgency: urgencySchema,
};

const complaintFieldsSchema = z.object(complaintFields);

/** procedure §3: an invalid complaint is still answered, so its reason must be on record. */
const requireInvalidReason = (v: { validity?: Validity; invalidReason?: string }, ctx: z.RefinementCtx) => {
  if (v.validity === 'invalid' && !v.invalidReason) {
    ctx.addIssue(keyedIssue(['invalidReason'], 'complaint.invalidNeedsReason'));
  }
};

/** `complaints:create`: intake. Optional fields default to empty. */
export const complaintCreateSchema = complaintFieldsSchema
  .extend({
    building: complaintFields.building.default(''),
    unit: complaintFields.unit.default(''),
    room: complaintFields.room.default(''),
    phone: complaintFields.phone.default(''),
    contactOther: complaintFields.contactOther.default(''),
    eventTime: complaintFields.eventTime.default(''),
    eventPlace: complaintFields.eventPlace.default(''),
    complainedDepartmentId: complaintFields.complainedDepartmentId.default(''),
    complainedPerson: complaintFields.complainedPerson.default(''),
    ownerWords: complaintFields.ownerWords.default(''),
    request: complaintFields.request.default(''),
    requestedReplyAt: complaintFields.requestedReplyAt.default(''),
    validity: complaintFields.validity.default('valid'),
    invalidReason: complaintFields.invalidReason.default(''),
    severity: complaintFields.severity.default('ordinary'),
    urgency: complaintFields.urgency.default('normal'),
  })
  .superRefine(requireInvalidReason);
/** What the intake form holds (before defaults). */
export type ComplaintCreateInput = z.input<typeof complaintCreateSchema>;
export type ComplaintFields = z.output<typeof complaintCreateSchema>;
export type ComplaintFieldName = keyof ComplaintFields;
export const COMPLAINT_FIELD_NAMES = Object.keys(complaintFields) as ComplaintFieldName[];

/** `complaints:update`: an edit of some fields, against the version the editor saw. */
export const complaintUpdateSchema = z.object({
  id: idSchema('投诉'),
  /** The version the editor loaded; a stale one is refused so nobody overwrites a colleague's edit. */
  version: z.number(keyed('version.invalid')).int().min(1),
  actorId: idSchema('操作人'),
  patch: complaintFieldsSchema
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), keyed('complaint.nothingToSave')),
  /** A supervisor's approval, needed when the edit changes what a signed form vouches for. */
  unlock: z
    .object({
      supervisorId: idSchema('审批主管'),
      reason: requiredText('修改原因', 200),
    })
    .optional(),
});
export type ComplaintUpdateInput = z.input<typeof complaintUpdateSchema>;

export const complaintGetSchema = z.object({ id: idSchema('投诉') });

/** The register's sortable columns (受理时间, 编号, 投诉人, 房号, 投诉类别, 被投诉部门, 状态, 等级). */
export const COMPLAINT_SORT_KEYS = ['receivedAt', 'number', 'complainantName', 'room', 'categoryName', 'departmentName', 'status', 'severity'] as const;
export type ComplaintSortKey = (typeof COMPLAINT_SORT_KEYS)[number];

/** `complaints:list`: the register's filters, search, paging and sort. */
export const complaintListSchema = z
  .object({
    status: z.array(statusSchema).max(10).optional(),
    departmentId: idSchema('部门').optional(),
    categoryId: idSchema('类别').optional(),
    channel: channelSchema.optional(),
    severity: severitySchema.optional(),
    receivedFrom: dateOnlySchema('受理开始日期').optional(),
    receivedTo: dateOnlySchema('受理结束日期').optional(),
    /** Free text over complainant name, room, phone, number and description. */
    text: z.string().trim().max(100, keyed('field.tooLong', { field: '搜索内容', max: 100 })).optional(),
    /** One office's complaints (head office holds several); absent or '': every office. */
    officeCode: officeFilterSchema,
    page: z.number().int().min(1, keyed('list.pageFromOne')).default(1),
    pageSize: z.number().int().min(1).max(200, keyed('list.pageSizeMax', { max: 200 })).default(50),
    sort: z.enum(COMPLAINT_SORT_KEYS).default('receivedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .refine((q) => !q.receivedFrom || !q.receivedTo || q.receivedFrom <= q.receivedTo, {
    path: ['receivedTo'],
    ...keyed('range.endBeforeStart'),
  });
export type ComplaintListQuery = z.input<typeof complaintListSchema>;

/** A complaint as the screens show it: the fields plus names resolved for display. */
export interface Complaint extends ComplaintFields {
  id: string;
  officeCode: string;
  number: string;
  status: ComplaintStatus;
  receiverName: string;
  complainedDepartmentName: string;
  categoryName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ComplaintListRow {
  id: string;
  /** The office that took the complaint in (its number starts with it). */
  officeCode: string;
  number: string;
  receivedAt: string;
  channel: Channel;
  complainantName: string;
  building: string;
  unit: string;
  room: string;
  categoryName: string;
  complainedDepartmentName: string;
  severity: Severity;
  urgency: Urgency;
  status: ComplaintStatus;
}

export interface ComplaintPage {
  items: ComplaintListRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** One line of the complaint's timeline: who did what, when, and what changed. */
export interface ComplaintEvent {
  id: string;
  /** ISO instant (UTC). */
  at: string;
  actorName: string;
  kind: 'created' | 'updated' | 'attachment_added' | 'attachment_removed' | 'signed_copy' | 'step' | 'auto_major';
  changes: FieldChange[];
  /** In Chinese, as written then (printed; the only wording of rows from before notes had keys). */
  note: string;
  /** The note as a key of note-texts.ts with its parameters: the timeline words it in the user's language. */
  noteText?: KeyedText<NoteKey>;
}

export interface Attachment {
  id: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface ComplaintDetail {
  complaint: Complaint;
  events: ComplaintEvent[];
  attachments: Attachment[];
  /** Rounds, follow-ups, escalations, holds, deadlines and the steps allowed now. */
  process: ComplaintProcess;
  /**
   * Whether this desk may change the complaint: false for another office's complaint merged from
   * its export, which main refuses to change (own-records.ts). Then no step is allowed either; the
   * page offers no edits, steps or attachment changes, and its forms print as head office's copy.
   */
  editable: boolean;
}
