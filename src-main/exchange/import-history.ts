/**
 * The import history (issue 5 point 3): a row per imported file, with the office it came from and
 * what it did; and the `offices` row that tracks each office's newest export merged so far.
 * Written by the merge inside its transaction, and for a file recognised as imported before
 * (import.service.ts) in a transaction of its own.
 */
import type Database from 'better-sqlite3';
import { sumMergeCounts, type MergeCounts, type MergeSummary, type RefusedRecord } from '../../src-preload/contract';
import { toWallTime } from '../../src-preload/contract/wall-time';
import { now } from '../lib/clock';
import { ulid } from '../lib/ulid';
import type { ExportManifest } from './manifest';

/** The refused rows the summary and the history keep; the count is always complete. */
export const REFUSED_LISTED = 200;

export interface ImportedFile {
  manifest: ExportManifest;
  /** Identifies the file (cdx-format.ts). */
  fingerprint: string;
  fileBytes: number;
  fileName: string;
}

export interface ImportOutcome {
  /** Per table, in merge order. */
  tables: (MergeCounts & { table: string })[];
  refused: readonly RefusedRecord[];
  seenBefore: boolean;
  actorName: string;
  /** The time zone this database shows wall times in. */
  timeZone: string;
}

/** What was written of one table's received rows (nothing, for a file recognised as imported whole before). */
export interface TableWrites {
  inserted: number;
  replaced: number;
  refused: number;
}
export const NOTHING_WRITTEN: TableWrites = { inserted: 0, replaced: 0, refused: 0 };

/**
 * A table's figures (MergeCounts, defined in the contract): of the file's `fileRows` rows of it,
 * the inserted are new, the replaced updated, the refused refused, and every other row unchanged.
 * The merge and the recognised re-import both count through here.
 */
export function tableCounts(table: string, fileRows: number, written: TableWrites): MergeCounts & { table: string } {
  const { inserted, replaced, refused } = written;
  return { table, new: inserted, updated: replaced, unchanged: fileRows - inserted - replaced - refused, refused };
}

/** Record one imported file: its office's row and its history row. Call inside the transaction that did the work. */
export function recordImport(db: Database.Database, file: ImportedFile, outcome: ImportOutcome): MergeSummary {
  const { manifest } = file;
  const at = now();
  for (const t of outcome.tables) {
    // Every received row is counted exactly once: the summary, its table and the history show the same figures.
    if (t.unchanged < 0 || t.new + t.updated + t.unchanged + t.refused !== (manifest.counts[t.table] ?? 0)) {
      throw new Error(`import counts of ${t.table} do not add up to the file's ${manifest.counts[t.table] ?? 0} rows: ${JSON.stringify(t)}`);
    }
  }
  const totals = sumMergeCounts(outcome.tables);
  const importId = ulid(at.getTime());
  // The office's name, zone and form codes as of its newest export merged so far.
  db.prepare(
    `INSERT INTO offices (code, name, time_zone, last_exported_at, last_imported_at, form_codes) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET
       name = CASE WHEN excluded.last_exported_at >= offices.last_exported_at THEN excluded.name ELSE offices.name END,
       time_zone = CASE WHEN excluded.last_exported_at >= offices.last_exported_at THEN excluded.time_zone ELSE offices.time_zone END,
       form_codes = CASE WHEN excluded.last_exported_at >= offices.last_exported_at AND excluded.form_codes <> '' THEN excluded.form_codes ELSE offices.form_codes END,
       last_exported_at = max(offices.last_exported_at, excluded.last_exported_at),
       last_imported_at = excluded.last_imported_at`,
  ).run(
    manifest.office.code,
    manifest.office.name,
    manifest.office.timeZone,
    manifest.exportedAt,
    at.toISOString(),
    manifest.formCodes ? JSON.stringify(manifest.formCodes) : '',
  );
  const summary: MergeSummary = {
    importId,
    fileName: file.fileName,
    officeCode: manifest.office.code,
    officeName: manifest.office.name,
    exportedAt: toWallTime(new Date(manifest.exportedAt), outcome.timeZone),
    range: manifest.range,
    totals,
    tables: outcome.tables,
    refused: outcome.refused.slice(0, REFUSED_LISTED),
    seenBefore: outcome.seenBefore,
  };
  db.prepare(
    `INSERT INTO exchange_imports (id, fingerprint, export_id, file_name, file_bytes, office_code, office_name, exported_at, range_from, range_to,
       range_whole, imported_at, imported_by, new_rows, updated_rows, unchanged_rows, refused_rows, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    importId,
    file.fingerprint,
    manifest.exportId,
    file.fileName,
    file.fileBytes,
    manifest.office.code,
    manifest.office.name,
    manifest.exportedAt,
    manifest.range.from,
    manifest.range.to,
    manifest.range.whole ? 1 : 0,
    at.toISOString(),
    outcome.actorName,
    totals.new,
    totals.updated,
    totals.unchanged,
    totals.refused,
    JSON.stringify({ tables: summary.tables, refused: summary.refused }),
  );
  return summary;
}

/** Whether a file with this fingerprint was imported here before. */
export function importedBefore(db: Database.Database, fingerprint: string): boolean {
  return db.prepare('SELECT 1 FROM exchange_imports WHERE fingerprint = ?').get(fingerprint) !== undefined;
}

/**
 * The fingerprint of the file that brought this export here whole (nothing refused), if any: such a
 * file, imported again, can change nothing (see import.service.ts).
 */
export function wholeImportOf(db: Database.Database, exportId: string, officeCode: string): string | undefined {
  return db
    .prepare('SELECT fingerprint FROM exchange_imports WHERE export_id = ? AND office_code = ? AND refused_rows = 0 ORDER BY imported_at DESC LIMIT 1')
    .pluck()
    .get(exportId, officeCode) as string | undefined;
}
