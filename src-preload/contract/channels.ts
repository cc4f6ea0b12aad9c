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
  /** Attach a photo or scanned letter (JPEG, PNG, WebP, GIF or PDF). */
  'attachments:add': channel<Attachment>()(attachmentAddSchema),
  /** Detach a file from a complaint (the timeline keeps a record). */
  'attachments:remove': channel<null>()(attachmentRemoveSchema),
} satisfies Record<ChannelName, ChannelSpec<z.ZodType, unknown>>;

// Compile-time check that CHANNEL_NAMES lists exactly the contract's keys.
type Contract = typeof CONTRACT;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchContract: Same<ChannelName, keyof Contract> = true;
void namesMatchContract;

export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Exclude<Contract[K]['output'], undefined>;
