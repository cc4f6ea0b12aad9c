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
    throw invalid('id', 'complaint.otherOffice', { number: complaint.number, office: complaint.officeCode });
  }
}
