/**
 * Migration 90 (issue 13 point 17): every complaint's search entries are rebuilt (in the
 * background, through the search backlog), so complaints taken in before it are found by address
 * (`12-3-1602`, `12栋1602`), by 2-character pieces across building, unit and room (`栋3`), and by
 * their phone however typed: at once by the backlog's scan, and by the indexes once it is drained.
 * Rows are seeded at version 89 (every migration before this one) as the app of that version wrote
 * them, one of them left on the backlog by an import, and searched after the app opens the database.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import { LATEST_VERSION, migrate } from '../../src-main/db/migrations';
import { drainSearchBacklog } from '../../src-main/db/search-backlog';
import { SEARCH_COLUMNS, searchBigrams } from '../../src-main/db/search-text';
import { makeDataDir, openTestApp } from '../helpers/app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const AT = '2026-11-01T00:00:00.000Z';
const STAFF = '01JSTAFF000000000000000001';
/** The complaints as an older intake took them (a landline without its dash was accepted then). */
const COMPLAINTS = [
  { id: '01JCOMPLA00000000000000001', number: 'YGHA-20261102-001', name: '杨明兰', building: '12栋', unit: '3单元', room: '1602', phone: '13800138000', description: '卫生间渗水到楼下' },
  { id: '01JCOMPLA00000000000000002', number: 'YGHA-20261102-002', name: '钱多多', building: '112栋', unit: '3单元', room: '1602', phone: '07551234567', description: '电梯按钮失灵' },
  { id: '01JCOMPLA00000000000000003', number: 'YGHA-20261102-003', name: '孙悦', building: '2栋', unit: '1单元', room: '0301', phone: '', description: '楼道堆放杂物' },
];
/** The one an import left on the search backlog: in the register, in neither index. */
const ON_BACKLOG = COMPLAINTS[2]!;

function seedAt89(): string {
  const dir = makeDataDir();
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    migrate(db, 89);
    expect(db.pragma('user_version', { simple: true })).toBeLessThan(90);
    const department = db.prepare("SELECT id FROM departments WHERE name = '工程部'").pluck().get() as string;
    const category = db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string;
    db.prepare("INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, '周晓雯', ?, 'reception', ?, ?)").run(STAFF, department, AT, AT);
    const insert = db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, building, unit, room, phone, category_id, description, validity, severity, urgency, status, created_at, updated_at)
       VALUES (?, 'YGHA', ?, '2026-11-02 09:12', 'phone', ?, ?, ?, ?, ?, ?, ?, ?, 'valid', 'ordinary', 'normal', 'registered', ?, ?)`,
    );
    // The bigram entry as the app wrote it before 0090: each column cut into pairs on its own.
    const bigrams = db.prepare('INSERT INTO complaints_bigrams (rowid, grams) VALUES (?, ?)');
    for (const c of COMPLAINTS) {
      const { lastInsertRowid } = insert.run(c.id, c.number, STAFF, c.name, c.building, c.unit, c.room, c.phone, category, c.description, AT, AT);
      const row = db.prepare(`SELECT ${SEARCH_COLUMNS.join(', ')} FROM complaints WHERE rowid = ?`).get(lastInsertRowid) as Record<string, string>;
      if (c === ON_BACKLOG) {
        db.prepare('DELETE FROM complaints_fts WHERE rowid = ?').run(lastInsertRowid);
        db.prepare('INSERT INTO search_backlog (complaint_rowid) VALUES (?)').run(lastInsertRowid);
      } else {
        bigrams.run(lastInsertRowid, searchBigrams(SEARCH_COLUMNS.map((col) => row[col]!)));
      }
    }
  } finally {
    db.close();
  }
  return dir;
}

function openMigrated(dir: string) {
  const app = openTestApp(dir);
  cleanups.push(() => app.close());
  expect(app.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  return app;
}

describe('migration 90', () => {
  it('rebuilds the search entries of complaints taken in before it: address forms, pieces across the address, phones however typed', async () => {
    const app = openMigrated(seedAt89());
    const found = (text: string) => app.ok('complaints:list', { text }).items.map((r) => r.number).sort();
    const [yang, qian, sun] = COMPLAINTS.map((c) => c.number);
    const expectations = () => {
      expect(found('12-3-1602')).toEqual([yang]);
      expect(found('12栋3单元1602')).toEqual([yang]);
      expect(found('12栋1602')).toEqual([yang]);
      expect(found('112-3-1602')).toEqual([qian]);
      expect(found('杨明兰 1602')).toEqual([yang]);
      expect(found('栋3')).toEqual([yang, qian]);
      expect(found('元1')).toEqual([yang, qian]);
      expect(found('138 0013 8000')).toEqual([yang]);
      // Stored as the older intake took it (no dash): found by the number typed any way.
      expect(found('0755-1234567')).toEqual([qian]);
      expect(found('+86 755 1234567')).toEqual([qian]);
      // Including the complaint the import had left on the backlog.
      expect(found('2-1-301')).toEqual([sun]);
      expect(found('栋1')).toEqual([sun]);
      expect(found('楼道')).toEqual([sun]);
    };

    // Right after the upgrade, every complaint waits on the backlog; the scan finds them.
    expect(app.ctx.db.prepare('SELECT count(*) FROM search_backlog').pluck().get()).toBe(COMPLAINTS.length);
    expectations();
    await drainSearchBacklog(app.ctx.db);
    expectations();
    expect(app.ctx.db.prepare('SELECT count(*) FROM search_backlog').pluck().get()).toBe(0);
    expect(app.ctx.db.prepare('SELECT count(*) FROM complaints_fts').pluck().get()).toBe(COMPLAINTS.length);
    expect(app.ctx.db.prepare(`SELECT count(*) FROM complaints_bigrams WHERE complaints_bigrams MATCH '"楼道"'`).pluck().get()).toBe(1);
    // FTS5's own check: the index agrees with its stored text.
    expect(() => app.ctx.db.exec("INSERT INTO complaints_fts (complaints_fts) VALUES ('integrity-check')")).not.toThrow();
  });

  it('leaves the complaints themselves as they were (stored phones included)', () => {
    const app = openMigrated(seedAt89());
    const rows = app.ctx.db.prepare('SELECT id, number, building, unit, room, phone, version, updated_at FROM complaints ORDER BY id').all();
    expect(rows).toEqual(
      COMPLAINTS.map((c) => ({ id: c.id, number: c.number, building: c.building, unit: c.unit, room: c.room, phone: c.phone, version: 1, updated_at: AT })),
    );
  });

  it('writes new and edited complaints with the new entries (the triggers are the new ones)', async () => {
    const app = openMigrated(seedAt89());
    await drainSearchBacklog(app.ctx.db);
    const triggers = app.ctx.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'complaints_fts_%' ORDER BY name").all() as { name: string; sql: string }[];
    expect(triggers.map((t) => t.name)).toEqual(['complaints_fts_delete', 'complaints_fts_insert', 'complaints_fts_update']);
    for (const t of triggers) expect(t.sql).not.toContain('search_switch');
    app.ctx.db.prepare("UPDATE complaints SET unit = '5单元', version = version + 1 WHERE id = ?").run(COMPLAINTS[0]!.id);
    const found = (text: string) => app.ok('complaints:list', { text }).items.map((r) => r.number);
    expect(found('12-5-1602')).toEqual([COMPLAINTS[0]!.number]);
    expect(found('12-3-1602')).toEqual([]);
  });
});
