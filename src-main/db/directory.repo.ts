import type { Db } from './connection';
import { stmt } from './statements';
import type { ListEntry, Staff, StaffRole } from '../../src-preload/contract';

/** Departments and categories share one shape: an ordered, renameable, retirable list. */
export type ListTable = 'departments' | 'categories';

interface ListRow {
  id: string;
  name: string;
  sort_order: number;
  active: number;
}
const toEntry = (r: ListRow): ListEntry => ({ id: r.id, name: r.name, sortOrder: r.sort_order, active: r.active === 1 });

export function listEntries(db: Db, table: ListTable, includeInactive: boolean): ListEntry[] {
  const where = includeInactive ? "WHERE office_code = ''" : "WHERE office_code = '' AND active = 1";
  return (stmt(db, `SELECT id, name, sort_order, active FROM ${table} ${where} ORDER BY sort_order, name`).all() as ListRow[]).map(toEntry);
}

export function getEntry(db: Db, table: ListTable, id: string): ListEntry | undefined {
  const row = stmt(db, `SELECT id, name, sort_order, active FROM ${table} WHERE id = ?`).get(id) as ListRow | undefined;
  return row && toEntry(row);
}

export function findEntryByName(db: Db, table: ListTable, name: string): ListEntry | undefined {
  const row = stmt(db, `SELECT id, name, sort_order, active FROM ${table} WHERE office_code = '' AND name = ?`).get(name) as ListRow | undefined;
  return row && toEntry(row);
}

export function insertEntry(db: Db, table: ListTable, entry: ListEntry, at: string): void {
  stmt(db, `INSERT INTO ${table} (id, name, sort_order, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    entry.id,
    entry.name,
    entry.sortOrder,
    entry.active ? 1 : 0,
    at,
    at,
  );
}

export function updateEntry(db: Db, table: ListTable, entry: ListEntry, at: string): void {
  stmt(db, `UPDATE ${table} SET name = ?, sort_order = ?, active = ?, updated_at = ? WHERE id = ?`).run(
    entry.name,
    entry.sortOrder,
    entry.active ? 1 : 0,
    at,
    entry.id,
  );
}

interface StaffRow {
  id: string;
  name: string;
  department_id: string;
  department_name: string;
  role: StaffRole;
  phone: string;
  active: number;
}
const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  name: r.name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  role: r.role,
  phone: r.phone,
  active: r.active === 1,
});
const STAFF_SELECT = `
  SELECT s.id, s.name, s.department_id, d.name AS department_name, s.role, s.phone, s.active
  FROM staff s JOIN departments d ON d.id = s.department_id`;

export function listStaff(db: Db, includeInactive: boolean): Staff[] {
  const where = includeInactive ? "WHERE s.office_code = ''" : "WHERE s.office_code = '' AND s.active = 1";
  return (stmt(db, `${STAFF_SELECT} ${where} ORDER BY d.sort_order, s.name`).all() as StaffRow[]).map(toStaff);
}

const STAFF_BY_ID = `${STAFF_SELECT} WHERE s.id = ?`;

export function getStaff(db: Db, id: string): Staff | undefined {
  const row = stmt(db, STAFF_BY_ID).get(id) as StaffRow | undefined;
  return row && toStaff(row);
}

/** What an intake needs of its receiver: the name, and whether they still work here (no join). */
export type StaffStanding = Pick<Staff, 'id' | 'name' | 'active'>;

export function getStaffStanding(db: Db, id: string): StaffStanding | undefined {
  const row = stmt(db, 'SELECT id, name, active FROM staff WHERE id = ?').get(id) as Pick<StaffRow, 'id' | 'name' | 'active'> | undefined;
  return row && { id: row.id, name: row.name, active: row.active === 1 };
}

export type StaffRecord = Omit<Staff, 'departmentName'>;

export function insertStaff(db: Db, s: StaffRecord, at: string): void {
  stmt(db, 
    'INSERT INTO staff (id, name, department_id, role, phone, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.name, s.departmentId, s.role, s.phone, s.active ? 1 : 0, at, at);
}

export function updateStaff(db: Db, s: StaffRecord, at: string): void {
  stmt(db, 'UPDATE staff SET name = ?, department_id = ?, role = ?, phone = ?, active = ?, updated_at = ? WHERE id = ?').run(
    s.name,
    s.departmentId,
    s.role,
    s.phone,
    s.active ? 1 : 0,
    at,
    s.id,
  );
}
