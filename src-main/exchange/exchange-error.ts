import type { AppErrorCode } from '../../src-preload/contract/errors';
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
    message: string,
    field?: string,
  ) {
    super(CODES[reason], message, field);
    this.name = 'ExchangeError';
  }
}

const NOTHING_IMPORTED = '未导入任何数据。';

/** The messages the desk shows, in one place. */
export const exchangeErrors = {
  notCdx: () => new ExchangeError('NOT_CDX', `不是投诉台导出文件（.cdx），${NOTHING_IMPORTED}`, 'file'),
  truncated: () =>
    new ExchangeError('TRUNCATED', `文件不完整（可能在拷贝时被拔出），${NOTHING_IMPORTED}请重新拷贝或请对方重新导出。`, 'file'),
  wrongPassphraseOrCorrupt: () => new ExchangeError('WRONG_PASSPHRASE_OR_CORRUPT', `口令错误或文件已损坏，${NOTHING_IMPORTED}`, 'passphrase'),
  corrupt: (detail: string) => new ExchangeError('CORRUPT', `文件已损坏（${detail}），${NOTHING_IMPORTED}请重新拷贝或请对方重新导出。`, 'file'),
  formatTooNew: (found: number, supported: number) =>
    new ExchangeError('FORMAT_TOO_NEW', `导出格式版本过新（文件为第 ${found} 版，本程序支持到第 ${supported} 版），请升级投诉台后再导入。`, 'file'),
  notSnapshot: (detail: string) => new ExchangeError('NOT_SNAPSHOT', `文件内容不是投诉台的数据（${detail}），已拒绝，${NOTHING_IMPORTED}`, 'file'),
  schemaTooNew: (found: number, supported: number) =>
    new ExchangeError(
      'SCHEMA_TOO_NEW',
      `导出文件来自更新版本的投诉台（数据库版本 ${found}，本程序最高支持 ${supported}），请升级投诉台后再导入。`,
      'file',
    ),
  schemaUnsupported: (found: number, oldest: number) =>
    new ExchangeError(
      'SCHEMA_UNSUPPORTED',
      `导出文件来自较旧版本的投诉台（数据库版本 ${found}，本程序可导入 ${oldest} 及以上），请先升级该服务中心的投诉台再导出。`,
      'file',
    ),
  schemaMismatch: (detail: string) =>
    new ExchangeError('SCHEMA_MISMATCH', `文件中的数据库结构与投诉台不符（${detail}），为安全起见已拒绝，${NOTHING_IMPORTED}`, 'file'),
  contentMismatch: (detail: string) =>
    new ExchangeError('CONTENT_MISMATCH', `文件内容与其清单不符（${detail}），已拒绝，${NOTHING_IMPORTED}`, 'file'),
  cancelled: () => new ExchangeError('CANCELLED', '已取消，未留下任何文件。'),
  verifyFailed: () =>
    new ExchangeError('VERIFY_FAILED', '写入后读回校验失败：U 盘可能有问题。导出文件已删除，请换一个 U 盘重新导出。', 'folder'),
  invalid: (field: string, message: string) => new ExchangeError('INVALID_REQUEST', message, field),
};

/** Node's file-system errors as the desk says them; anything else is passed on unchanged. */
export function ioError(error: unknown, where: 'folder' | 'file'): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const place = where === 'folder' ? '所选文件夹' : '所选文件';
  switch (code) {
    case 'ENOSPC':
      return new ExchangeError('IO', '磁盘空间不足，未能写完。请清理空间或换一个 U 盘后重试。', where);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new ExchangeError('IO', `无法写入或读取${place}（可能是只读或没有权限）。`, where);
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExchangeError('IO', `找不到${place}，U 盘可能已被拔出。`, where);
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return new ExchangeError('IO', '读写 U 盘时出错（可能已被拔出），请重新插入后重试。', where);
    default:
      return error;
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw exchangeErrors.cancelled();
}
