import { errorText, type Attachment, type KeyedText, type NoteKey, type Staff } from '../../src-preload/contract';
import { findAttachmentBySha, findAttachment, insertAttachment, markRemoved, restoreAttachment } from '../db/attachments.repo';
import { getComplaint } from '../db/complaints.repo';
import { insertEvent, keyedNote } from '../db/events.repo';
import { AppError, invalid, notFound } from '../lib/app-error';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import { sha256Of, sniffMime, storeAttachmentBytes } from './attachment-store';
import type { ServiceContext } from './context';
import { assertOwnComplaint } from './own-records';
import { requireActor } from './actor';
import { recordSignedCopy } from './signed-copies.service';
import { getSettings } from './settings.service';

export interface AttachmentAdd {
  complaintId: string;
  actorId: string;
  fileName: string;
  dataBase64: string;
  signedPrintId?: string;
}

/** Attach a photo or scanned letter (procedure §3). The bytes are checked, stored by SHA-256, and logged. */
export function addAttachment(ctx: ServiceContext, input: AttachmentAdd): Attachment {
  const maxBytes = getSettings(ctx).attachmentMaxMb * 1024 * 1024;
  // Check the size from the base64 length before decoding, so a huge upload costs no memory.
  if (Math.floor((input.dataBase64.length * 3) / 4) > maxBytes + 2) {
    throw new AppError('TOO_LARGE', errorText('attachment.tooLarge', { mb: getSettings(ctx).attachmentMaxMb }), 'dataBase64');
  }
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > maxBytes) {
    throw new AppError('TOO_LARGE', errorText('attachment.tooLarge', { mb: getSettings(ctx).attachmentMaxMb }), 'dataBase64');
  }
  const mime = sniffMime(bytes);
  if (!mime) throw invalid('dataBase64', 'attachment.wrongType');
  const sha256 = sha256Of(bytes);
  const actor = requireActor(ctx, input.actorId);
  const complaint = getComplaint(ctx.db, input.complaintId);
  if (!complaint) throw notFound('投诉');
  assertOwnComplaint(ctx, complaint);

  // The file first: if the transaction then fails, an unreferenced file is harmless (same bytes, same name).
  storeAttachmentBytes(ctx.dataDir, sha256, bytes);
  return ctx.db
    .transaction(() => {
      const instant = now();
      const at = instant.toISOString(); // attachments and the timeline keep UTC instants
      const existing = findAttachmentBySha(ctx.db, input.complaintId, sha256);
      const record = existing
        ? { ...existing, fileName: input.fileName, createdAt: at }
        : { id: ulid(), complaintId: input.complaintId, sha256, fileName: input.fileName, mime, size: bytes.length, createdAt: at };
      if (existing) restoreAttachment(ctx.db, existing.id, input.fileName, at);
      else insertAttachment(ctx.db, record);
      if (input.signedPrintId) {
        const note = recordSignedCopy(ctx, input.complaintId, input.signedPrintId, record.id, instant, input.fileName);
        logAttachmentEvent(ctx, 'signed_copy', input.complaintId, actor, note, at);
      } else {
        logAttachmentEvent(ctx, 'attachment_added', input.complaintId, actor, input.fileName, at);
      }
      const { complaintId: _omit, ...attachment } = record;
      void _omit;
      return attachment;
    })
    .immediate();
}

/** Attachments come and go on the timeline too: the paper trail shows who added or removed which file. */
function logAttachmentEvent(
  ctx: ServiceContext,
  kind: 'attachment_added' | 'attachment_removed' | 'signed_copy',
  complaintId: string,
  actor: Staff,
  /** The file's name (shown as it is), or a note main words. */
  note: string | KeyedText<NoteKey>,
  at: string,
): void {
  const written = typeof note === 'string' ? { note } : keyedNote(note);
  insertEvent(ctx.db, { id: ulid(), complaintId, at, actorId: actor.id, actorName: actor.name, kind, changes: [], ...written });
}

export function removeAttachment(ctx: ServiceContext, input: { complaintId: string; attachmentId: string; actorId: string }): null {
  ctx.db
    .transaction(() => {
      const actor = requireActor(ctx, input.actorId);
      const attachment = findAttachment(ctx.db, input.complaintId, input.attachmentId);
      if (!attachment) throw notFound('附件');
      assertOwnComplaint(ctx, getComplaint(ctx.db, input.complaintId)!);
      const at = now().toISOString();
      markRemoved(ctx.db, attachment.id, at);
      logAttachmentEvent(ctx, 'attachment_removed', input.complaintId, actor, attachment.fileName, at);
    })
    .immediate();
  return null;
}
