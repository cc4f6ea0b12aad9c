import { z } from './zod';
import type { ChannelName } from './channel-names';
import {
  complaintCreateSchema,
  complaintGetSchema,
  complaintListSchema,
  complaintUpdateSchema,
  type Complaint,
  type ComplaintDetail,
  type ComplaintPage,
  type Attachment,
} from './complaint.schema';
import {
  categorySaveSchema,
  departmentSaveSchema,
  listQuerySchema,
  staffSaveSchema,
  type Category,
  type Department,
  type Staff,
} from './directory.schema';
import { settingsUpdateSchema, setupSchema, type OfficeSettings } from './settings.schema';
import { attachmentAddSchema, attachmentRemoveSchema } from './attachment.schema';
import { LIFECYCLE_SCHEMAS } from './lifecycle.schema';
import {
  boardQuerySchema,
  deadlinePolicySchema,
  deadlinePreviewSchema,
  type Board,
  type DeadlineAlert,
  type DeadlinePolicySetting,
  type DeadlinePreview,
} from './deadline.schema';
import {
  blankFormPrintSchema,
  complaintFormPrintSchema,
  formCodesSchema,
  printIdSchema,
  printListSchema,
  type FormCodes,
  type PrintedPdf,
  type PrintRecord,
  type SavedPdf,
} from './print.schema';
import { monthlyReportInputSchema, registerPrintInputSchema } from './report.schema';
import { registerExportInputSchema, type RegisterExport } from './register-export.schema';
import {
  exportStartSchema,
  folderQuerySchema,
  importStartSchema,
  jobIdSchema,
  pickFolderSchema,
  type ExchangeDrive,
  type ExchangeFile,
  type ExchangeJob,
  type ImportRecord,
} from './exchange.schema';
import {
  addWorkingDaysSchema,
  calendarDaySchema,
  calendarFileSchema,
  calendarRemoveDaySchema,
  type AddWorkingDaysResult,
  type CalendarFile,
  type CalendarOverview,
} from './calendar.schema';
import type { OfficeInfo } from './exchange.schema';
import { officeDirectoryQuerySchema, type OfficeDirectory } from './office.schema';
import { keyed } from './error-texts';

/**
 * The kinds of data a channel reads or changes. The renderer keeps one cached query per read
 * channel; a write invalidates every read that shares a topic with it, and main bumps a topic's
 * version when something changes it behind the renderer's back (an import, the scheduler).
 */
export const DATA_TOPICS = ['office', 'directory', 'complaints', 'deadlines', 'policy', 'calendar', 'prints', 'forms', 'imports', 'exchangeJobs', 'files', 'clock'] as const;
export type DataTopic = (typeof DATA_TOPICS)[number];

/**
 * A read never changes data (ARCHITECTURE §10: the board and the alerts only look); a write may,
 * and names what. A write that changes nothing stored (a save dialog, a rendered file) names no topic.
 */
export type ChannelEffect = { kind: 'read'; reads: readonly DataTopic[] } | { kind: 'write'; changes: readonly DataTopic[] };

interface ChannelSpec<S extends z.ZodType, O, E extends ChannelEffect = ChannelEffect> {
  input: S;
  effect: E;
  /** Type-only marker for the reply; never read at run time. */
  output?: O;
}
/** A call that only reads `topics`: cached by the renderer, refreshed when they change. */
const read =
  <O>(...reads: DataTopic[]) =>
  <S extends z.ZodType>(input: S): ChannelSpec<S, O, { kind: 'read'; reads: readonly DataTopic[] }> => ({ input, effect: { kind: 'read', reads } });
/** A call that may change `topics`: every read of them is refreshed after it succeeds. */
const write =
  <O>(...changes: DataTopic[]) =>
  <S extends z.ZodType>(input: S): ChannelSpec<S, O, { kind: 'write'; changes: readonly DataTopic[] }> => ({ input, effect: { kind: 'write', changes } });

const noInput = z.object({}).strict().default({});

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  dataDir: string;
  /** True until the office name and code are set: the app then shows the first-run screen. */
  needsSetup: boolean;
}

export interface AppPulse {
  /** Changes when main restarts (its counters start again from 0). */
  bootId: string;
  versions: Record<DataTopic, number>;
  /** Main's clock (pinned in tests), as an ISO instant: time-derived display counts from it. */
  now: string;
}

/**
 * The bridge's contract: one entry per call, each taking one object argument. Main validates
 * every call with `input`; the renderer's forms use the same schemas through zodResolver.
 */
export const CONTRACT = {
  /** Version, transport and data location; whether the first-run setup is still due. */
  'app:info': read<AppInfo>('office')(noInput),
  /**
   * Polled by every window: main's clock and a counter per kind of data. A counter that moved means
   * that data changed (here, in another window, by an import or by the scheduler): refresh its screens.
   */
  'app:pulse': read<AppPulse>('clock')(noInput),
  /** First run: office name and code, plus the first receptionist. */
  'app:setup': write<OfficeSettings>('office', 'directory')(setupSchema),
  /** Office settings. */
  'settings:get': read<OfficeSettings>('office')(noInput),
  /** Change some office settings; absent keys stay as they are. */
  'settings:update': write<OfficeSettings>('office')(settingsUpdateSchema),
  /** Departments in their display order. */
  'departments:list': read<Department[]>('directory')(listQuerySchema),
  /** Add (no id) or change a department. */
  'departments:save': write<Department>('directory')(departmentSaveSchema),
  /** Complaint categories (procedure §3: an editable list). */
  'categories:list': read<Category[]>('directory')(listQuerySchema),
  /** Add (no id) or change a category. */
  'categories:save': write<Category>('directory')(categorySaveSchema),
  /** The staff directory, for receiver and handler fields. */
  'staff:list': read<Staff[]>('directory')(listQuerySchema),
  /** Add (no id) or change a staff member. */
  'staff:save': write<Staff>('directory')(staffSaveSchema),
  /** Record a new complaint (intake); numbers it `<office>-YYYYMMDD-NNN`. */
  'complaints:create': write<Complaint>('complaints', 'deadlines')(complaintCreateSchema),
  /** One complaint with its timeline and attachments. */
  'complaints:get': read<ComplaintDetail>('complaints', 'deadlines', 'directory', 'prints')(complaintGetSchema),
  /** Edit some fields; writes one timeline event with before → after. */
  'complaints:update': write<Complaint>('complaints', 'deadlines')(complaintUpdateSchema),
  /** The register: filters, free-text search, paging, sort. */
  'complaints:list': read<ComplaintPage>('complaints', 'directory')(complaintListSchema),
  /** Print a complaint's 投诉记录表 or 投诉处理记录表 as a new version; the renderer gets a preview URL. */
  'print:complaintForm': write<PrintedPdf>('prints')(complaintFormPrintSchema),
  /** 投诉记录表 for a period (A4 landscape), filtered like the register screen. */
  'print:register': write<PrintedPdf>()(registerPrintInputSchema),
  /** The same register as an .xlsx file (Chinese headers, every matching row); the renderer gets its download URL. */
  'register:exportXlsx': write<RegisterExport>()(registerExportInputSchema),
  /** 月度投诉统计报表 of one month, for head office. */
  'print:monthlyReport': write<PrintedPdf>()(monthlyReportInputSchema),
  /** A blank form to fill in by hand. */
  'print:blankForm': write<PrintedPdf>()(blankFormPrintSchema),
  /** A complaint's prints: versions, who printed them, which signed copies are back. */
  'print:history': read<PrintRecord[]>('prints')(printListSchema),
  /** Desktop: save a rendered PDF where the user chooses (main shows the dialog). */
  'print:save': write<SavedPdf>()(printIdSchema),
  /** Desktop: open a rendered PDF in the system's PDF viewer, to print it there. */
  'print:open': write<null>()(printIdSchema),
  /** Form control numbers and revisions (表单编号, 版本). */
  'forms:get': read<FormCodes>('forms')(noInput),
  /** Change the form control numbers. */
  'forms:update': write<FormCodes>('forms')(formCodesSchema),
  /** Attach a photo or scanned letter (JPEG, PNG, WebP, GIF or PDF); a signed print's scan marks that print signed. */
  'attachments:add': write<Attachment>('complaints', 'prints')(attachmentAddSchema),
  /** Detach a file from a complaint (the timeline keeps a record). */
  'attachments:remove': write<null>('complaints')(attachmentRemoveSchema),
  /** 派单: send the 投诉处理记录表 to the responsible department. */
  'lifecycle:dispatch': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.dispatch),
  /** 转派: within a round, to another department, with a reason; the new department signs for it. */
  'lifecycle:redispatch': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.redispatch),
  /** 签收: the department signs for it (who, when). */
  'lifecycle:signFor': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.signFor),
  /** 处理结果: measures, result, handler, completed at, compensation. */
  'lifecycle:recordResult': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.recordResult),
  /** 答复: the complainant was answered (when, how, what was said); completes the 答复 and 明确答复 deadlines. */
  'lifecycle:reply': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.reply),
  /** 回访: an unsatisfied complainant sends it back for a new round. */
  'lifecycle:followUp': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.followUp),
  /** A follow-up that cannot be done: reason and a supervisor's sign-off. */
  'lifecycle:followUpImpossible': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.followUpImpossible),
  /** 无效投诉, with its reason; the complainant is still to be told. */
  'lifecycle:markInvalid': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.markInvalid),
  /** The complainant was told why the complaint is invalid (when, how): closes it. */
  'lifecycle:notifyInvalid': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.notifyInvalid),
  /** 上报 to the supervisor, the director or the company. */
  'lifecycle:escalate': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.escalate),
  /** 总结与改进 of a major complaint. */
  'lifecycle:summarize': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.summarize),
  /** 挂起: the resolution clock stops until resumed. */
  'lifecycle:hold': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.hold),
  /** Resume a held complaint; the resolution deadline moves by the time held. */
  'lifecycle:resume': write<ComplaintDetail>('complaints', 'deadlines')(LIFECYCLE_SCHEMAS.resume),
  /** The deadlines a complaint would get, for the intake form before saving. */
  'deadlines:preview': read<DeadlinePreview>('policy', 'calendar', 'office')(deadlinePreviewSchema),
  /** The deadline policy in force and its version. */
  'deadlines:getPolicy': read<DeadlinePolicySetting>('policy')(noInput),
  /** Change the policy; applies to deadlines created from now on. */
  'deadlines:updatePolicy': write<DeadlinePolicySetting>('policy')(z.object({ policy: deadlinePolicySchema })),
  /** Deadlines overdue or due within the hour, for notifications (which ones depends on main's clock). */
  'deadlines:alerts': read<DeadlineAlert[]>('complaints', 'deadlines', 'clock')(noInput),
  /** The deadline board: 已逾期 / 今日到期 / 48小时内 / 正常. */
  'board:get': read<Board>('complaints', 'deadlines', 'directory')(boardQuerySchema),
  /** The working-day calendar: years, holidays, make-up workdays, missing-year banner. */
  'calendar:get': read<CalendarOverview>('calendar')(noInput),
  /** Add or change a holiday or make-up workday. */
  'calendar:saveDay': write<CalendarOverview>('calendar', 'deadlines')(calendarDaySchema),
  /** Remove a day from the calendar (it becomes an ordinary weekday or weekend). */
  'calendar:removeDay': write<CalendarOverview>('calendar', 'deadlines')(calendarRemoveDaySchema),
  /** Import a calendar file; each year in it replaces that year. */
  'calendar:import': write<CalendarOverview>('calendar', 'deadlines')(calendarFileSchema),
  /** The calendar as a file to save or share. */
  'calendar:export': read<CalendarFile>('calendar')(noInput),
  /** The settings calculator: a date plus N working days. */
  'calendar:addWorkingDays': read<AddWorkingDaysResult>('calendar')(addWorkingDaysSchema),
  /** USB exchange: places to write to or read from, removable drives first. */
  'exchange:drives': read<ExchangeDrive[]>('files')(noInput),
  /** The .cdx export files in a folder, newest first. */
  'exchange:files': read<ExchangeFile[]>('files')(folderQuerySchema),
  /** Start exporting to a folder (the stick); answers at once with the job to poll. */
  'exchange:export': write<{ jobId: string }>('exchangeJobs', 'files')(exportStartSchema),
  /** Start importing and merging .cdx files; answers at once with the job to poll. */
  'exchange:import': write<{ jobId: string }>('exchangeJobs')(importStartSchema),
  /** A job's step, progress and, when finished, its outcome. */
  'exchange:job': read<ExchangeJob>('exchangeJobs')(jobIdSchema),
  /** Ask a running job to stop; it reads `cancelled` once it has cleaned up. */
  'exchange:cancel': write<ExchangeJob>('exchangeJobs')(jobIdSchema),
  /** The import history, newest first. */
  'exchange:history': read<ImportRecord[]>('imports')(noInput),
  /** Desktop: choose a folder in the system dialog; null if cancelled. */
  'exchange:pickFolder': write<{ path: string | null }>()(pickFolderSchema),
  /** Desktop: choose .cdx files in the system dialog; empty if cancelled. */
  'exchange:pickFiles': write<{ paths: string[] }>()(noInput),
  /** Tests only: pin the clock (refused unless the process was started with COMPLAINT_DESK_TEST_CLOCK=1). */
  'clock:set': write<{ now: string }>('clock')(z.object({ now: z.iso.datetime({ offset: true, ...keyed('field.badFormat', { field: '时间' }) }).nullable() })),
  /** The offices whose records are here: this one first, then those merged from exports (head office). */
  'offices:list': read<OfficeInfo[]>('office', 'complaints')(noInput),
  /** One office's departments and categories, for the register's filters when that office is chosen. */
  'offices:directory': read<OfficeDirectory>('directory', 'complaints')(officeDirectoryQuerySchema),
} satisfies Record<ChannelName, ChannelSpec<z.ZodType, unknown>>;

// Compile-time check that CHANNEL_NAMES lists exactly the contract's keys.
type Contract = typeof CONTRACT;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchContract: Same<ChannelName, keyof Contract> = true;
void namesMatchContract;

export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Exclude<Contract[K]['output'], undefined>;
/** The channels that only read: the renderer caches each as a query keyed by [channel, input]. */
export type ReadChannel = { [K in ChannelName]: Contract[K]['effect'] extends { kind: 'read' } ? K : never }[ChannelName];
/** The channels that may change data: after one succeeds, the queries reading what it changes are refreshed. */
export type WriteChannel = Exclude<ChannelName, ReadChannel>;
