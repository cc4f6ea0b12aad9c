/**
 * The offices whose records are in this database (issue 5 point 4): this database's own office
 * (from the settings) and every office merged here from an export (`offices`, written by the
 * merge). Head-office screens offer them as the office filter.
 */
import { formCodesSchema, type FormCodes, type ImportRecord, type MergeCounts, type OfficeInfo } from '../../src-preload/contract';
import { toWallTime } from '../../src-preload/contract/wall-time';
import type { ServiceContext } from '../services/context';
import { getSettings } from '../services/settings.service';

export function listOffices(ctx: ServiceContext): OfficeInfo[] {
  const settings = getSettings(ctx);
  const countOf = new Map(
    (ctx.db.prepare('SELECT office_code AS code, count(*) AS n FROM complaints GROUP BY office_code').all() as { code: string; n: number }[]).map((r) => [
      r.code,
      r.n,
    ]),
  );
  const merged = ctx.db.prepare('SELECT code, name, last_exported_at FROM offices ORDER BY code').all() as { code: string; name: string; last_exported_at: string }[];
  const local: OfficeInfo = { code: settings.officeCode, name: settings.officeName, local: true, lastExportedAt: '', complaintCount: countOf.get(settings.officeCode) ?? 0 };
  const others = merged
    .filter((o) => o.code !== settings.officeCode)
    .map((o) => ({
      code: o.code,
      name: o.name,
      local: false,
      lastExportedAt: toWallTime(new Date(o.last_exported_at), settings.timeZone),
      complaintCount: countOf.get(o.code) ?? 0,
    }));
  return [local, ...others];
}

/**
 * What head office knows of a merged office for printing its forms: its name and, when its export
 * carried them, its form codes (null otherwise). The code stands in for the name of an office
 * with no row here.
 */
export function mergedOfficeForms(ctx: ServiceContext, code: string): { name: string; formCodes: FormCodes | null } {
  const row = ctx.db.prepare('SELECT name, form_codes FROM offices WHERE code = ?').get(code) as { name: string; form_codes: string } | undefined;
  if (!row) return { name: code, formCodes: null };
  const parsed = row.form_codes ? formCodesSchema.safeParse(JSON.parse(row.form_codes)) : undefined;
  return { name: row.name, formCodes: parsed?.success ? parsed.data : null };
}

interface ImportRow {
  id: string;
  file_name: string;
  fingerprint: string;
  office_code: string;
  office_name: string;
  exported_at: string;
  range_from: string;
  range_to: string;
  range_whole: number;
  imported_at: string;
  imported_by: string;
  new_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  refused_rows: number;
}

/** The import history, newest first. */
export function listImportHistory(ctx: ServiceContext, limit = 500): ImportRecord[] {
  const { timeZone } = getSettings(ctx);
  // Imports within one millisecond (a re-import on a pinned clock) share imported_at, and their ULIDs
  // need not rise: the order they were written in (rowid) decides.
  const rows = ctx.db.prepare('SELECT * FROM exchange_imports ORDER BY imported_at DESC, rowid DESC LIMIT ?').all(limit) as ImportRow[];
  return rows.map((r) => {
    const totals: MergeCounts = { new: r.new_rows, updated: r.updated_rows, unchanged: r.unchanged_rows, refused: r.refused_rows };
    return {
      id: r.id,
      fileName: r.file_name,
      fingerprint: r.fingerprint,
      officeCode: r.office_code,
      officeName: r.office_name,
      exportedAt: toWallTime(new Date(r.exported_at), timeZone),
      range: { from: r.range_from, to: r.range_to, whole: r.range_whole === 1 },
      importedAt: toWallTime(new Date(r.imported_at), timeZone),
      importedBy: r.imported_by,
      totals,
    };
  });
}
