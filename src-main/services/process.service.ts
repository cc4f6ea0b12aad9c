import type { ComplaintProcess } from '../../src-preload/contract';
import { getComplaint } from '../db/complaints.repo';
import { getLifecycleColumns, listEscalations, listFollowUps, listHolds, listRedispatches, listReplies, listRounds } from '../db/lifecycle.repo';
import { allowedActions } from '../domain/lifecycle';
import { notFound } from '../lib/app-error';
import type { ServiceContext } from './context';
import { deadlineViews, wallNow } from './deadlines.service';

/** The procedure side of a complaint for its detail page: rounds, follow-ups, deadlines, next steps. */
export function complaintProcess(ctx: ServiceContext, complaintId: string): ComplaintProcess {
  const columns = getLifecycleColumns(ctx.db, complaintId);
  const complaint = getComplaint(ctx.db, complaintId);
  if (!columns || !complaint) throw notFound('投诉');
  const holds = listHolds(ctx.db, complaintId);
  return {
    now: wallNow(ctx),
    round: columns.round,
    rounds: listRounds(ctx.db, complaintId),
    redispatches: listRedispatches(ctx.db, complaintId),
    replies: listReplies(ctx.db, complaintId),
    followUps: listFollowUps(ctx.db, complaintId),
    escalations: listEscalations(ctx.db, complaintId),
    holds,
    // On hold, the resolution clock stopped when the open hold began.
    deadlines: deadlineViews(ctx, complaintId, columns.status === 'on_hold' ? (holds.find((h) => h.resumedAt === '')?.fromAt ?? '') : ''),
    allowedActions: allowedActions({
      status: columns.status,
      severity: complaint.severity,
      heldFromStatus: columns.heldFromStatus,
      hasSummary: columns.summary !== '',
      round: columns.round,
    }),
    summary: columns.summary,
    improvement: columns.improvement,
    invalidNoticedAt: columns.invalidNoticedAt,
    invalidNoticeMethod: columns.invalidNoticeMethod,
    closedAt: columns.closedAt,
    heldMinutes: holds.reduce((sum, h) => sum + h.heldMinutes, 0),
  };
}
