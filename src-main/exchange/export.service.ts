/**
 * Export for head office (issue 5 point 1): the whole register or a received-date range as one
 * encrypted file `<office code>-<from>-<to>.cdx` in a chosen folder (a USB stick).
 *
 *   snapshot copy (exchange-tmp/, plaintext, never on the stick) ─► encrypt the body into
 *   `.<name>.<id>.part` on the stick ─► fsync ─► read back every chunk and check its tag ─┐
 *   content hash (worker threads, from the start of the copy) ─────────────────────────────┤
 *   scrypt key (thread pool, during the copy) ─────────────────────────────────────────────┘
 *   ─► manifest into the place kept for it ─► fsync ─► rename to `<name>` ─► fsync the folder
 *   ─► read back the header and manifest
 *
 * The manifest carries the content hash, whose length is known before its value: the header keeps
 * its place, so encrypting and reading back the body need not wait for the hash (at 100k
 * complaints the hash, on two worker threads, and the copy → encrypt → read-back chain take
 * about as long).
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
import { getFormCodes } from '../services/print.service';
import { getSettings } from '../services/settings.service';
import { CDX_EXTENSION, CDX_FORMAT_VERSION, DEFAULT_CHUNK_BYTES, newCdxKey, PendingManifest, readCdxHead, writeCdx, type ScryptParams } from './cdx-format';
import { CONTENT_HASH_ALGORITHM, CONTENT_HASH_HEX_LENGTH } from './content-hash';
import { ExchangeError, exchangeErrors, ioError, throwIfAborted } from './exchange-error';
import { exchangeTempFile, syncDirectory } from './exchange-temp';
import { MANIFEST_KIND, type ExportManifest } from './manifest';
import { buildSnapshot, type DateRange } from './snapshot';
import { READ_IN_PARTS } from './worker/read-chunks';

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
  /**
   * Milliseconds, for the benchmark and the log: the snapshot copy; from there until the file is
   * under its final name (encrypt, fsync, read back the body, wait for the content hash, manifest,
   * fsync, rename), of which `hashWaited` waiting for the hash; the head's read-back; in all.
   */
  timings: { copy: number; written: number; hashWaited: number; verify: number; total: number };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YGHA-20261101-20261130.cdx`: office code, first and last received day. */
export function exportFileName(officeCode: string, from: string, to: string): string {
  return `${officeCode}-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}${CDX_EXTENSION}`;
}

/**
 * Each phase's share of the progress bar, roughly its share of the time at 100k complaints
 * without photos, with some room for attachments. The content hash runs beside the other phases
 * (on a worker), so the bar is the sum of each phase's share times how far it has got.
 */
const SHARES: Record<ExportPhase, number> = { snapshot: 0.3, attachments: 0.05, encrypt: 0.15, verify: 0.1, hash: 0.4 };
const PHASE_ORDER = Object.keys(SHARES) as ExportPhase[];

const isRealDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

function checkRequest(request: ExportRequest): void {
  if ([...request.passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw exchangeErrors.invalid('passphrase', 'export.passphraseShort', { min: MIN_PASSPHRASE_LENGTH });
  }
  const { range } = request;
  if (range) {
    if (!isRealDay(range.from) || !isRealDay(range.to)) throw exchangeErrors.invalid('range', 'field.dateFormat', { field: '日期' });
    if (range.from > range.to) throw exchangeErrors.invalid('range', 'range.startAfterEnd');
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(request.folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw exchangeErrors.invalid('folder', 'exchange.folderGone');
}

export async function exportToFolder(ctx: ServiceContext, request: ExportRequest, options: ExportOptions = {}): Promise<ExportResult> {
  const started = performance.now();
  checkRequest(request);
  const settings = getSettings(ctx);
  if (!settings.officeCode) throw exchangeErrors.invalid('office', 'export.officeNotSetUp');
  const { signal } = options;
  const reached = Object.fromEntries(PHASE_ORDER.map((p) => [p, 0])) as Record<ExportPhase, number>;
  /** The label: the phase of the copy → encrypt → read-back chain; the hash once only it is left. */
  let shown: ExportPhase = 'snapshot';
  const progress = (phase: ExportPhase, done: number, total: number) => {
    reached[phase] = Math.max(reached[phase], total > 0 ? Math.min(1, done / total) : 1);
    if (phase !== 'hash') shown = phase;
    options.onProgress?.({ phase: shown, fraction: PHASE_ORDER.reduce((sum, p) => sum + SHARES[p] * reached[p], 0) });
  };

  // scrypt takes ~100–300 ms on the thread pool: let it run while the snapshot is built.
  const keyPromise = newCdxKey(request.passphrase, options.kdf);
  keyPromise.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const snapshotPath = exchangeTempFile(ctx.dataDir, 'export');
  let partPath: string | undefined;
  /** Set once our file is under the final name and until it has verified: removed if anything fails. */
  let unverifiedPath: string | undefined;
  let stopHashing: () => void = () => undefined;
  try {
    const snapshot = await buildSnapshot(ctx.db.name, snapshotPath, {
      dataDir: ctx.dataDir,
      officeCode: settings.officeCode,
      range: request.range,
      signal,
      onProgress: (phase, done, total) => progress(phase === 'copy' ? 'snapshot' : phase, done, total),
    });
    stopHashing = snapshot.stopHashing;
    const copied = performance.now();

    const exportedAt = now();
    const today = toWallTime(exportedAt, settings.timeZone).slice(0, 10);
    const range = request.range
      ? { ...request.range, whole: false }
      : { from: snapshot.firstReceived ?? today, to: snapshot.lastReceived && snapshot.lastReceived > today ? snapshot.lastReceived : today, whole: true };
    const exportId = ulid(exportedAt.getTime());
    const formCodes = getFormCodes(ctx);
    const manifestWith = (contentHash: string): ExportManifest => ({
      kind: MANIFEST_KIND,
      formatVersion: CDX_FORMAT_VERSION,
      appVersion: APP_VERSION,
      schemaVersion: snapshot.schemaVersion,
      exportId,
      office: { code: settings.officeCode, name: settings.officeName, timeZone: settings.timeZone },
      formCodes,
      exportedAt: exportedAt.toISOString(),
      range,
      counts: snapshot.counts,
      contentHash: { algorithm: CONTENT_HASH_ALGORITHM, value: contentHash },
      missingAttachmentFiles: snapshot.missingAttachmentFiles,
      snapshotBytes: snapshot.bytes,
    });
    // The hash's length is fixed (hex SHA-512), so the manifest's is known before its value.
    const manifestBytes = Buffer.byteLength(JSON.stringify(manifestWith('0'.repeat(CONTENT_HASH_HEX_LENGTH))), 'utf8');
    let hashWaited = 0;
    const pendingManifest = new PendingManifest(manifestBytes, async () => {
      const waiting = performance.now();
      shown = 'hash';
      const manifest = manifestWith(await snapshot.contentHash);
      progress('hash', 1, 1);
      hashWaited = performance.now() - waiting;
      return manifest;
    });
    const fileName = exportFileName(settings.officeCode, range.from, range.to);
    const finalPath = join(request.folder, fileName);
    partPath = join(request.folder, `.${fileName}.${randomBytes(4).toString('hex')}.part`);

    const key = await keyPromise;
    throwIfAborted(signal);
    const written = await writeCdx(snapshotPath, partPath, pendingManifest, key, {
      signal,
      chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
      onProgress: (done, total) => progress('encrypt', done, total),
      // Every chunk read back from the stick once it is there, while the hash is still computing:
      // in halves on worker threads, which take whatever core the hashing leaves, and keep the
      // decrypted megabytes out of this thread's heap (its garbage collections cost the most).
      readBack: { ...READ_IN_PARTS, onProgress: (done, total) => progress('verify', done, total) },
    });
    const manifest = written.manifest as ExportManifest;
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
    const renamed = performance.now();

    // Under its final name: the header and manifest read back (the body's chunks were, before the manifest went in).
    try {
      const read = await readCdxHead(finalPath, key);
      progress('verify', 1, 1);
      throwIfAborted(signal);
      if (!read.head.equals(written.head) || read.fileBytes !== written.fileBytes || JSON.stringify(read.manifest) !== JSON.stringify(manifest)) {
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
      timings: { copy: copied - started, written: renamed - copied, hashWaited, verify: done - renamed, total: done - started },
    };
    unverifiedPath = undefined; // verified: it stays
    log.info(`export written and verified: ${result.path}`, { counts: manifest.counts, bytes: result.fileBytes, ms: Math.round(result.timings.total) });
    return result;
  } finally {
    stopHashing();
    await rm(snapshotPath, { force: true }).catch(() => undefined);
    if (partPath) await rm(partPath, { force: true }).catch(() => undefined);
    if (unverifiedPath) await rm(unverifiedPath, { force: true }).catch(() => undefined);
  }
}
