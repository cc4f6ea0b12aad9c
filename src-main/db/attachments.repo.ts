import type { Db } from './connection';
import { stmt } from './statements';
import type { Attachment } from '../../src-preload/contract';

export interface AttachmentRecord extends Attachment {
  complaintId: string;
}

interface Row {
  id: string;
  complaint_id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  created_at: string;
}
const toAttachment = (r: Row): AttachmentRecord => ({
  id: r.id,
  complaintId: r.complaint_id,
  sha256: r.sha256,
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  createdAt: r.created_at,
});

export function insertAttachment(db: Db, a: AttachmentRecord): void {
  stmt(db, 
    'INSERT INTO attachments (id, complaint_id, sha256, file_name, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(a.id, a.complaintId, a.sha256, a.fileName, a.mime, a.size, a.createdAt);
}

/** Attachments still attached (not removed), oldest first. */
export function listAttachments(db: Db, complaintId: string): Attachment[] {
  return (
    stmt(db, 'SELECT * FROM attachments WHERE complaint_id = ? AND removed_at IS NULL ORDER BY created_at, id')
      .all(complaintId) as Row[]
  ).map((row) => {
    const { complaintId: _complaint, ...attachment } = toAttachment(row);
    return attachment;
  });
}

export function findAttachment(db: Db, complaintId: string, attachmentId: string): AttachmentRecord | undefined {
  const row = stmt(db, 'SELECT * FROM attachments WHERE id = ? AND complaint_id = ? AND removed_at IS NULL').get(attachmentId, complaintId) as
    | Row
    | undefined;
  return row && toAttachment(row);
}

export function findAttachmentBySha(db: Db, complaintId: string, sha256: string): AttachmentRecord | undefined {
  const row = stmt(db, 'SELECT * FROM attachments WHERE complaint_id = ? AND sha256 = ?').get(complaintId, sha256) as Row | undefined;
  return row && toAttachment(row);
}

/** The stored MIME type of a file, if any complaint holds it: used to serve the bytes. */
export function mimeOfSha(db: Db, sha256: string): string | undefined {
  const row = stmt(db, 'SELECT mime FROM attachments WHERE sha256 = ? LIMIT 1').get(sha256) as { mime: string } | undefined;
  return row?.mime;
}

export function markRemoved(db: Db, id: string, at: string): void {
  stmt(db, 'UPDATE attachments SET removed_at = ? WHERE id = ?').run(at, id);
}

/** Re-attach a file that was removed earlier (the same bytes added again). */
export function restoreAttachment(db: Db, id: string, fileName: string, at: string): void {
  stmt(db, 'UPDATE attachments SET removed_at = NULL, file_name = ?, created_at = ? WHERE id = ?').run(fileName, at, id);
}
