import type {
  Complaint,
  ComplaintDetail,
  ComplaintFieldName,
  ComplaintFields,
  ComplaintPage,
  FieldChange,
  ListEntry,
} from '../../src-preload/contract';
import { COMPLAINT_FIELD_NAMES } from '../../src-preload/contract';
import {
  getComplaint,
  insertComplaint,
  newComplaint,
  listComplaints,
  nextDailySequence,
  updateComplaintFields,
  type ComplaintListFilter,
  type ComplaintNames,
  type NewComplaintRow,
} from '../db/complaints.repo';
import { getEntry, getStaff, getStaffStanding, type StaffStanding } from '../db/directory.repo';
import { insertEvent, keyedNote, listEvents } from '../db/events.repo';
import { listAttachments } from '../db/attachments.repo';
import { invalid, notFound, refusal } from '../lib/app-error';
import { now } from '../lib/clock';
import { compactDay } from '../lib/time';
import { ulid } from '../lib/ulid';
import type { Transaction } from 'better-sqlite3';
import type { Db } from '../db/connection';
import type { ServiceContext } from './context';
import { assertOwnComplaint, isOwnComplaint } from './own-records';
import { getSettings } from './settings.service';
import { requireActor } from './actor';
import { complaintProcess } from './process.service';
import { approveLockedChange, type UnlockApproval } from './signed-copies.service';
import { dueContext, saveDeadline, startMajorDeadlines, wallNow } from './deadlines.service';
import { intakeDeadlines, invalidNoticeDeadline } from '../domain/deadlines';

/** `YGHA-20261102-003`: office code, day received, the day's sequence (procedure §3 编号). */
export const formatComplaintNumber = (officeCode: string, receivedAt: string, seq: number) =>
  `${officeCode}-${compactDay(receivedAt)}-${String(seq).padStart(3, '0')}`;

/** The rows a complaint's fields point at, as looked up by `checkReferences`. */
interface References {
  receiver?: StaffStanding;
  category?: ListEntry;
  department?: ListEntry;
}

/**
 * Referenced rows must exist before anything is written; the receiver must also still work here.
 * Retired departments and categories stay valid: old complaints point at them and are still edited.
 * Returns the rows found, so that their names need no second look-up.
 */
function checkReferences(ctx: ServiceContext, fields: Partial<ComplaintFields>, prefix = ''): References {
  const found: References = {};
  if (fields.receiverId !== undefined) {
    found.receiver = getStaffStanding(ctx.db, fields.receiverId);
    if (!found.receiver || !found.receiver.active) throw invalid(`${prefix}receiverId`, 'staff.notActive', { field: '接待人' });
  }
  if (fields.categoryId !== undefined) {
    found.category = getEntry(ctx.db, 'categories', fields.categoryId);
    if (!found.category) throw invalid(`${prefix}categoryId`, 'complaint.categoryMissing');
  }
  if (fields.complainedDepartmentId) {
    found.department = getEntry(ctx.db, 'departments', fields.complainedDepartmentId);
    if (!found.department) throw invalid(`${prefix}complainedDepartmentId`, 'complaint.departmentMissing');
  }
  return found;
}

/** A value as the timeline shows it: names instead of ids, so the log stays readable after renames. */
function displayValue(ctx: ServiceContext, field: ComplaintFieldName, value: string | undefined): string {
  if (value === '' || value === undefined) return '';
  const id = value;
  if (field === 'receiverId') return getStaff(ctx.db, id)?.name ?? id;
  if (field === 'categoryId') return getEntry(ctx.db, 'categories', id)?.name ?? id;
  if (field === 'complainedDepartmentId') return getEntry(ctx.db, 'departments', id)?.name ?? id;
  return id;
}

/**
 * Intake: number the complaint and record it with its first timeline event and its deadlines, all
 * or nothing. The number is the complaint's identity on paper: a later correction of 受理时间 does
 * not renumber it.
 */
export function createComplaint(ctx: ServiceContext, fields: ComplaintFields): Complaint {
  const { officeCode } = getSettings(ctx);
  if (!officeCode) throw invalid('officeCode', 'office.notSetUp');
  // IMMEDIATE: take the write lock before reading the day's counter, so two processes never
  // hand out the same number (busy_timeout makes the second one wait).
  return intakeTransaction(ctx.db).immediate(ctx, fields, officeCode, ulid());
}

type Intake = (ctx: ServiceContext, fields: ComplaintFields, officeCode: string, id: string) => Complaint;
const intakeTransactions = new WeakMap<Db, Transaction<Intake>>();

/** The intake's transaction function, made once per connection like its prepared statements. */
function intakeTransaction(db: Db): Transaction<Intake> {
  let transaction = intakeTransactions.get(db);
  if (!transaction) {
    transaction = db.transaction(recordIntake);
    intakeTransactions.set(db, transaction);
  }
  return transaction;
}

/**
 * The intake's writes. Each referenced row is read once (the check, the timeline's names, the actor
 * and the returned complaint's names), and the complaint is returned as `complaints:get` reads it,
 * without reading it back (see newComplaint).
 */
const recordIntake: Intake = (ctx, fields, officeCode, id) => {
  const { receiver, category, department } = checkReferences(ctx, fields);
  // checkReferences has found all three (a department only when one is named); the receiver,
  // still active, is also the actor recorded on the timeline.
  const names: ComplaintNames = {
    receiverName: receiver!.name,
    complainedDepartmentName: department?.name ?? '',
    categoryName: category!.name,
  };
  const at = now().toISOString();
  const seq = nextDailySequence(ctx.db, officeCode, compactDay(fields.receivedAt));
  // An invalid complaint is still answered (§5): it starts out waiting for the notice to the complainant.
  const invalidAtIntake = fields.validity === 'invalid';
  const row: NewComplaintRow = {
    id,
    officeCode,
    number: formatComplaintNumber(officeCode, fields.receivedAt, seq),
    status: invalidAtIntake ? 'invalid' : 'registered',
    fields,
    at,
  };
  insertComplaint(ctx.db, row);
  const shown = (field: ComplaintFieldName): string =>
    field === 'receiverId'
      ? names.receiverName
      : field === 'categoryId'
        ? names.categoryName
        : field === 'complainedDepartmentId'
          ? names.complainedDepartmentName
          : fields[field];
  const changes: FieldChange[] = [];
  for (const field of COMPLAINT_FIELD_NAMES) if (fields[field] !== '') changes.push({ field, before: '', after: shown(field) });
  insertEvent(ctx.db, { id: ulid(), complaintId: id, at, actorId: fields.receiverId, actorName: names.receiverName, kind: 'created', changes });
  // procedure §5: the deadlines start at intake (reply, report upward, dispatch, resolution).
  const due = dueContext(ctx);
  const deadlines = invalidAtIntake ? [invalidNoticeDeadline(fields.receivedAt, due)] : intakeDeadlines(fields, due).deadlines;
  for (const deadline of deadlines) saveDeadline(ctx, id, deadline, due.policyVersion);
  return newComplaint(row, names);
};

export interface ComplaintUpdate {
  id: string;
  version: number;
  actorId: string;
  patch: Partial<ComplaintFields>;
  /** A supervisor's approval, needed when the edit changes what a signed form vouches for. */
  unlock?: UnlockApproval;
}

/** Edit: only fields that really change are written, and each one appears on the timeline. */
export function updateComplaint(ctx: ServiceContext, { id, version, actorId, patch, unlock }: ComplaintUpdate): Complaint {
  ctx.db
    .transaction(() => {
      const current = getComplaint(ctx.db, id);
      if (!current) throw notFound('投诉');
      assertOwnComplaint(ctx, current);
      if (current.version !== version) {
        throw refusal('CONFLICT', 'complaint.staleEdit', { current: current.version, yours: version });
      }
      const name = requireActor(ctx, actorId).name;
      // Validity is a step of the procedure (判为无效, with its notice deadline), not a field edit.
      if (patch.validity !== undefined && patch.validity !== current.validity) {
        throw invalid('patch.validity', 'complaint.validityIsAStep');
      }
      checkReferences(ctx, patch, 'patch.');
      const merged = { ...current, ...patch };
      if (merged.validity === 'invalid' && !merged.invalidReason) throw invalid('patch.invalidReason', 'complaint.invalidNeedsReason');

      const changed = (Object.keys(patch) as ComplaintFieldName[]).filter((f) => patch[f] !== undefined && patch[f] !== current[f]);
      if (changed.length === 0) throw invalid('patch', 'complaint.nothingToSave');
      // Fields printed on a form that came back signed change only with a supervisor's approval.
      const note = approveLockedChange(ctx, id, changed, unlock);
      const at = now().toISOString();
      const changes = Object.fromEntries(changed.map((f) => [f, patch[f]])) as Partial<ComplaintFields>;
      if (!updateComplaintFields(ctx.db, id, version, changes, at)) throw refusal('CONFLICT', 'complaint.changedEdit');
      insertEvent(ctx.db, {
        id: ulid(),
        complaintId: id,
        at,
        actorId,
        actorName: name,
        kind: 'updated',
        changes: changed.map((f) => ({ field: f, before: displayValue(ctx, f, current[f]), after: displayValue(ctx, f, patch[f]) })),
        ...(note && keyedNote(note)),
      });
      // Made 重大 by hand (§5): it owes what the monthly rule's upgrade starts — the report upward
      // and the definite reply — from now. A complaint closed or found invalid owes neither.
      const madeMajor = changes.severity === 'major' && current.severity !== 'major';
      if (madeMajor && current.validity === 'valid' && current.status !== 'closed' && current.status !== 'invalid') startMajorDeadlines(ctx, id, wallNow(ctx));
    })
    .immediate();
  return getComplaint(ctx.db, id)!;
}

export function getComplaintDetail(ctx: ServiceContext, id: string): ComplaintDetail {
  const complaint = getComplaint(ctx.db, id);
  if (!complaint) throw notFound('投诉');
  const editable = isOwnComplaint(ctx, complaint);
  const process = complaintProcess(ctx, id);
  // Another office's complaint takes no step here (own-records.ts): none is offered.
  return { complaint, events: listEvents(ctx.db, id), attachments: listAttachments(ctx.db, id), process: editable ? process : { ...process, allowedActions: [] }, editable };
}

export function listComplaintPage(ctx: ServiceContext, filter: ComplaintListFilter): ComplaintPage {
  return listComplaints(ctx.db, filter);
}
