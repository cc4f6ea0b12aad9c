/**
 * The directory of one office, or of all of them, for head-office views (issue 5 point 4).
 * directory.repo.ts lists this database's own rows only (office_code = ''), which is what the
 * intake and settings screens need; these reads are for filters and reports over merged offices.
 */
import type { Db } from './connection';
import { stmt } from './statements';
import type { ListEntry } from '../../src-preload/contract';
import type { ListTable } from './directory.repo';

interface Row {
  id: string;
  name: string;
  sort_order: number;
  active: number;
}
const toEntry = (r: Row): ListEntry => ({ id: r.id, name: r.name, sortOrder: r.sort_order, active: r.active === 1 });

/**
 * Entries of the directory rows marked `directoryOffice` ('' = this database's own, a code = merged
 * from that office), retired ones included; null: every office's, own rows first, then by office.
 */
export function listOfficeEntries(db: Db, table: ListTable, directoryOffice: string | null): ListEntry[] {
  const rows =
    directoryOffice === null
      ? stmt(db, `SELECT id, name, sort_order, active FROM ${table} ORDER BY office_code <> '', office_code, sort_order, name`).all()
      : stmt(db, `SELECT id, name, sort_order, active FROM ${table} WHERE office_code = ? ORDER BY sort_order, name`).all(directoryOffice);
  return (rows as Row[]).map(toEntry);
}
