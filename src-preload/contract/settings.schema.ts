import { z } from './zod';
import { requiredText } from './common.schema';

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
  .string({ error: '请填写服务中心代码' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,10}$/, '服务中心代码应为 2–10 位大写字母或数字，例如 YGHA');

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
    }, '时区无效，例如 Asia/Shanghai')
    .optional(),
  attachmentMaxMb: z.number({ error: '附件大小上限必须是数字' }).int().min(1, '附件大小上限至少 1 MB').max(50, '附件大小上限最多 50 MB').optional(),
});
export type SettingsUpdateInput = z.input<typeof settingsUpdateSchema>;

/** First run: office identity plus the first receptionist, so intake works at once. */
export const setupSchema = z.object({
  officeName: requiredText('服务中心名称', 40),
  officeCode: officeCodeSchema,
  operatorName: requiredText('您的姓名', 20),
});
export type SetupInput = z.input<typeof setupSchema>;
