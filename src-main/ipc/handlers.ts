import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../src-preload/contract';
import type { ServiceContext } from '../services/context';
import { getSettings, needsSetup, setupOffice, updateSettings } from '../services/settings.service';
import { listListEntries, listStaffMembers, saveListEntry, saveStaff } from '../services/directory.service';
import { createComplaint, getComplaintDetail, listComplaintPage, updateComplaint } from '../services/complaints.service';
import { addAttachment, removeAttachment } from '../services/attachments.service';

export type Handler<K extends ChannelName> = (input: ChannelParsedInput<K>) => ChannelOutput<K>;
/** One handler per contract channel: a missing one fails to compile. */
export type HandlerTable = { [K in ChannelName]: Handler<K> };

export interface HandlerEnvironment {
  version: string;
  mode: 'electron' | 'web';
}

/** The handler table both transports serve: Electron IPC and web mode's loopback HTTP. */
export function createHandlers(ctx: ServiceContext, env: HandlerEnvironment): HandlerTable {
  return {
    'app:info': () => ({ version: env.version, mode: env.mode, dataDir: ctx.dataDir, needsSetup: needsSetup(ctx) }),
    'app:setup': (input) => setupOffice(ctx, input),
    'settings:get': () => getSettings(ctx),
    'settings:update': (input) => updateSettings(ctx, input),
    'departments:list': (input) => listListEntries(ctx, 'departments', input.includeInactive),
    'departments:save': (input) => saveListEntry(ctx, 'departments', input),
    'categories:list': (input) => listListEntries(ctx, 'categories', input.includeInactive),
    'categories:save': (input) => saveListEntry(ctx, 'categories', input),
    'staff:list': (input) => listStaffMembers(ctx, input.includeInactive),
    'staff:save': (input) => saveStaff(ctx, input),
    'complaints:create': (input) => createComplaint(ctx, input),
    'complaints:get': (input) => getComplaintDetail(ctx, input.id),
    'complaints:update': (input) => updateComplaint(ctx, input),
    'complaints:list': (input) => listComplaintPage(ctx, input),
    'attachments:add': (input) => addAttachment(ctx, input),
    'attachments:remove': (input) => removeAttachment(ctx, input),
  };
}
