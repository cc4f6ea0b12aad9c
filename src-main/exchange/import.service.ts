/**
 * Import for head office (issue 5 points 2–3): each picked .cdx file is opened defensively
 * (import-open.ts: decrypted off the stick into a private copy, checked) and merged into this
 * database in one transaction (merge.ts); the import history keeps a row per imported file. A
 * file imported whole before is recognised and only read and checked again (recogniseWholeImport).
 * A file that is refused as a whole (wrong passphrase, damaged, hostile) changes nothing and the
 * next file is still tried.
 */
import { basename } from 'node:path';
import { errorText, type ImportFileResult, type MergeSummary } from '../../src-preload/contract';
import { drainSearchBacklog } from '../db/search-backlog';
import { AppError } from '../lib/app-error';
import { log } from '../lib/log';
import { requireActor } from '../services/actor';
import type { ServiceContext } from '../services/context';
import { getSettings } from '../services/settings.service';
import { readCdx, readCdxHead, type CdxHead } from './cdx-format';
import { ExchangeError, throwIfAborted } from './exchange-error';
import { NOTHING_WRITTEN, recordImport, tableCounts, wholeImportOf } from './import-history';
import { openImport, type ImportOpenPhase } from './import-open';
import { parseManifest } from './manifest';
import { mergeImport } from './merge';
import { snapshotSchema } from './snapshot-schema';
import { READ_IN_PARTS } from './worker/read-chunks';
import { runTask } from './worker/run-task';

export interface ImportRequest {
  actorId: string;
  paths: string[];
  passphrase: string;
}

export interface ImportProgress {
  /** Index of the file being worked on, in `paths`. */
  file: number;
  /** In Chinese, for the progress bar's label: 正在解密 / 正在检查 / 正在合并. */
  step: string;
  /** 0…1 over all files. */
  fraction: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Called as each file is finished (merged or refused), before the next one starts. */
  onFileDone?: (result: ImportFileResult) => void;
  signal?: AbortSignal;
  /** Tests only: see MergeOptions.checkHereUpTo. */
  checkHereUpTo?: number;
}

const OPEN_STEPS: Record<ImportOpenPhase, string> = { decrypt: '正在解密并校验', check: '正在检查数据库结构', hash: '正在核对内容' };
/** Share of one file's progress bar taken by opening it (decrypt + checks); the merge has the rest. */
const OPEN_SHARE = 0.4;

/** The background work after each database's last import (catchUpAfterImport). */
const catchingUp = new WeakMap<ServiceContext['db'], Promise<void>>();

export async function importFiles(ctx: ServiceContext, request: ImportRequest, options: ImportOptions = {}): Promise<ImportFileResult[]> {
  const actor = requireActor(ctx, request.actorId);
  const { signal } = options;
  const results: ImportFileResult[] = [];
  const count = request.paths.length;
  // The last import's background work first: its search entries would otherwise wait on this merge's write lock.
  const pending = catchingUp.get(ctx.db);
  if (pending) {
    options.onProgress?.({ file: 0, step: '正在完成上次导入的搜索索引…', fraction: 0 });
    await pending.catch(() => undefined);
  }
  /** Whether any file was merged (a recognised one leaves nothing to catch up on). */
  let merged = false;
  for (let index = 0; index < count; index++) {
    throwIfAborted(signal);
    const path = request.paths[index]!;
    const fileName = basename(path);
    const report = (step: string, fraction: number) =>
      options.onProgress?.({ file: index, step: `${fileName}：${step}`, fraction: (index + Math.min(1, fraction)) / count });
    let result: ImportFileResult;
    try {
      const started = performance.now();
      const head = await readCdxHead(path, request.passphrase);
      const onDecryptProgress = (done: number, total: number) => report(OPEN_STEPS.decrypt, total > 0 ? done / total : 1);
      const known = await recogniseWholeImport(ctx, path, head, { fileName, actorName: actor.name, signal, onProgress: onDecryptProgress });
      let summary = known;
      if (summary) {
        log.info(`import of ${fileName}: imported whole before, read and checked again in ${Math.round(performance.now() - started)} ms; nothing to merge`);
      } else {
        summary = await openAndMerge(ctx, path, head, { fileName, actorName: actor.name, signal, checkHereUpTo: options.checkHereUpTo, report });
        merged = true;
      }
      result = { path, fileName, ok: true, summary };
    } catch (error) {
      if (error instanceof ExchangeError && error.reason === 'CANCELLED') throw error;
      const refused = error instanceof AppError ? error : new AppError('INTERNAL', errorText('import.failed', { detail: (error as Error).message }));
      if (!(error instanceof AppError)) log.error(`import failed: ${path}`, error);
      result = { path, fileName, ok: false, message: refused.message, messageText: refused.text };
    }
    results.push(result);
    options.onFileDone?.(result);
  }
  if (merged) {
    catchUpAfterImport(ctx).catch((error: unknown) => {
      if (ctx.db.open) log.error('after the import: catching up failed', error);
    });
  }
  return results;
}

/** Decrypt, check and merge one file whose head has been read (import-open.ts, merge.ts). */
async function openAndMerge(
  ctx: ServiceContext,
  path: string,
  head: CdxHead,
  options: { fileName: string; actorName: string; signal?: AbortSignal; checkHereUpTo?: number; report: (step: string, fraction: number) => void },
): Promise<MergeSummary> {
  const { fileName, signal, report } = options;
  const openStarted = performance.now();
  const opened = await openImport(ctx.dataDir, path, head.key, {
    signal,
    // The GCM tags already authenticate every byte under the passphrase; the content hash is
    // checked by the round-trip tests, not on every import (at 100k complaints it costs seconds).
    verifyContentHash: false,
    onProgress: (phase, done, total) => report(OPEN_STEPS[phase], OPEN_SHARE * (total > 0 ? done / total : 1)),
  });
  const mergeStarted = performance.now();
  try {
    const summary = await mergeImport(ctx, opened, {
      actorName: options.actorName,
      fileName,
      signal,
      checkHereUpTo: options.checkHereUpTo,
      onProgress: (done, total) => report('正在合并', OPEN_SHARE + (1 - OPEN_SHARE) * (done / total)),
    });
    log.info(`import of ${fileName}: opened in ${Math.round(mergeStarted - openStarted)} ms, merged in ${Math.round(performance.now() - mergeStarted)} ms`);
    return summary;
  } finally {
    opened.close();
  }
}

/**
 * A file this database has imported whole before (nothing refused) can change nothing when imported
 * again: the merge only adds rows and replaces rows with newer ones, and never deletes, so every
 * row of that file is here or has been superseded since (a second merge would compare all its rows
 * to find that: seconds at 100k complaints). Such a file is still read whole and every tag checked,
 * so a damaged copy is refused as ever; then the history records the attempt and the summary
 * counts every row unchanged. Resolves undefined for any other file: it is imported as usual.
 * A file imported with refusals is merged again, since what refused a row may have changed here.
 */
async function recogniseWholeImport(
  ctx: ServiceContext,
  path: string,
  head: CdxHead,
  options: { fileName: string; actorName: string; signal?: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<MergeSummary | undefined> {
  const manifest = parseManifest(head.manifest);
  const fingerprint = manifest && wholeImportOf(ctx.db, manifest.exportId, manifest.office.code);
  if (!manifest || !fingerprint) return undefined;
  const read = await readCdx(path, head.key, { signal: options.signal, onProgress: options.onProgress, ...READ_IN_PARTS });
  if (read.fingerprint !== fingerprint) return undefined; // the same export id in another file: merge it
  throwIfAborted(options.signal);
  // Every row unchanged: the same figures a second merge of the file would have counted.
  const tables = snapshotSchema(manifest.schemaVersion).tables.map((table) => tableCounts(table, manifest.counts[table] ?? 0, NOTHING_WRITTEN));
  const file = { manifest, fingerprint, fileBytes: read.fileBytes, fileName: options.fileName };
  const outcome = { tables, refused: [], seenBefore: true, actorName: options.actorName, timeZone: getSettings(ctx).timeZone };
  return ctx.db.transaction(() => recordImport(ctx.db, file, outcome)).immediate();
}

/**
 * What a merge leaves for after its commit, in the background: the write-ahead log copied into the
 * database file (a worker thread; merge.ts keeps it out of the COMMIT), then the merged
 * complaints' search entries (search-backlog.ts; until then the register's search finds them by a
 * slower scan). One run per database at a time; resolves when both are done (the benchmark and
 * the tests wait for it, the desk does not).
 */
export function catchUpAfterImport(ctx: ServiceContext): Promise<void> {
  const running = catchingUp.get(ctx.db);
  if (running) return running.catch(() => undefined).then(() => catchUpAfterImport(ctx));
  const run = (async () => {
    const started = performance.now();
    // Busy (another checkpoint, e.g. a commit's automatic one, is running) or the app is closing:
    // nothing lost, SQLite checkpoints again later.
    const frames = await runTask('checkpoint', { file: ctx.db.name }).result.then(
      (r) => r.log,
      (error: Error) => {
        if (ctx.db.open) log.warn(`after the import: checkpoint skipped (${error.message})`);
        return 0;
      },
    );
    const checkpointed = performance.now();
    await drainSearchBacklog(ctx.db);
    log.info(`after the import: ${frames} log pages checkpointed in ${Math.round(checkpointed - started)} ms, search entries in ${Math.round(performance.now() - checkpointed)} ms`);
  })().finally(() => catchingUp.delete(ctx.db));
  catchingUp.set(ctx.db, run);
  return run;
}
