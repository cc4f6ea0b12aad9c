import { z } from './zod';
import { officeCodeSchema } from './settings.schema';
import { keyed } from './error-texts';
import type { Category, Department } from './directory.schema';

/**
 * Head-office views (issue 5 point 4): a database holding several offices' records (its own and
 * those merged from their exports) shows every register, board and report for one office or for
 * all of them. The filter is an office code; absent or '' means every office in the database.
 */
export const officeFilterSchema = z
  .union([z.literal(''), officeCodeSchema], keyed('office.codeFormat'))
  .optional();

/** `offices:directory`: whose departments and categories (the register's filter choices). */
export const officeDirectoryQuerySchema = z.object({ officeCode: officeCodeSchema });

/** One office's departments and categories, retired ones included (old complaints point at them). */
export interface OfficeDirectory {
  departments: Department[];
  categories: Category[];
}
