import type { ComplaintFieldName, ComplaintForm, PrintRecord } from '../../src-preload/contract';
import type { Db } from './connection';
import { stmt } from './statements';

/** A print as recorded when it is made: the contract's record before its signed copy is back. */
export type NewPrintRow = Omit<PrintRecord, 'signedAttachmentId' | 'signedAt' | 'printedFields'> & { printedFields: readonly ComplaintFieldName[] };

const SELECT = `SELECT id, complaint_id AS complaintId, form, version, printed_at AS printedAt, printed_by AS printedBy,
  complaint_version AS complaintVersion, COALESCE(signed_attachment_id, '') AS signedAttachmentId, signed_at AS signedAt, printed_fields AS printedFields
  FROM form_prints`;

type StoredPrint = Omit<PrintRecord, 'printedFields'> & { printedFields: string };
const toRecord = (row: StoredPrint): PrintRecord => ({ ...row, printedFields: JSON.parse(row.printedFields) as ComplaintFieldName[] });

/** The next print version of this complaint's form (1 for the first print). */
export function nextPrintVersion(db: Db, complaintId: string, form: ComplaintForm): number {
  const row = stmt(db, 'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM form_prints WHERE complaint_id = ? AND form = ?').get(complaintId, form) as { next: number };
  return row.next;
}

export function insertPrint(db: Db, row: NewPrintRow): void {
  stmt(db, `INSERT INTO form_prints (id, complaint_id, form, version, printed_at, printed_by, complaint_version, printed_fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.id, row.complaintId, row.form, row.version, row.printedAt, row.printedBy, row.complaintVersion, JSON.stringify(row.printedFields),
  );
}

export function deletePrint(db: Db, id: string): void {
  stmt(db, 'DELETE FROM form_prints WHERE id = ?').run(id);
}

export function listPrints(db: Db, complaintId: string): PrintRecord[] {
  return (stmt(db, `${SELECT} WHERE complaint_id = ? ORDER BY form, version`).all(complaintId) as StoredPrint[]).map(toRecord);
}

export function getPrint(db: Db, id: string): PrintRecord | undefined {
  const row = stmt(db, `${SELECT} WHERE id = ?`).get(id) as StoredPrint | undefined;
  return row && toRecord(row);
}

export function markPrintSigned(db: Db, id: string, attachmentId: string, at: string): void {
  stmt(db, 'UPDATE form_prints SET signed_attachment_id = ?, signed_at = ? WHERE id = ?').run(attachmentId, at, id);
}

/** Fields printed on a form whose signed copy is back: changing them needs a supervisor. */
export function lockedFields(db: Db, complaintId: string): Set<ComplaintFieldName> {
  const rows = stmt(db, 'SELECT printed_fields FROM form_prints WHERE complaint_id = ? AND signed_attachment_id IS NOT NULL').all(complaintId) as { printed_fields: string }[];
  return new Set(rows.flatMap((r) => JSON.parse(r.printed_fields) as ComplaintFieldName[]));
}
