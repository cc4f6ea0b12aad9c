/**
 * Import for head office (issue 5 points 2–3): each picked .cdx file is opened defensively
 * (import-open.ts: decrypted off the stick into a private copy, checked) and merged into this
 * database in one transaction (merge.ts); the import history keeps a row per merged file.
 * A file that is refused as a whole (wrong passphrase, damaged, hostile) changes nothing and the
 * next file is still tried.
 */
import type { ImportFileResult } from '../../src-preload/contract';
import type { ServiceContext } from '../services/context';

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
}

export async function importFiles(ctx: ServiceContext, request: ImportRequest, options: ImportOptions = {}): Promise<ImportFileResult[]> {
  void ctx;
  void request;
  void options;
  throw new Error('importFiles: not written yet');
}
