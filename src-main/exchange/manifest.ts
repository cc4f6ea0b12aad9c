/**
 * The manifest of an export: who exported what, when, and what it must contain. It travels inside
 * the .cdx container, encrypted and authenticated with the header (cdx-format.ts), and is checked
 * against the snapshot on import (counts, content hash, schema version).
 */
import { formCodesSchema } from '../../src-preload/contract/print.schema';
import { officeCodeSchema } from '../../src-preload/contract/settings.schema';
import { z } from '../../src-preload/contract/zod';
import { CDX_FORMAT_VERSION } from './cdx-format';
import { CONTENT_HASH_ALGORITHM } from './content-hash';

export const MANIFEST_KIND = 'complaint-desk-export';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const exportManifestSchema = z.object({
  kind: z.literal(MANIFEST_KIND),
  /** The container's format version, repeated inside the authenticated manifest. */
  formatVersion: z.number().int().positive(),
  appVersion: z.string().max(40),
  /** user_version of the snapshot: the migrations its schema came from. */
  schemaVersion: z.number().int().positive(),
  /** A ULID per export: the same export imported twice is recognised by it. */
  exportId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  office: z.object({
    code: officeCodeSchema,
    name: z.string().max(100),
    timeZone: z.string().max(64),
  }),
  /**
   * The form control numbers the office prints its forms with (its setting): head office's copy of
   * one of its complaints' forms carries them. Absent in files of earlier versions.
   */
  formCodes: formCodesSchema.optional(),
  /** ISO instant (UTC). */
  exportedAt: z.iso.datetime(),
  /** Received dates covered, inclusive; `whole` when the whole register was exported (from/to then span it). */
  range: z.object({ from: day, to: day, whole: z.boolean() }),
  /** Rows per table of the snapshot, attachment_files included. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  contentHash: z.object({ algorithm: z.literal(CONTENT_HASH_ALGORITHM), value: z.string().regex(/^[0-9a-f]{128}$/) }),
  /** Attachments on record whose bytes the office's store did not have (or had damaged). */
  missingAttachmentFiles: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  /** Bytes of the SQLite snapshot (the container's body). */
  snapshotBytes: z.number().int().nonnegative(),
});

export type ExportManifest = z.infer<typeof exportManifestSchema>;

/** The manifest as read from a file, or undefined if it is not one (the caller words the refusal). */
export function parseManifest(value: unknown): ExportManifest | undefined {
  const parsed = exportManifestSchema.safeParse(value);
  return parsed.success && parsed.data.formatVersion === CDX_FORMAT_VERSION ? parsed.data : undefined;
}
