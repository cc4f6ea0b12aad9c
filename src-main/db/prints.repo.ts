import { WALL_TIME_PATTERN, type ComplaintFieldName, type ComplaintForm, type PrintRecord } from '../../src-preload/contract';
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

/**
 * printed_at and signed_at hold the office's wall time (`YYYY-MM-DD HH:mm`), as the paper shows
 * it and as the import rules require (import-rows.ts): anything else here is a programming error,
 * refused before it reaches the file that would travel to head office.
 */
function assertWallTime(column: 'printed_at' | 'signed_at', value: string): void {
  if (!WALL_TIME_PATTERN.test(value)) throw new Error(`form_prints.${column} must be a wall time YYYY-MM-DD HH:mm, not ${JSON.stringify(value)}`);
}

export function insertPrint(db: Db, row: NewPrintRow): void {
  assertWallTime('printed_at', row.printedAt);
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

/** `at`: when the signed copy came back, the office's wall time. */
export function markPrintSigned(db: Db, id: string, attachmentId: string, at: string): void {
  assertWallTime('signed_at', at);
  stmt(db, 'UPDATE form_prints SET signed_attachment_id = ?, signed_at = ? WHERE id = ?').run(attachmentId, at, id);
}

/** Fields printed on a form whose signed copy is back: changing them needs a supervisor. */
export function lockedFields(db: Db, complaintId: string): Set<ComplaintFieldName> {
  const rows = stmt(db, 'SELECT printed_fields FROM form_prints WHERE complaint_id = ? AND signed_attachment_id IS NOT NULL').all(complaintId) as { printed_fields: string }[];
  return new Set(rows.flatMap((r) => JSON.parse(r.printed_fields) as ComplaintFieldName[]));
}
