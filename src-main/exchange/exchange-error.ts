import { errorText, type AppErrorCode, type ErrorArgs, type ErrorKey, type KeyedText } from '../../src-preload/contract';
import { AppError } from '../lib/app-error';

/**
 * Why an export or an import was refused, for code (tests, the import summary); the user reads the
 * message. Every refusal leaves nothing behind: no file under the export's final name, nothing
 * imported.
 */
export type ExchangeRefusal =
  | 'NOT_CDX' // the file does not start with the .cdx magic
  | 'TRUNCATED' // shorter than its header says: pulled out while copying
  | 'WRONG_PASSPHRASE_OR_CORRUPT' // the manifest's tag failed: wrong passphrase, or the header/manifest was changed
  | 'CORRUPT' // passphrase right, but a body chunk failed its tag, or the file is longer than it should be
  | 'FORMAT_TOO_NEW' // container format version above ours
  | 'NOT_SNAPSHOT' // decrypted payload is not a SQLite database of ours
  | 'SCHEMA_TOO_NEW' // snapshot from a newer app (user_version above ours)
  | 'SCHEMA_UNSUPPORTED' // snapshot from an app older than the oldest export we accept
  | 'SCHEMA_MISMATCH' // tables, indexes, triggers or views differ from the DDL our migrations produce
  | 'CONTENT_MISMATCH' // counts, content hash or attachment bytes differ from the manifest
  | 'CANCELLED'
  | 'VERIFY_FAILED' // the export read back from the stick did not verify
  | 'INVALID_REQUEST' // passphrase too short, bad range, folder missing, office not set up
  | 'IO'; // the disk or stick refused a read or write

/**
 * The contract has no code for "refused file" or "cancelled" yet; until it does, refusals travel as
 * VALIDATION (the user must act: other passphrase, other file) and I/O trouble as INTERNAL.
 */
const CODES: Record<ExchangeRefusal, AppErrorCode> = {
  NOT_CDX: 'VALIDATION',
  TRUNCATED: 'VALIDATION',
  WRONG_PASSPHRASE_OR_CORRUPT: 'VALIDATION',
  CORRUPT: 'VALIDATION',
  FORMAT_TOO_NEW: 'VALIDATION',
  NOT_SNAPSHOT: 'VALIDATION',
  SCHEMA_TOO_NEW: 'VALIDATION',
  SCHEMA_UNSUPPORTED: 'VALIDATION',
  SCHEMA_MISMATCH: 'VALIDATION',
  CONTENT_MISMATCH: 'VALIDATION',
  CANCELLED: 'VALIDATION',
  VERIFY_FAILED: 'INTERNAL',
  INVALID_REQUEST: 'VALIDATION',
  IO: 'INTERNAL',
};

export class ExchangeError extends AppError {
  constructor(
    readonly reason: ExchangeRefusal,
    text: KeyedText<ErrorKey>,
    field?: string,
  ) {
    super(CODES[reason], text, field);
    this.name = 'ExchangeError';
  }
}

/**
 * The refusals the desk shows, in one place (their words are in error-texts.ts). A `detail` is
 * main's own Chinese account of what was wrong (for the log and the Chinese message); the English
 * leaves it out.
 */
export const exchangeErrors = {
  notCdx: () => new ExchangeError('NOT_CDX', errorText('cdx.notCdx'), 'file'),
  truncated: () => new ExchangeError('TRUNCATED', errorText('cdx.truncated'), 'file'),
  wrongPassphraseOrCorrupt: () => new ExchangeError('WRONG_PASSPHRASE_OR_CORRUPT', errorText('cdx.wrongPassphraseOrCorrupt'), 'passphrase'),
  corrupt: (detail: string) => new ExchangeError('CORRUPT', errorText('cdx.corrupt', { detail }), 'file'),
  formatTooNew: (found: number, supported: number) => new ExchangeError('FORMAT_TOO_NEW', errorText('cdx.formatTooNew', { found, supported }), 'file'),
  notSnapshot: (detail: string) => new ExchangeError('NOT_SNAPSHOT', errorText('cdx.notSnapshot', { detail }), 'file'),
  schemaTooNew: (found: number, supported: number) => new ExchangeError('SCHEMA_TOO_NEW', errorText('cdx.schemaTooNew', { found, supported }), 'file'),
  schemaUnsupported: (found: number, oldest: number) => new ExchangeError('SCHEMA_UNSUPPORTED', errorText('cdx.schemaUnsupported', { found, oldest }), 'file'),
  schemaMismatch: (detail: string) => new ExchangeError('SCHEMA_MISMATCH', errorText('cdx.schemaMismatch', { detail }), 'file'),
  contentMismatch: (detail: string) => new ExchangeError('CONTENT_MISMATCH', errorText('cdx.contentMismatch', { detail }), 'file'),
  cancelled: () => new ExchangeError('CANCELLED', errorText('cdx.cancelled')),
  verifyFailed: () => new ExchangeError('VERIFY_FAILED', errorText('cdx.verifyFailed'), 'folder'),
  invalid: <K extends ErrorKey>(field: string, key: K, ...params: ErrorArgs<K>) => new ExchangeError('INVALID_REQUEST', errorText(key, ...params), field),
};

/** Node's file-system errors as the desk says them; anything else is passed on unchanged. */
export function ioError(error: unknown, where: 'folder' | 'file'): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return new ExchangeError('IO', errorText('io.diskFull'), where);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new ExchangeError('IO', errorText(where === 'folder' ? 'io.readOnlyFolder' : 'io.readOnlyFile'), where);
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExchangeError('IO', errorText(where === 'folder' ? 'io.missingFolder' : 'io.missingFile'), where);
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return new ExchangeError('IO', errorText('io.deviceError'), where);
    default:
      return error;
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw exchangeErrors.cancelled();
}
