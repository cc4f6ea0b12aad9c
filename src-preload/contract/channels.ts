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

interface ChannelSpec<S extends z.ZodType, O> {
  input: S;
  /** Type-only marker for the reply; never read at run time. */
  output?: O;
}
const channel = <O>() => <S extends z.ZodType>(input: S): ChannelSpec<S, O> => ({ input });

const noInput = z.object({}).strict().default({});

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  dataDir: string;
  /** True until the office name and code are set: the app then shows the first-run screen. */
  needsSetup: boolean;
}

/**
 * The bridge's contract: one entry per call, each taking one object argument. Main validates
 * every call with `input`; the renderer's forms use the same schemas through zodResolver.
 */
export const CONTRACT = {
  /** Version, transport and data location; whether the first-run setup is still due. */
  'app:info': channel<AppInfo>()(noInput),
  /** First run: office name and code, plus the first receptionist. */
  'app:setup': channel<OfficeSettings>()(setupSchema),
  /** Office settings. */
  'settings:get': channel<OfficeSettings>()(noInput),
  /** Change some office settings; absent keys stay as they are. */
  'settings:update': channel<OfficeSettings>()(settingsUpdateSchema),
  /** Departments in their display order. */
  'departments:list': channel<Department[]>()(listQuerySchema),
  /** Add (no id) or change a department. */
  'departments:save': channel<Department>()(departmentSaveSchema),
  /** Complaint categories (procedure §3: an editable list). */
  'categories:list': channel<Category[]>()(listQuerySchema),
  /** Add (no id) or change a category. */
  'categories:save': channel<Category>()(categorySaveSchema),
  /** The staff directory, for receiver and handler fields. */
  'staff:list': channel<Staff[]>()(listQuerySchema),
  /** Add (no id) or change a staff member. */
  'staff:save': channel<Staff>()(staffSaveSchema),
  /** Record a new complaint (intake); numbers it `<office>-YYYYMMDD-NNN`. */
  'complaints:create': channel<Complaint>()(complaintCreateSchema),
  /** One complaint with its timeline and attachments. */
  'complaints:get': channel<ComplaintDetail>()(complaintGetSchema),
  /** Edit some fields; writes one timeline event with before → after. */
  'complaints:update': channel<Complaint>()(complaintUpdateSchema),
  /** The register: filters, free-text search, paging, sort. */
  'complaints:list': channel<ComplaintPage>()(complaintListSchema),
  /** Print a complaint's 投诉记录表 or 投诉处理记录表 as a new version; the renderer gets a preview URL. */
  'print:complaintForm': channel<PrintedPdf>()(complaintFormPrintSchema),
  /** 投诉记录表 for a period (A4 landscape), filtered like the register screen. */
  'print:register': channel<PrintedPdf>()(registerPrintInputSchema),
  /** The same register as an .xlsx file (Chinese headers, every matching row); the renderer gets its download URL. */
  'register:exportXlsx': channel<RegisterExport>()(registerExportInputSchema),
  /** 月度投诉统计报表 of one month, for head office. */
  'print:monthlyReport': channel<PrintedPdf>()(monthlyReportInputSchema),
  /** A blank form to fill in by hand. */
  'print:blankForm': channel<PrintedPdf>()(blankFormPrintSchema),
  /** A complaint's prints: versions, who printed them, which signed copies are back. */
  'print:history': channel<PrintRecord[]>()(printListSchema),
  /** Desktop: save a rendered PDF where the user chooses (main shows the dialog). */
  'print:save': channel<SavedPdf>()(printIdSchema),
  /** Desktop: open a rendered PDF in the system's PDF viewer, to print it there. */
  'print:open': channel<null>()(printIdSchema),
  /** Form control numbers and revisions (表单编号, 版本). */
  'forms:get': channel<FormCodes>()(noInput),
  /** Change the form control numbers. */
  'forms:update': channel<FormCodes>()(formCodesSchema),
  /** Attach a photo or scanned letter (JPEG, PNG, WebP, GIF or PDF). */
  'attachments:add': channel<Attachment>()(attachmentAddSchema),
  /** Detach a file from a complaint (the timeline keeps a record). */
  'attachments:remove': channel<null>()(attachmentRemoveSchema),
  /** 派单: send the 投诉处理记录表 to the responsible department. */
  'lifecycle:dispatch': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.dispatch),
  /** 签收: the department signs for it (who, when). */
  'lifecycle:signFor': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.signFor),
  /** 处理结果: measures, result, handler, completed at, compensation. */
  'lifecycle:recordResult': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.recordResult),
  /** 回访: an unsatisfied complainant sends it back for a new round. */
  'lifecycle:followUp': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.followUp),
  /** A follow-up that cannot be done: reason and a supervisor's sign-off. */
  'lifecycle:followUpImpossible': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.followUpImpossible),
  /** 无效投诉, with its reason; the complainant is still to be told. */
  'lifecycle:markInvalid': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.markInvalid),
  /** The complainant was told why the complaint is invalid (when, how): closes it. */
  'lifecycle:notifyInvalid': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.notifyInvalid),
  /** 上报 to the supervisor, the director or the company. */
  'lifecycle:escalate': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.escalate),
  /** 总结与改进 of a major complaint. */
  'lifecycle:summarize': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.summarize),
  /** 挂起: the resolution clock stops until resumed. */
  'lifecycle:hold': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.hold),
  /** Resume a held complaint; the resolution deadline moves by the time held. */
  'lifecycle:resume': channel<ComplaintDetail>()(LIFECYCLE_SCHEMAS.resume),
  /** The deadlines a complaint would get, for the intake form before saving. */
  'deadlines:preview': channel<DeadlinePreview>()(deadlinePreviewSchema),
  /** The deadline policy in force and its version. */
  'deadlines:getPolicy': channel<DeadlinePolicySetting>()(noInput),
  /** Change the policy; applies to deadlines created from now on. */
  'deadlines:updatePolicy': channel<DeadlinePolicySetting>()(z.object({ policy: deadlinePolicySchema })),
  /** Deadlines overdue or due within the hour, for notifications. */
  'deadlines:alerts': channel<DeadlineAlert[]>()(noInput),
  /** The deadline board: 已逾期 / 今日到期 / 48小时内 / 正常. */
  'board:get': channel<Board>()(boardQuerySchema),
  /** The working-day calendar: years, holidays, make-up workdays, missing-year banner. */
  'calendar:get': channel<CalendarOverview>()(noInput),
  /** Add or change a holiday or make-up workday. */
  'calendar:saveDay': channel<CalendarOverview>()(calendarDaySchema),
  /** Remove a day from the calendar (it becomes an ordinary weekday or weekend). */
  'calendar:removeDay': channel<CalendarOverview>()(calendarRemoveDaySchema),
  /** Import a calendar file; each year in it replaces that year. */
  'calendar:import': channel<CalendarOverview>()(calendarFileSchema),
  /** The calendar as a file to save or share. */
  'calendar:export': channel<CalendarFile>()(noInput),
  /** The settings calculator: a date plus N working days. */
  'calendar:addWorkingDays': channel<AddWorkingDaysResult>()(addWorkingDaysSchema),
  /** USB exchange: places to write to or read from, removable drives first. */
  'exchange:drives': channel<ExchangeDrive[]>()(noInput),
  /** The .cdx export files in a folder, newest first. */
  'exchange:files': channel<ExchangeFile[]>()(folderQuerySchema),
  /** Start exporting to a folder (the stick); answers at once with the job to poll. */
  'exchange:export': channel<{ jobId: string }>()(exportStartSchema),
  /** Start importing and merging .cdx files; answers at once with the job to poll. */
  'exchange:import': channel<{ jobId: string }>()(importStartSchema),
  /** A job's step, progress and, when finished, its outcome. */
  'exchange:job': channel<ExchangeJob>()(jobIdSchema),
  /** Ask a running job to stop; it reads `cancelled` once it has cleaned up. */
  'exchange:cancel': channel<ExchangeJob>()(jobIdSchema),
  /** The import history, newest first. */
  'exchange:history': channel<ImportRecord[]>()(noInput),
  /** Desktop: choose a folder in the system dialog; null if cancelled. */
  'exchange:pickFolder': channel<{ path: string | null }>()(pickFolderSchema),
  /** Desktop: choose .cdx files in the system dialog; empty if cancelled. */
  'exchange:pickFiles': channel<{ paths: string[] }>()(noInput),
  /** Tests only: pin the clock (refused unless the process was started with COMPLAINT_DESK_TEST_CLOCK=1). */
  'clock:set': channel<{ now: string }>()(z.object({ now: z.iso.datetime({ offset: true, error: '时间格式不正确' }).nullable() })),
  /** The offices whose records are here: this one first, then those merged from exports (head office). */
  'offices:list': channel<OfficeInfo[]>()(noInput),
  /** One office's departments and categories, for the register's filters when that office is chosen. */
  'offices:directory': channel<OfficeDirectory>()(officeDirectoryQuerySchema),
} satisfies Record<ChannelName, ChannelSpec<z.ZodType, unknown>>;

// Compile-time check that CHANNEL_NAMES lists exactly the contract's keys.
type Contract = typeof CONTRACT;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchContract: Same<ChannelName, keyof Contract> = true;
void namesMatchContract;

export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Exclude<Contract[K]['output'], undefined>;
