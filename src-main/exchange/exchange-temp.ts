/**
 * Scratch files of exports and imports: plaintext snapshots live only in `<data dir>/exchange-tmp/`
 * (the same disk and the same protection as the office database), never on the stick, and are
 * removed as soon as they are done with. A crash can leave one behind: `sweepExchangeTemp` at
 * start-up clears them.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from '../lib/ulid';

export const EXCHANGE_TEMP_FOLDER = 'exchange-tmp';

export function exchangeTempDir(dataDir: string): string {
  const dir = join(dataDir, EXCHANGE_TEMP_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A fresh path in the scratch folder (the file does not exist yet). */
export function exchangeTempFile(dataDir: string, kind: 'export' | 'import'): string {
  return join(exchangeTempDir(dataDir), `${kind}-${ulid()}.sqlite`);
}

/** Remove every scratch file (at start-up, before any export or import can run). Returns how many. */
export function sweepExchangeTemp(dataDir: string): number {
  const dir = join(dataDir, EXCHANGE_TEMP_FOLDER);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) rmSync(join(dir, name), { force: true, recursive: true });
  return names.length;
}

/** fsync a directory so a rename in it is on disk; not possible on Windows (ignored there). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for fsync; NTFS/FAT journal the rename themselves.
  }
}
