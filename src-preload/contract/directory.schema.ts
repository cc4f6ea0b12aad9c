import { z } from './zod';
import { idSchema, requiredText, optionalText } from './common.schema';
import { staffRoleSchema, type StaffRole } from './enums';
import { keyed } from './error-texts';

/** A named entry of an editable list (departments, complaint categories). */
export interface ListEntry {
  id: string;
  name: string;
  sortOrder: number;
  active: boolean;
}
export type Department = ListEntry;
export type Category = ListEntry;

const listEntrySaveSchema = (label: '部门' | '类别') =>
  z.object({
    /** Absent: a new entry. */
    id: idSchema(`${label}编号` as const).optional(),
    name: requiredText(`${label}名称` as const, 30),
    sortOrder: z
      .number(keyed('field.notNumber', { field: '排序' }))
      .int(keyed('field.notInteger', { field: '排序' }))
      .min(0, keyed('field.between', { field: '排序', min: 0, max: 9999 }))
      .max(9999, keyed('field.between', { field: '排序', min: 0, max: 9999 }))
      .default(0),
    active: z.boolean(keyed('field.invalid', { field: '启用状态' })).default(true),
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
  active: z.boolean(keyed('field.invalid', { field: '在职状态' })).default(true),
});
export type StaffSaveInput = z.input<typeof staffSaveSchema>;
