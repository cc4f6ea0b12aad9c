import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ULID_PATTERN } from '../../src-preload/contract';
import { writePdfAtomically } from '../pdf/render';

/**
 * Rendered PDFs wait in `<data dir>/prints/<print id>/<file name>.pdf` until the desk previews,
 * saves or prints them. They hold residents' personal data, so they are cleared after a day (the
 * print itself is on record in the database and can be made again).
 */
const printsDir = (dataDir: string) => join(dataDir, 'prints');

export const PRINT_FILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** What the folder may hold and how it is served: rendered PDFs and the register's Excel export. */
export const PRINT_FILE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const typeOf = (fileName: string) => PRINT_FILE_TYPES[extname(fileName).toLowerCase()];

/** Where a file of `printId` is written (its folder is made); write to a dot-named temp file beside it, then rename. */
export function printFilePath(dataDir: string, printId: string, fileName: string): string {
  const dir = join(printsDir(dataDir), printId);
  mkdirSync(dir, { recursive: true });
  return join(dir, fileName);
}

export function storePrintFile(dataDir: string, printId: string, fileName: string, bytes: Uint8Array): string {
  const path = printFilePath(dataDir, printId, fileName);
  writePdfAtomically(path, bytes);
  return path;
}

export interface PrintFile {
  path: string;
  fileName: string;
  /** Content-Type to serve it with. */
  mime: string;
}

/** The file of a print id; the id is checked first so that a URL can never walk the file system. */
export function findPrintFile(dataDir: string, printId: string): PrintFile | undefined {
  if (!ULID_PATTERN.test(printId)) return undefined;
  const dir = join(printsDir(dataDir), printId);
  if (!existsSync(dir)) return undefined;
  // Dot-named files are half-written temp files.
  const fileName = readdirSync(dir).find((f) => typeOf(f) && !f.startsWith('.'));
  return fileName ? { path: join(dir, fileName), fileName, mime: typeOf(fileName)! } : undefined;
}

/** Remove rendered PDFs older than `maxAgeMs` (at start-up). */
export function sweepOldPrintFiles(dataDir: string, nowMs: number, maxAgeMs = PRINT_FILE_MAX_AGE_MS): number {
  const root = printsDir(dataDir);
  if (!existsSync(root)) return 0;
  let removed = 0;
  for (const id of readdirSync(root)) {
    const dir = join(root, id);
    if (nowMs - statSync(dir).mtimeMs > maxAgeMs) {
      rmSync(dir, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
