import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from '../../src-main/db/connection';

/** Every table of the office's records, with the order that makes a dump reproducible. */
const TABLE_ORDER: Record<string, string> = {
  settings: 'key',
  departments: 'id',
  categories: 'id',
  staff: 'id',
  complaints: 'id',
  complaint_events: 'id',
  attachments: 'id',
  complaint_day_counters: 'office_code, day',
};

/** A dump of every row of every table, as one string: equal strings mean equal data. */
export function snapshotTables(db: Db): string {
  const dump = Object.entries(TABLE_ORDER).map(([table, order]) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()]);
  return JSON.stringify(dump);
}

/** Files under a folder (relative paths with sizes), e.g. the attachment store. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(`${relative(dir, path)} ${statSync(path).size}`);
    }
  };
  walk(dir);
  return out;
}
