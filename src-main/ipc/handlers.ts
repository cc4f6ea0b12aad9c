import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../src-preload/contract';
import type { ServiceContext } from '../services/context';
import { getSettings, needsSetup, setupOffice, updateSettings } from '../services/settings.service';
import { listListEntries, listStaffMembers, saveListEntry, saveStaff } from '../services/directory.service';
import { createComplaint, getComplaintDetail, listComplaintPage, updateComplaint } from '../services/complaints.service';
import { addAttachment, removeAttachment } from '../services/attachments.service';
import { runStep } from '../services/lifecycle.service';
import { buildBoard, deadlineAlerts, getDeadlinePolicy, previewDeadlines, recomputeOpenDeadlines, updateDeadlinePolicy, wallNow } from '../services/deadlines.service';
import { addWorkingDaysFrom, calendarChanged, calendarOverview, exportCalendar, importCalendar, removeCalendarDay, saveCalendarDay } from '../services/calendar.service';
import { getFormCodes, printBlankForm, printComplaintForm, printHistory, printMonthlyReport, printRegister, updateFormCodes } from '../services/print.service';
import { findPrintFile } from '../services/print-store';
import { exportRegisterXlsx } from '../services/register-xlsx.service';
import { invalid, refusal } from '../lib/app-error';
import { setTestClock, testClockAllowed } from '../lib/clock';
import { listImportHistory, listOffices } from '../exchange/offices';
import { officeDirectory } from '../services/office-scope';
import { createExchangeJobs, type ExchangeJobs } from '../exchange/exchange-jobs';
import { listCdxFiles, listDrives } from '../exchange/drives';
import { createDataVersions, type DataVersions } from '../lib/data-versions';
import { now } from '../lib/clock';
import type { Scheduler } from '../scheduler/scheduler';

/** A handler answers at once, or later with a promise (PDF rendering). */
export type Handler<K extends ChannelName> = (input: ChannelParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
/** One handler per contract channel: a missing one fails to compile. */
export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** What only the desktop can do: main owns the save dialog and hands PDFs to the system viewer. */
export interface DesktopShell {
  /** Ask where to save (the last folder used is offered) and copy the file there; null if cancelled. */
  saveFile(source: string, suggestedName: string): Promise<string | null>;
  /** Open a file in the system's default program (the PDF viewer prints it). */
  openFile(path: string): Promise<void>;
  /** USB exchange: choose a folder (where an export goes, or where files to import are); null if cancelled. */
  pickFolder(purpose: 'export' | 'import'): Promise<string | null>;
  /** USB exchange: choose .cdx files to import; empty if cancelled. */
  pickFiles(): Promise<string[]>;
}

export interface HandlerEnvironment {
  version: string;
  mode: 'electron' | 'web';
  desktop?: DesktopShell;
}

/** Main's own moving parts the handlers report on or drive: change counters and the scheduler. */
export interface HandlerRuntime {
  versions: DataVersions;
  scheduler?: Pick<Scheduler, 'tick'>;
}

/** The handler table both transports serve: Electron IPC and web mode's loopback HTTP. */
export function createHandlers(
  ctx: ServiceContext,
  env: HandlerEnvironment,
  exchangeJobs: ExchangeJobs = createExchangeJobs(ctx),
  runtime: HandlerRuntime = { versions: createDataVersions() },
): HandlerTable {
  return {
    'app:info': () => ({ version: env.version, mode: env.mode, dataDir: ctx.dataDir, needsSetup: needsSetup(ctx) }),
    'app:pulse': () => ({ bootId: runtime.versions.bootId, versions: runtime.versions.snapshot(), now: now().toISOString() }),
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
    'print:complaintForm': (input) => printComplaintForm(ctx, input),
    'print:blankForm': (input) => printBlankForm(ctx, input.form),
    'print:register': (input) => printRegister(ctx, input),
    // The desktop saves it through print:save (same file store); web mode downloads its URL.
    'register:exportXlsx': (input) => exportRegisterXlsx(ctx, input),
    'print:monthlyReport': (input) => printMonthlyReport(ctx, input),
    'print:history': (input) => printHistory(ctx, input.complaintId),
    'print:save': async (input) => {
      const { path, fileName } = printFile(input.printId);
      return { path: await desktop().saveFile(path, fileName) };
    },
    'print:open': async (input) => {
      await desktop().openFile(printFile(input.printId).path);
      return null;
    },
    'forms:get': () => getFormCodes(ctx),
    'forms:update': (input) => updateFormCodes(ctx, input),
    'attachments:add': (input) => addAttachment(ctx, input),
    'attachments:remove': (input) => removeAttachment(ctx, input),
    'lifecycle:dispatch': (input) => runStep(ctx, 'dispatch', input),
    'lifecycle:redispatch': (input) => runStep(ctx, 'redispatch', input),
    'lifecycle:signFor': (input) => runStep(ctx, 'signFor', input),
    'lifecycle:recordResult': (input) => runStep(ctx, 'recordResult', input),
    'lifecycle:reply': (input) => runStep(ctx, 'reply', input),
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
    // Reads only: the automatic major upgrade runs in the scheduler (scheduler/time-rules.ts).
    'deadlines:alerts': () => deadlineAlerts(ctx),
    'board:get': (input) => buildBoard(ctx, input),
    'calendar:get': () => calendarOverview(ctx),
    // A calendar edit corrects a fact: open working-day deadlines are counted again on it.
    'calendar:saveDay': (input) => withRecompute(() => saveCalendarDay(ctx, input)),
    'calendar:removeDay': (input) => withRecompute(() => removeCalendarDay(ctx, input.date)),
    'calendar:import': (input) => withRecompute(() => importCalendar(ctx, input)),
    'calendar:export': () => exportCalendar(ctx),
    'calendar:addWorkingDays': (input) => addWorkingDaysFrom(ctx, input.from, input.days),
    'exchange:drives': () => listDrives(),
    'exchange:files': (input) => listCdxFiles(input.folder, getSettings(ctx).timeZone),
    'exchange:export': (input) =>
      exchangeJobs.startExport({
        actorId: input.actorId,
        folder: input.folder,
        passphrase: input.passphrase,
        ...(input.from && input.to ? { range: { from: input.from, to: input.to } } : {}),
      }),
    'exchange:import': (input) => exchangeJobs.startImport(input),
    'exchange:job': (input) => exchangeJobs.get(input.jobId),
    'exchange:cancel': (input) => exchangeJobs.cancel(input.jobId),
    'exchange:history': () => listImportHistory(ctx),
    'exchange:pickFolder': async (input) => ({ path: await desktopPicker().pickFolder(input.purpose) }),
    'exchange:pickFiles': async () => ({ paths: await desktopPicker().pickFiles() }),
    'offices:list': () => listOffices(ctx),
    'offices:directory': (input) => officeDirectory(ctx, input.officeCode),
    'clock:set': (input) => {
      if (!testClockAllowed()) throw refusal('FORBIDDEN', 'bridge.testClockOnly');
      setTestClock(input.now === null ? null : new Date(input.now));
      // Time moved: the rules it drives apply now, as the next tick would have applied them. Unpinning
      // does not tick: that would apply them on the machine's own date, which no test may depend on.
      if (input.now !== null) runtime.scheduler?.tick();
      return { now: wallNow(ctx) };
    },
  };
  /** Save dialogs and the system viewer exist only on the desktop; the web page downloads instead. */
  function desktop(): DesktopShell {
    if (!env.desktop) throw refusal('VALIDATION', 'print.webModeSave');
    return env.desktop;
  }
  /** The system's folder and file dialogs exist only on the desktop; the web page lists folders itself. */
  function desktopPicker(): DesktopShell {
    if (!env.desktop) throw invalid('folder', 'exchange.webModePicker');
    return env.desktop;
  }
  function printFile(printId: string) {
    const file = findPrintFile(ctx.dataDir, printId);
    if (!file) throw refusal('NOT_FOUND', 'print.fileExpired');
    return file;
  }
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
