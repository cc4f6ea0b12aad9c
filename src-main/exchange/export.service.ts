/**
 * Export for head office (issue 5 point 1): the whole register or a received-date range as one
 * encrypted file `<office code>-<from>-<to>.cdx` in a chosen folder (a USB stick).
 *
 *   snapshot (exchange-tmp/, plaintext, never on the stick) ─┐
 *   scrypt key (thread pool, meanwhile) ─────────────────────┴─► encrypt to `.<name>.<id>.part` on the
 *   stick ─► fsync ─► rename to `<name>` ─► fsync the folder ─► read back every chunk and verify
 *
 * Only after the read-back does this resolve, so the screen can say the stick may be removed (the
 * read-back goes through the OS cache: it proves what was handed to the stick after fsync, not what
 * a lying stick keeps; only a re-read after re-plugging can show that). A
 * cancel, a failure or a failed read-back leaves no file under the final name (the part file is
 * removed too; a pulled stick may keep a `.part` file, never a `.cdx` that looks whole).
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toWallTime } from '../../src-preload/contract/wall-time';
import { MIN_PASSPHRASE_LENGTH } from '../../src-preload/contract/exchange.schema';
import { now } from '../lib/clock';
import { log } from '../lib/log';
import { ulid } from '../lib/ulid';
import { APP_VERSION } from '../lib/version';
import type { ServiceContext } from '../services/context';
import { getSettings } from '../services/settings.service';
import { CDX_EXTENSION, CDX_FORMAT_VERSION, DEFAULT_CHUNK_BYTES, newCdxKey, readCdx, writeCdx, type ScryptParams } from './cdx-format';
import { CONTENT_HASH_ALGORITHM } from './content-hash';
import { ExchangeError, exchangeErrors, ioError, throwIfAborted } from './exchange-error';
import { exchangeTempFile, syncDirectory } from './exchange-temp';
import { MANIFEST_KIND, type ExportManifest } from './manifest';
import { buildSnapshot, type DateRange } from './snapshot';

export interface ExportRequest {
  /** Folder to write to (the stick), already chosen in a dialog. */
  folder: string;
  passphrase: string;
  /** Received dates, inclusive; absent: the whole register. */
  range?: DateRange;
}

export type ExportPhase = 'snapshot' | 'attachments' | 'hash' | 'encrypt' | 'verify';

export interface ExportProgress {
  phase: ExportPhase;
  /** 0…1 over the whole export. */
  fraction: number;
}

export interface ExportOptions {
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** Tests use cheaper scrypt parameters; the app never passes this. */
  kdf?: ScryptParams;
  chunkBytes?: number;
}

export interface ExportResult {
  path: string;
  fileName: string;
  fileBytes: number;
  /** Identifies this file (cdx-format.ts): the import history keeps it. */
  fingerprint: string;
  manifest: ExportManifest;
  /** Milliseconds per step, for the benchmark and the log. */
  timings: { snapshot: number; encrypt: number; verify: number; total: number };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YGHA-20261101-20261130.cdx`: office code, first and last received day. */
export function exportFileName(officeCode: string, from: string, to: string): string {
  return `${officeCode}-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}${CDX_EXTENSION}`;
}

/**
 * Where each phase sits on the progress bar: roughly its share of the time at 10k complaints
 * without photos (copy 25 %, content hash 60 %, encrypt + fsync 11 %, read-back 4 %), with some room
 * for attachments, which make the encrypt and read-back phases longer in a real office.
 */
const PHASES: Record<ExportPhase, [number, number]> = {
  snapshot: [0, 0.25],
  attachments: [0.25, 0.35],
  hash: [0.35, 0.8],
  encrypt: [0.8, 0.95],
  verify: [0.95, 1],
};

const isRealDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

function checkRequest(request: ExportRequest): void {
  if ([...request.passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw exchangeErrors.invalid('passphrase', `导出口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符`);
  }
  const { range } = request;
  if (range) {
    if (!isRealDay(range.from) || !isRealDay(range.to)) throw exchangeErrors.invalid('range', '日期格式应为 YYYY-MM-DD');
    if (range.from > range.to) throw exchangeErrors.invalid('range', '开始日期不能晚于结束日期');
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(request.folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw exchangeErrors.invalid('folder', '找不到所选文件夹，U 盘可能已被拔出');
}

export async function exportToFolder(ctx: ServiceContext, request: ExportRequest, options: ExportOptions = {}): Promise<ExportResult> {
  const started = performance.now();
  checkRequest(request);
  const settings = getSettings(ctx);
  if (!settings.officeCode) throw exchangeErrors.invalid('office', '请先完成初始设置（服务中心名称和代码）再导出');
  const { signal } = options;
  const progress = (phase: ExportPhase, done: number, total: number) => {
    const [lo, hi] = PHASES[phase];
    options.onProgress?.({ phase, fraction: lo + (hi - lo) * (total > 0 ? Math.min(1, done / total) : 1) });
  };

  // scrypt takes ~100–300 ms on the thread pool: let it run while the snapshot is built.
  const keyPromise = newCdxKey(request.passphrase, options.kdf);
  keyPromise.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const snapshotPath = exchangeTempFile(ctx.dataDir, 'export');
  let partPath: string | undefined;
  /** Set once our file is under the final name and until it has verified: removed if anything fails. */
  let unverifiedPath: string | undefined;
  try {
    const snapshot = await buildSnapshot(ctx.db.name, snapshotPath, {
      dataDir: ctx.dataDir,
      officeCode: settings.officeCode,
      range: request.range,
      signal,
      onProgress: (phase, done, total) => progress(phase === 'copy' ? 'snapshot' : phase, done, total),
    });
    const snapshotDone = performance.now();

    const exportedAt = now();
    const today = toWallTime(exportedAt, settings.timeZone).slice(0, 10);
    const range = request.range
      ? { ...request.range, whole: false }
      : { from: snapshot.firstReceived ?? today, to: snapshot.lastReceived && snapshot.lastReceived > today ? snapshot.lastReceived : today, whole: true };
    const manifest: ExportManifest = {
      kind: MANIFEST_KIND,
      formatVersion: CDX_FORMAT_VERSION,
      appVersion: APP_VERSION,
      schemaVersion: snapshot.schemaVersion,
      exportId: ulid(exportedAt.getTime()),
      office: { code: settings.officeCode, name: settings.officeName, timeZone: settings.timeZone },
      exportedAt: exportedAt.toISOString(),
      range,
      counts: snapshot.counts,
      contentHash: { algorithm: CONTENT_HASH_ALGORITHM, value: snapshot.contentHash },
      missingAttachmentFiles: snapshot.missingAttachmentFiles,
      snapshotBytes: snapshot.bytes,
    };
    const fileName = exportFileName(settings.officeCode, range.from, range.to);
    const finalPath = join(request.folder, fileName);
    partPath = join(request.folder, `.${fileName}.${randomBytes(4).toString('hex')}.part`);

    const key = await keyPromise;
    throwIfAborted(signal);
    const written = await writeCdx(snapshotPath, partPath, manifest, key, {
      signal,
      chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
      onProgress: (done, total) => progress('encrypt', done, total),
    });
    await rm(snapshotPath, { force: true });
    throwIfAborted(signal);
    try {
      await rename(partPath, finalPath);
    } catch (error) {
      throw ioError(error, 'folder');
    }
    partPath = undefined;
    unverifiedPath = finalPath;
    await syncDirectory(request.folder);
    const encryptDone = performance.now();

    // Read the file back from the stick: every chunk's tag, the manifest and the fingerprint.
    try {
      const read = await readCdx(finalPath, key, { signal, onProgress: (done, total) => progress('verify', done, total) });
      throwIfAborted(signal); // a cancel on the last chunk's progress still means "no export"
      if (read.fingerprint !== written.fingerprint || read.fileBytes !== written.fileBytes || JSON.stringify(read.manifest) !== JSON.stringify(manifest)) {
        throw exchangeErrors.verifyFailed();
      }
    } catch (error) {
      if (error instanceof ExchangeError && error.reason === 'CANCELLED') throw error;
      log.error(`export read-back failed: ${finalPath}`, error);
      throw exchangeErrors.verifyFailed();
    }
    const done = performance.now();
    const result: ExportResult = {
      path: finalPath,
      fileName,
      fileBytes: written.fileBytes,
      fingerprint: written.fingerprint,
      manifest,
      timings: { snapshot: snapshotDone - started, encrypt: encryptDone - snapshotDone, verify: done - encryptDone, total: done - started },
    };
    unverifiedPath = undefined; // verified: it stays
    log.info(`export written and verified: ${result.path}`, { counts: manifest.counts, bytes: result.fileBytes, ms: Math.round(result.timings.total) });
    return result;
  } finally {
    await rm(snapshotPath, { force: true }).catch(() => undefined);
    if (partPath) await rm(partPath, { force: true }).catch(() => undefined);
    if (unverifiedPath) await rm(unverifiedPath, { force: true }).catch(() => undefined);
  }
}
