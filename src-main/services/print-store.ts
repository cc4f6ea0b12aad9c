import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ULID_PATTERN } from '../../src-preload/contract';
import { writePdfAtomically } from '../pdf/render';

/**
 * Rendered PDFs wait in `<data dir>/prints/<print id>/<file name>.pdf` until the desk previews,
 * saves or prints them. They hold residents' personal data, so they are cleared after a day (the
 * print itself is on record in the database and can be made again).
 */
const printsDir = (dataDir: string) => join(dataDir, 'prints');

export const PRINT_FILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function storePrintFile(dataDir: string, printId: string, fileName: string, bytes: Uint8Array): string {
  const dir = join(printsDir(dataDir), printId);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writePdfAtomically(path, bytes);
  return path;
}

export interface PrintFile {
  path: string;
  fileName: string;
}

/** The PDF of a print id; the id is checked first so that a URL can never walk the file system. */
export function findPrintFile(dataDir: string, printId: string): PrintFile | undefined {
  if (!ULID_PATTERN.test(printId)) return undefined;
  const dir = join(printsDir(dataDir), printId);
  if (!existsSync(dir)) return undefined;
  const fileName = readdirSync(dir).find((f) => f.endsWith('.pdf') && !f.startsWith('.'));
  return fileName ? { path: join(dir, fileName), fileName } : undefined;
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
