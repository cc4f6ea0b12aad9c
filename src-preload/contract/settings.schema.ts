import { z } from './zod';
import { requiredText } from './common.schema';
import { keyed } from './error-texts';

export interface OfficeSettings {
  /** Empty until the first-run setup: the app then asks for office name and code. */
  officeName: string;
  /** Prefix of every complaint number, e.g. `YGHA` in `YGHA-20261102-003`. */
  officeCode: string;
  timeZone: string;
  /** Largest attachment accepted, in MB. */
  attachmentMaxMb: number;
}

export const officeCodeSchema = z
  .string(keyed('field.required', { field: '服务中心代码' }))
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,10}$/, keyed('office.codeFormat'));

export const settingsUpdateSchema = z.object({
  officeName: requiredText('服务中心名称', 40).optional(),
  officeCode: officeCodeSchema.optional(),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, keyed('settings.timeZone'))
    .optional(),
  attachmentMaxMb: z
    .number(keyed('field.notNumber', { field: '附件大小上限' }))
    .int()
    .min(1, keyed('settings.attachmentMin'))
    .max(50, keyed('settings.attachmentMax'))
    .optional(),
});
export type SettingsUpdateInput = z.input<typeof settingsUpdateSchema>;

/** First run: office identity plus the first receptionist, so intake works at once. */
export const setupSchema = z.object({
  officeName: requiredText('服务中心名称', 40),
  officeCode: officeCodeSchema,
  operatorName: requiredText('您的姓名', 20),
});
export type SetupInput = z.input<typeof setupSchema>;
