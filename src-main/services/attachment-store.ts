import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Attachments are content-addressed: `<data dir>/attachments/<sha[0:2]>/<sha>`; one copy per content. */
export const attachmentPath = (dataDir: string, sha256: string) => join(dataDir, 'attachments', sha256.slice(0, 2), sha256);

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Write temp → fsync → rename, so a power cut never leaves a half file under the final name. */
export function storeAttachmentBytes(dataDir: string, sha256: string, bytes: Buffer): void {
  const target = attachmentPath(dataDir, sha256);
  if (existsSync(target)) return;
  mkdirSync(join(dataDir, 'attachments', sha256.slice(0, 2)), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}

export function readAttachmentBytes(dataDir: string, sha256: string): Buffer | undefined {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined; // never let a URL walk the file system
  const path = attachmentPath(dataDir, sha256);
  return existsSync(path) ? readFileSync(path) : undefined;
}

/** The type of a file from its own first bytes; the file name's extension is not trusted. */
export function sniffMime(bytes: Buffer): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}
