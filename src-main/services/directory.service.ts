import type { ListEntry, ListEntrySaveInput, Staff, StaffSaveInput, Term } from '../../src-preload/contract';
import {
  findEntryByName,
  getEntry,
  getStaff,
  insertEntry,
  insertStaff,
  listEntries,
  listStaff,
  updateEntry,
  updateStaff,
  type ListTable,
} from '../db/directory.repo';
import { invalid, notFound, refusal } from '../lib/app-error';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import type { ServiceContext } from './context';

const WHAT: Record<ListTable, Term> = { departments: '部门', categories: '投诉类别' };

export function listListEntries(ctx: ServiceContext, table: ListTable, includeInactive: boolean): ListEntry[] {
  return listEntries(ctx.db, table, includeInactive);
}

/** Add or rename a department or category. Names are unique; entries are retired, never deleted (old complaints point at them). */
export function saveListEntry(ctx: ServiceContext, table: ListTable, input: Required<Omit<ListEntrySaveInput, 'id'>> & { id?: string }): ListEntry {
  return ctx.db
    .transaction(() => {
      const sameName = findEntryByName(ctx.db, table, input.name);
      if (sameName && sameName.id !== input.id) throw invalid('name', 'directory.duplicateName', { name: input.name, what: WHAT[table] });
      const at = now().toISOString();
      if (input.id) {
        if (!getEntry(ctx.db, table, input.id)) throw notFound(WHAT[table]);
        const entry = { ...input, id: input.id };
        updateEntry(ctx.db, table, entry, at);
        return entry;
      }
      const entry = { ...input, id: ulid() };
      insertEntry(ctx.db, table, entry, at);
      return entry;
    })
    .immediate();
}

export function listStaffMembers(ctx: ServiceContext, includeInactive: boolean): Staff[] {
  return listStaff(ctx.db, includeInactive);
}

export function saveStaff(ctx: ServiceContext, input: Required<Omit<StaffSaveInput, 'id'>> & { id?: string }): Staff {
  return ctx.db
    .transaction(() => {
      if (!getEntry(ctx.db, 'departments', input.departmentId)) throw invalid('departmentId', 'staff.departmentMissing');
      const at = now().toISOString();
      const id = input.id ?? ulid();
      if (input.id) {
        if (!getStaff(ctx.db, input.id)) throw notFound('员工');
        updateStaff(ctx.db, { ...input, id }, at);
      } else {
        insertStaff(ctx.db, { ...input, id }, at);
      }
      const saved = getStaff(ctx.db, id);
      if (!saved) throw refusal('INTERNAL', 'staff.saveFailed');
      return saved;
    })
    .immediate();
}
