/**
 * Complaints merged from another office's export (issue 5) are that office's records: here they
 * are read, printed in registers and reports, never changed. A change made here would carry a later
 * update time than the office's own work, so the office's next export would lose to it in the merge
 * (merge.ts: the newer version wins) and the office's real progress would be hidden. Every service
 * that writes to a complaint asks first.
 */
import type { Complaint } from '../../src-preload/contract';
import { invalid } from '../lib/app-error';
import type { ServiceContext } from './context';
import { getSettings } from './settings.service';

/** The one answer to "may this desk change it?": the complaint is this office's own (ComplaintDetail.editable). */
export function isOwnComplaint(ctx: ServiceContext, complaint: Pick<Complaint, 'officeCode'>): boolean {
  return complaint.officeCode === getSettings(ctx).officeCode;
}

export function assertOwnComplaint(ctx: ServiceContext, complaint: Pick<Complaint, 'officeCode' | 'number'>): void {
  if (!isOwnComplaint(ctx, complaint)) {
    throw invalid(
      'id',
      `投诉 ${complaint.number} 属于服务中心 ${complaint.officeCode}（从其导出文件合并而来），在这里只能查看、打印其表单副本和登记簿、报表；如需修改请在该服务中心办理，再重新导出。`,
    );
  }
}
