/**
 * Signed paper comes back (issue 4 point 5). A scan or photo of a signed print is attached to the
 * complaint, and from then on the fields printed on it are locked: the signatures vouch for those
 * values. A change then needs a supervisor and a reason, and makes a new version of the record
 * (the signed copy stays as the evidence of the version it was signed at).
 */
import { noteOf, toWallTime, type ComplaintFieldName, type KeyedText, type StaffRole, type Term } from '../../src-preload/contract';
import { getPrint, lockedFields, markPrintSigned } from '../db/prints.repo';
import { getStaff } from '../db/directory.repo';
import { invalid, notFound, refusal } from '../lib/app-error';
import type { ServiceContext } from './context';
import { getSettings } from './settings.service';

const FORM_NAMES = { complaint_record: '投诉记录表', handling_record: '投诉处理记录表' } as const satisfies Record<string, Term>;

/**
 * Mark the print as signed by this attachment (`fileName`), received at `at`; returns the timeline's note. Runs
 * in the caller's transaction. The signed time is kept as the office's wall time (`YYYY-MM-DD
 * HH:mm`, like the printed time beside it): that is what the contract and the import rules expect
 * of form_prints (a UTC instant stored here made head office refuse every signed print).
 */
export function recordSignedCopy(ctx: ServiceContext, complaintId: string, printId: string, attachmentId: string, at: Date, fileName: string): KeyedText<'signedCopy'> {
  const print = getPrint(ctx.db, printId);
  if (!print || print.complaintId !== complaintId) throw notFound('打印版本');
  if (print.signedAttachmentId) throw refusal('CONFLICT', 'signedCopy.alreadyBack', { form: FORM_NAMES[print.form], version: print.version });
  markPrintSigned(ctx.db, printId, attachmentId, toWallTime(at, getSettings(ctx).timeZone));
  return noteOf('signedCopy', { form: FORM_NAMES[print.form], version: print.version, file: fileName });
}

/** Who may change what a signed form vouches for (procedure §1: supervisors and the director). */
const MAY_UNLOCK: readonly StaffRole[] = ['supervisor', 'director'];

export interface UnlockApproval {
  supervisorId: string;
  reason: string;
}

/**
 * An edit touching locked fields needs a supervisor's approval with a reason; returns the note the
 * timeline records (or undefined when no locked field changes). Refuses, changing nothing, otherwise.
 */
export function approveLockedChange(ctx: ServiceContext, complaintId: string, changed: readonly ComplaintFieldName[], approval: UnlockApproval | undefined): KeyedText<'lockedEdit'> | undefined {
  const locked = lockedFields(ctx.db, complaintId);
  const touched = changed.filter((f) => locked.has(f));
  if (touched.length === 0) return undefined;
  if (!approval) throw invalid('unlock', 'unlock.required');
  const supervisor = getStaff(ctx.db, approval.supervisorId);
  if (!supervisor || !supervisor.active || !MAY_UNLOCK.includes(supervisor.role)) {
    throw invalid('unlock.supervisorId', 'unlock.notSupervisor');
  }
  return noteOf('lockedEdit', { supervisor: supervisor.name, reason: approval.reason });
}
