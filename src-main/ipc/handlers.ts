import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../src-preload/contract';
import type { ServiceContext } from '../services/context';
import { getSettings, needsSetup, setupOffice, updateSettings } from '../services/settings.service';
import { listListEntries, listStaffMembers, saveListEntry, saveStaff } from '../services/directory.service';
import { createComplaint, getComplaintDetail, listComplaintPage, updateComplaint } from '../services/complaints.service';
import { addAttachment, removeAttachment } from '../services/attachments.service';
import { runStep, sweepAutoMajor } from '../services/lifecycle.service';
import { buildBoard, deadlineAlerts, getDeadlinePolicy, previewDeadlines, recomputeOpenDeadlines, updateDeadlinePolicy, wallNow } from '../services/deadlines.service';
import { addWorkingDaysFrom, calendarChanged, calendarOverview, exportCalendar, importCalendar, removeCalendarDay, saveCalendarDay } from '../services/calendar.service';
import { AppError } from '../lib/app-error';
import { setTestClock, testClockAllowed } from '../lib/clock';

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
    'lifecycle:dispatch': (input) => runStep(ctx, 'dispatch', input),
    'lifecycle:signFor': (input) => runStep(ctx, 'signFor', input),
    'lifecycle:recordResult': (input) => runStep(ctx, 'recordResult', input),
    'lifecycle:followUp': (input) => runStep(ctx, 'followUp', input),
    'lifecycle:followUpImpossible': (input) => runStep(ctx, 'followUpImpossible', input),
    'lifecycle:markInvalid': (input) => runStep(ctx, 'markInvalid', input),
    'lifecycle:notifyInvalid': (input) => runStep(ctx, 'notifyInvalid', input),
    'lifecycle:escalate': (input) => runStep(ctx, 'escalate', input),
    'lifecycle:summarize': (input) => runStep(ctx, 'summarize', input),
    'lifecycle:hold': (input) => runStep(ctx, 'hold', input),
    'lifecycle:resume': (input) => runStep(ctx, 'resume', input),
    'deadlines:preview': (input) => previewDeadlines(ctx, input),
    'deadlines:getPolicy': () => getDeadlinePolicy(ctx),
    'deadlines:updatePolicy': (input) => updateDeadlinePolicy(ctx, input.policy),
    'deadlines:alerts': () => {
      sweepAutoMajor(ctx);
      return deadlineAlerts(ctx);
    },
    'board:get': (input) => {
      sweepAutoMajor(ctx);
      return buildBoard(ctx, input);
    },
    'calendar:get': () => calendarOverview(ctx),
    // A calendar edit corrects a fact: open working-day deadlines are counted again on it.
    'calendar:saveDay': (input) => withRecompute(() => saveCalendarDay(ctx, input)),
    'calendar:removeDay': (input) => withRecompute(() => removeCalendarDay(ctx, input.date)),
    'calendar:import': (input) => withRecompute(() => importCalendar(ctx, input)),
    'calendar:export': () => exportCalendar(ctx),
    'calendar:addWorkingDays': (input) => addWorkingDaysFrom(ctx, input.from, input.days),
    'clock:set': (input) => {
      if (!testClockAllowed()) throw new AppError('FORBIDDEN', '只有测试模式可以调整时钟');
      setTestClock(input.now === null ? null : new Date(input.now));
      return { now: wallNow(ctx) };
    },
  };
  /** The calendar edit and the recount of open deadlines commit together, or neither does. */
  function withRecompute<T>(edit: () => T): T {
    try {
      return ctx.db
        .transaction(() => {
          const value = edit();
          recomputeOpenDeadlines(ctx);
          return value;
        })
        .immediate();
    } finally {
      // A rolled-back edit must not live on in the cached calendar.
      calendarChanged(ctx);
    }
  }
}
