/**
 * Signed paper comes back (issue 4 point 5). A scan or photo of a signed print is attached to the
 * complaint, and from then on the fields printed on it are locked: the signatures vouch for those
 * values. A change then needs a supervisor and a reason, and makes a new version of the record
 * (the signed copy stays as the evidence of the version it was signed at).
 */
import { toWallTime, type ComplaintFieldName, type StaffRole } from '../../src-preload/contract';
import { getPrint, lockedFields, markPrintSigned } from '../db/prints.repo';
import { getStaff } from '../db/directory.repo';
import { AppError, invalid, notFound } from '../lib/app-error';
import type { ServiceContext } from './context';
import { getSettings } from './settings.service';

const FORM_NAMES = { complaint_record: '投诉记录表', handling_record: '投诉处理记录表' } as const;

/**
 * Mark the print as signed by this attachment, received at `at`; returns the timeline's note. Runs
 * in the caller's transaction. The signed time is kept as the office's wall time (`YYYY-MM-DD
 * HH:mm`, like the printed time beside it): that is what the contract and the import rules expect
 * of form_prints (a UTC instant stored here made head office refuse every signed print).
 */
export function recordSignedCopy(ctx: ServiceContext, complaintId: string, printId: string, attachmentId: string, at: Date): string {
  const print = getPrint(ctx.db, printId);
  if (!print || print.complaintId !== complaintId) throw notFound('打印版本');
  if (print.signedAttachmentId) throw new AppError('CONFLICT', `${FORM_NAMES[print.form]} v${print.version} 的签字件已经收回，不能重复登记`);
  markPrintSigned(ctx.db, printId, attachmentId, toWallTime(at, getSettings(ctx).timeZone));
  return `收回签字件：${FORM_NAMES[print.form]} v${print.version}，所印字段已锁定`;
}

/** Who may change what a signed form vouches for (procedure §1: supervisors and the director). */
const MAY_UNLOCK: readonly StaffRole[] = ['supervisor', 'director'];

export interface UnlockApproval {
  supervisorId: string;
  reason: string;
}

/**
 * An edit touching locked fields needs a supervisor's approval with a reason; returns the note the
 * timeline records (or '' when no locked field changes). Refuses, changing nothing, otherwise.
 */
export function approveLockedChange(ctx: ServiceContext, complaintId: string, changed: readonly ComplaintFieldName[], approval: UnlockApproval | undefined): string {
  const locked = lockedFields(ctx.db, complaintId);
  const touched = changed.filter((f) => locked.has(f));
  if (touched.length === 0) return '';
  if (!approval) throw invalid('unlock', '这些内容已印在收回签字的表单上，修改需要主管审批：请选择审批主管并填写修改原因');
  const supervisor = getStaff(ctx.db, approval.supervisorId);
  if (!supervisor || !supervisor.active || !MAY_UNLOCK.includes(supervisor.role)) {
    throw invalid('unlock.supervisorId', '审批人必须是在职的客服主管或服务中心主任');
  }
  return `修改已签字表单上的内容（审批：${supervisor.name}；原因：${approval.reason}）。请重新打印新版本并签字`;
}
