/**
 * Exports and imports run as jobs (issue 5): they take seconds to minutes (a large register, a
 * slow stick), longer than a bridge call should hold its answer. The call that starts one answers
 * at once with the job's id; the screen polls `exchange:job` for the step, the fraction and, at the
 * end, the outcome — the same in Electron and in web mode, which has no push channel — and may
 * cancel it.
 *
 * One exchange job at a time: two exports to one stick would race for the same file name, and an
 * import merging while an export snapshots would make the export's contents depend on timing.
 * Finished jobs are kept for a while, so a screen that comes back (or polls late) still reads the
 * outcome.
 */
import { statSync } from 'node:fs';
import { errorText, wordError, type DataTopic, type ErrorKey, type ExchangeJob, type ExchangeJobKind, type ExportOutcome, type ImportFileResult, type KeyedText, type Term } from '../../src-preload/contract';
import { AppError, refusal } from '../lib/app-error';
import { log } from '../lib/log';
import { ulid } from '../lib/ulid';
import type { ServiceContext } from '../services/context';
import { requireActor } from '../services/actor';
import { ExchangeError, exchangeErrors } from './exchange-error';
import { exportToFolder, type ExportOptions, type ExportPhase, type ExportRequest, type ExportResult } from './export.service';
import { importFiles, type ImportRequest } from './import.service';

/** How long a finished job can still be read. */
const KEEP_FINISHED_MS = 30 * 60_000;
/** …and how many finished ones at most (each import keeps its summaries). */
const KEEP_FINISHED_COUNT = 20;

/** The export's phases as the progress bar says them. */
export const EXPORT_STEPS: Record<ExportPhase, string> = {
  snapshot: '正在整理数据',
  attachments: '正在打包附件',
  hash: '正在计算校验值',
  encrypt: '正在加密写入',
  verify: '正在读回校验',
};
export const STEP_STARTING = '正在准备';
export const STEP_CANCELLING = '正在取消…';
export const STEP_DONE = '已完成';
export const STEP_FAILED = '未完成';
export const STEP_CANCELLED = '已取消';

const KIND_LABEL: Record<ExchangeJobKind, Term> = { export: '导出', import: '导入' };

export interface ExchangeJobsOptions {
  /** Replaced in tests: the services themselves, or stand-ins that control timing. */
  exportToFolder?: typeof exportToFolder;
  importFiles?: typeof importFiles;
  /** Extra export options (tests pass cheap scrypt parameters). */
  exportOptions?: Pick<ExportOptions, 'kdf' | 'chunkBytes'>;
  /** Milliseconds; tests move it to expire finished jobs. */
  now?: () => number;
  /** Told what an import merged (and that an export wrote a file), so every window refreshes. */
  onDataChanged?: (topics: readonly DataTopic[]) => void;
}

/** What merging another office's file can change here. */
const IMPORTED_TOPICS: readonly DataTopic[] = ['complaints', 'deadlines', 'directory', 'prints', 'imports', 'office'];

export interface ExportJobInput {
  actorId: string;
  folder: string;
  passphrase: string;
  range?: { from: string; to: string };
}

export interface ExchangeJobs {
  startExport(input: ExportJobInput): { jobId: string };
  startImport(input: ImportRequest): { jobId: string };
  get(jobId: string): ExchangeJob;
  /** Asks the running job to stop; it reads `cancelled` once its files are cleaned up. */
  cancel(jobId: string): ExchangeJob;
  /** At shutdown: stop whatever runs (the export removes its part file, the import rolls back). */
  abortAll(): void;
}

interface Entry {
  job: ExchangeJob;
  controller: AbortController;
  finishedAt?: number;
}

/** What the import screen and the history say about a refused file, from its error. */
function messageOf(error: unknown): { message: string; text: KeyedText<ErrorKey>; field?: string } {
  const refused = error instanceof AppError ? error : refusal('INTERNAL', 'exchange.failed');
  return { message: refused.message, text: refused.text, field: refused.field };
}

function outcomeOf(result: ExportResult): ExportOutcome {
  const { manifest } = result;
  return {
    path: result.path,
    fileName: result.fileName,
    fileBytes: result.fileBytes,
    officeCode: manifest.office.code,
    range: manifest.range,
    counts: manifest.counts,
    missingAttachmentFiles: manifest.missingAttachmentFiles.length,
    verified: true,
  };
}

/** A cancelled import keeps what it finished: every file is merged in its own transaction. */
function importCancelled(files: readonly ImportFileResult[]): KeyedText<ErrorKey> {
  const merged = files.filter((f) => f.ok).length;
  return merged > 0 ? errorText('import.cancelledSome', { merged }) : errorText('import.cancelledNone');
}

export function createExchangeJobs(ctx: ServiceContext, options: ExchangeJobsOptions = {}): ExchangeJobs {
  const runExport = options.exportToFolder ?? exportToFolder;
  const runImport = options.importFiles ?? importFiles;
  const now = options.now ?? Date.now;
  const jobs = new Map<string, Entry>();

  /** Forget finished jobs past their time (and the oldest beyond the count). */
  function prune(): void {
    const finished = [...jobs.values()].filter((e) => e.finishedAt !== undefined);
    const cutoff = now() - KEEP_FINISHED_MS;
    finished.forEach((e, i) => {
      if (e.finishedAt! < cutoff || i < finished.length - KEEP_FINISHED_COUNT) jobs.delete(e.job.id);
    });
  }

  function refuseIfBusy(): void {
    const running = [...jobs.values()].find((e) => e.job.state === 'running');
    if (running) {
      throw refusal('CONFLICT', 'exchange.busy', { job: KIND_LABEL[running.job.kind], step: running.job.step, percent: Math.round(running.job.fraction * 100) });
    }
  }

  function begin(kind: ExchangeJobKind): Entry {
    prune();
    refuseIfBusy();
    const entry: Entry = { job: { id: ulid(), kind, state: 'running', step: STEP_STARTING, fraction: 0 }, controller: new AbortController() };
    if (kind === 'import') entry.job.files = [];
    jobs.set(entry.job.id, entry);
    return entry;
  }

  function progress(entry: Entry, step: string, fraction: number): void {
    if (entry.job.state !== 'running' || entry.controller.signal.aborted) return; // "正在取消…" stays until it has stopped
    entry.job.step = step;
    entry.job.fraction = Math.max(entry.job.fraction, Math.min(1, fraction)); // never backwards
  }

  function finish(entry: Entry, patch: Partial<ExchangeJob>): void {
    Object.assign(entry.job, patch);
    entry.finishedAt = now();
    // Every file of an import commits on its own, so even a failed or cancelled one may have merged some.
    options.onDataChanged?.(entry.job.kind === 'import' ? IMPORTED_TOPICS : ['files']);
  }

  function fail(entry: Entry, error: unknown): void {
    const cancelled = (error instanceof ExchangeError && error.reason === 'CANCELLED') || entry.controller.signal.aborted;
    if (cancelled) {
      const text = entry.job.kind === 'import' ? importCancelled(entry.job.files ?? []) : exchangeErrors.cancelled().text;
      finish(entry, { state: 'cancelled', step: STEP_CANCELLED, error: wordError('zh-CN', text), errorText: text });
      log.info(`exchange ${entry.job.kind} ${entry.job.id} cancelled`);
      return;
    }
    if (!(error instanceof AppError)) log.error(`exchange ${entry.job.kind} ${entry.job.id} failed`, error);
    const { message, text, field } = messageOf(error);
    const failed = { state: 'failed', step: STEP_FAILED, error: message, errorText: text } as const;
    finish(entry, field ? { ...failed, errorField: field } : failed);
  }

  return {
    startExport(input) {
      requireActor(ctx, input.actorId);
      // Said at once on the form, not as a failed job: the stick was pulled or the path mistyped.
      if (!isFolder(input.folder)) throw exchangeErrors.invalid('folder', 'exchange.folderMissing');
      const entry = begin('export');
      const request: ExportRequest = input.range ? { folder: input.folder, passphrase: input.passphrase, range: input.range } : { folder: input.folder, passphrase: input.passphrase };
      log.info(`exchange export ${entry.job.id} started`, { folder: input.folder, range: input.range ?? 'whole', actorId: input.actorId });
      void runExport(ctx, request, {
        ...options.exportOptions,
        signal: entry.controller.signal,
        onProgress: (p) => progress(entry, EXPORT_STEPS[p.phase], p.fraction),
      }).then(
        (result) => finish(entry, { state: 'done', step: STEP_DONE, fraction: 1, export: outcomeOf(result) }),
        (error: unknown) => fail(entry, error),
      );
      return { jobId: entry.job.id };
    },

    startImport(input) {
      requireActor(ctx, input.actorId);
      const entry = begin('import');
      const total = input.paths.length;
      log.info(`exchange import ${entry.job.id} started`, { files: total, actorId: input.actorId });
      void runImport(ctx, input, {
        signal: entry.controller.signal,
        // The service's step names the file; with several, say which one of how many.
        onProgress: (p) => progress(entry, total > 1 ? `第 ${p.file + 1}/${total} 个文件 · ${p.step}` : p.step, p.fraction),
        onFileDone: (result) => {
          entry.job.files = [...(entry.job.files ?? []), result];
          options.onDataChanged?.(IMPORTED_TOPICS);
        },
      }).then(
        (results) => finish(entry, { state: 'done', step: STEP_DONE, fraction: 1, files: results }),
        (error: unknown) => fail(entry, error),
      );
      return { jobId: entry.job.id };
    },

    get(jobId) {
      prune();
      const entry = jobs.get(jobId);
      if (!entry) throw refusal('NOT_FOUND', 'exchange.jobNotFound');
      return structuredClone(entry.job);
    },

    cancel(jobId) {
      const entry = jobs.get(jobId);
      if (!entry) throw refusal('NOT_FOUND', 'exchange.jobNotFound');
      if (entry.job.state === 'running' && !entry.controller.signal.aborted) {
        entry.job.step = STEP_CANCELLING;
        entry.controller.abort();
      }
      return structuredClone(entry.job);
    },

    abortAll() {
      for (const entry of jobs.values()) if (entry.job.state === 'running') entry.controller.abort();
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
