import type { OfficeSettings, SettingsUpdateInput, SetupInput } from '../../src-preload/contract';
import { readSettings, writeSetting } from '../db/settings.repo';
import { findEntryByName, listEntries } from '../db/directory.repo';
import { insertStaff } from '../db/directory.repo';
import { invalid, refusal } from '../lib/app-error';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import type { ServiceContext } from './context';

export const DEFAULT_SETTINGS: OfficeSettings = {
  officeName: '',
  officeCode: '',
  timeZone: 'Asia/Shanghai',
  attachmentMaxMb: 10,
};

export function getSettings({ db }: ServiceContext): OfficeSettings {
  return { ...DEFAULT_SETTINGS, ...(readSettings(db) as Partial<OfficeSettings>) };
}

export function needsSetup(ctx: ServiceContext): boolean {
  return getSettings(ctx).officeCode === '';
}

export function updateSettings(ctx: ServiceContext, input: SettingsUpdateInput): OfficeSettings {
  ctx.db.transaction(() => {
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined) writeSetting(ctx.db, key, value);
    }
  })();
  return getSettings(ctx);
}

/** First run: the office's identity and its first receptionist, in one transaction. */
export function setupOffice(ctx: ServiceContext, input: Required<SetupInput>): OfficeSettings {
  ctx.db
    .transaction(() => {
      if (!needsSetup(ctx)) throw refusal('CONFLICT', 'setup.alreadyDone');
      writeSetting(ctx.db, 'officeName', input.officeName);
      writeSetting(ctx.db, 'officeCode', input.officeCode);
      const reception = findEntryByName(ctx.db, 'departments', '客服中心') ?? listEntries(ctx.db, 'departments', false)[0];
      if (!reception) throw invalid('operatorName', 'setup.noDepartment');
      const at = now().toISOString();
      insertStaff(ctx.db, { id: ulid(), name: input.operatorName, departmentId: reception.id, role: 'reception', phone: '', active: true }, at);
    })
    .immediate();
  return getSettings(ctx);
}
