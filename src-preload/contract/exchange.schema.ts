import { z } from './zod';
import { idSchema } from './common.schema';
import { keyed, type ErrorKey } from './error-texts';
import type { KeyedText } from './texts';
import type { Term } from './terms';

/**
 * USB exchange with head office (issue 5): export this office's records to an encrypted .cdx file
 * on a stick, import the files of other offices and merge them. Both run as jobs in main: the call
 * that starts one answers at once with its id, the screen polls `exchange:job` for progress (the
 * same in Electron and web mode, which has no push channel) and may cancel it.
 */

export const MIN_PASSPHRASE_LENGTH = 8;

const passphraseSchema = z
  .string(keyed('field.required', { field: '口令' }))
  .min(MIN_PASSPHRASE_LENGTH, keyed('field.minChars', { field: '口令', min: MIN_PASSPHRASE_LENGTH }))
  .max(200, keyed('field.maxChars', { field: '口令', max: 200 }));

const folderSchema = z
  .string(keyed('field.choose', { field: '文件夹' }))
  .trim()
  .min(1, keyed('field.choose', { field: '文件夹' }))
  .max(1000, keyed('path.tooLong'));
const daySchema = (label: Term) =>
  z.string(keyed('field.required', { field: label })).regex(/^\d{4}-\d{2}-\d{2}$/, keyed('field.dateFormat', { field: label }));

export const exportStartSchema = z
  .object({
    actorId: idSchema('操作人'),
    folder: folderSchema,
    passphrase: passphraseSchema,
    /** Received dates, inclusive; both absent: the whole register. */
    from: daySchema('开始日期').optional(),
    to: daySchema('结束日期').optional(),
  })
  .refine((v) => (v.from === undefined) === (v.to === undefined), { ...keyed('export.rangeBothOrNone'), path: ['to'] })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { ...keyed('range.endBeforeStart'), path: ['to'] });
export type ExportStartInput = z.input<typeof exportStartSchema>;

export const importStartSchema = z.object({
  actorId: idSchema('操作人'),
  paths: z
    .array(z.string().trim().min(1, keyed('path.empty')).max(1000, keyed('path.tooLong')), keyed('import.chooseFiles'))
    .min(1, keyed('import.chooseFiles'))
    .max(200, keyed('import.tooManyFiles', { max: 200 })),
  passphrase: passphraseSchema,
});
export type ImportStartInput = z.input<typeof importStartSchema>;

export const jobIdSchema = z.object({ jobId: idSchema('任务') });
export const folderQuerySchema = z.object({ folder: folderSchema });
/** Desktop folder dialog: where an export goes, or where the files to import are (the title says which). */
export const pickFolderSchema = z.object({ purpose: z.enum(['export', 'import'], keyed('field.invalid', { field: '用途' })) });

/** What a place is: a removable drive, another disk, or one of the user's own folders (the screen names these). */
export type ExchangeDriveKind = 'removable' | 'fixed' | 'desktop' | 'documents' | 'home';

/** A place to write to or read from: removable drives first. */
export interface ExchangeDrive {
  path: string;
  /** As the system names it (volume label or mount folder name); for the user's folders their folder name. */
  label: string;
  kind: ExchangeDriveKind;
  removable: boolean;
  /** Free space in bytes; null when the system would not say. */
  freeBytes: number | null;
}

/** A .cdx file found in a folder. */
export interface ExchangeFile {
  path: string;
  name: string;
  bytes: number;
  /** Wall time `YYYY-MM-DD HH:mm` (office time zone). */
  modifiedAt: string;
}

export type ExchangeJobKind = 'export' | 'import';
export type ExchangeJobState = 'running' | 'done' | 'failed' | 'cancelled';

/**
 * What an import did with the rows of one table (or of all tables, or of several files). Every row
 * of a received file is exactly one of these, so per table they add up to the file's row count:
 * - new: its id was not here; written;
 * - updated: it replaced the row here with the same id (the received one was newer); written;
 * - unchanged: the row here is the same or newer, or the file was imported whole before; not written;
 * - refused: it breaks a rule (listed with the reason); not written.
 * Main counts them per table (merge.ts, import.service.ts); every other figure — a file's totals,
 * an office's, the summary line, the history row — is their sum through `sumMergeCounts`.
 */
export interface MergeCounts {
  new: number;
  updated: number;
  unchanged: number;
  refused: number;
}

export const MERGE_COUNT_KEYS = ['new', 'updated', 'unchanged', 'refused'] as const satisfies readonly (keyof MergeCounts)[];

/** The sum of some figures (tables of a file, files of an office, files of an import). */
export function sumMergeCounts(parts: readonly MergeCounts[]): MergeCounts {
  const total: MergeCounts = { new: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const part of parts) for (const key of MERGE_COUNT_KEYS) total[key] += part[key];
  return total;
}

export interface RefusedRecord {
  table: string;
  id: string;
  /** In Chinese: the field and why. */
  reason: string;
}

/** What one file did to this database. */
export interface MergeSummary {
  /** Id of its row in the import history. */
  importId: string;
  fileName: string;
  officeCode: string;
  officeName: string;
  /** Wall time of the export at the office. */
  exportedAt: string;
  /** Received dates the file covers. */
  range: { from: string; to: string; whole: boolean };
  totals: MergeCounts;
  /** Per table, in merge order (the directory, complaints, then their rows). */
  tables: (MergeCounts & { table: string })[];
  /** The refused rows (at most the first 200; `totals.refused` has the count). */
  refused: RefusedRecord[];
  /**
   * The same file (by its fingerprint) had been imported here before. Its figures are counted as
   * for any file: one imported whole before is recognised and every row is unchanged; one that had
   * refused rows is merged again, and may now add what was refused.
   */
  seenBefore: boolean;
}

/** One picked file: merged, or refused as a whole with the reason. */
export type ImportFileResult =
  | { path: string; fileName: string; ok: true; summary: MergeSummary }
  | { path: string; fileName: string; ok: false; message: string; messageText: KeyedText<ErrorKey> };

export interface ExportOutcome {
  path: string;
  fileName: string;
  fileBytes: number;
  officeCode: string;
  range: { from: string; to: string; whole: boolean };
  /** Rows per table in the file. */
  counts: Record<string, number>;
  /** Attachments whose bytes were missing from this computer's store (left out). */
  missingAttachmentFiles: number;
  /** Read back from the stick and verified: the screen may say it is safe to remove it. */
  verified: true;
}

export interface ExchangeJob {
  id: string;
  kind: ExchangeJobKind;
  state: ExchangeJobState;
  /** What it is doing now, in Chinese (for the progress bar's label). */
  step: string;
  /** 0…1. */
  fraction: number;
  /** When failed: why, in Chinese. */
  error?: string;
  /** The same as a key with parameters: the screen words it in the user's language. */
  errorText?: KeyedText<ErrorKey>;
  /** When failed because of one input (`folder`, `passphrase`…): the form shows the message there. */
  errorField?: string;
  export?: ExportOutcome;
  /** Import: one entry per file finished so far, in the order picked. */
  files?: ImportFileResult[];
}

/** A row of the import history. */
export interface ImportRecord {
  id: string;
  fileName: string;
  fingerprint: string;
  officeCode: string;
  officeName: string;
  exportedAt: string;
  range: { from: string; to: string; whole: boolean };
  /** Wall time. */
  importedAt: string;
  importedBy: string;
  totals: MergeCounts;
}

/** An office whose records are in this database: this one, and every office merged here. */
export interface OfficeInfo {
  code: string;
  name: string;
  /** This database's own office. */
  local: boolean;
  /** Wall time of the newest merged export; '' for the local office. */
  lastExportedAt: string;
  complaintCount: number;
}
