import { z } from './zod';
import { idSchema, requiredText, optionalText } from './common.schema';
import { staffRoleSchema, type StaffRole } from './enums';

/** A named entry of an editable list (departments, complaint categories). */
export interface ListEntry {
  id: string;
  name: string;
  sortOrder: number;
  active: boolean;
}
export type Department = ListEntry;
export type Category = ListEntry;

const listEntrySaveSchema = (label: string) =>
  z.object({
    /** Absent: a new entry. */
    id: idSchema(`${label}编号`).optional(),
    name: requiredText(`${label}名称`, 30),
    sortOrder: z.number({ error: '排序必须是数字' }).int('排序必须是整数').min(0).max(9999).default(0),
    active: z.boolean({ error: '启用状态无效' }).default(true),
  });
export const departmentSaveSchema = listEntrySaveSchema('部门');
export const categorySaveSchema = listEntrySaveSchema('类别');
export type ListEntrySaveInput = z.input<typeof departmentSaveSchema>;

export const listQuerySchema = z
  .object({ includeInactive: z.boolean().default(false) })
  .default({ includeInactive: false });

export interface Staff {
  id: string;
  name: string;
  departmentId: string;
  departmentName: string;
  role: StaffRole;
  phone: string;
  active: boolean;
}

export const staffSaveSchema = z.object({
  id: idSchema('员工编号').optional(),
  name: requiredText('姓名', 20),
  departmentId: idSchema('所属部门'),
  role: staffRoleSchema,
  phone: optionalText('电话', 20).default(''),
  active: z.boolean({ error: '在职状态无效' }).default(true),
});
export type StaffSaveInput = z.input<typeof staffSaveSchema>;
