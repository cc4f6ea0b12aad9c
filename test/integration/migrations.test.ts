import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, createAppContext } from '../../src-main/app-context';
import { openDatabase } from '../../src-main/db/connection';
import { APPLICATION_ID, DatabaseRefusedError, LATEST_VERSION, migrate } from '../../src-main/db/migrations';
import { makeDataDir, openTestApp, phoneComplaint, setUpOffice, type TestApp } from '../helpers/app';
import { childScript, startChild } from '../helpers/child-process';
import { snapshotTables } from '../helpers/db-snapshot';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function freshApp(): TestApp {
  const app = openTestApp();
  cleanups.push(() => app.close());
  return app;
}
function freshDir(): string {
  const dir = makeDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const fileSha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const schemaOf = (db: Database.Database) => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();

describe('a new data directory', () => {
  it('is migrated to the latest version, marked as ours, with STRICT tables', () => {
    const { db } = freshApp().ctx;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);

    const tables = db.prepare("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      type: string;
      strict: number;
    }[];
    const ordinary = tables.filter((t) => t.type === 'table').map((t) => t.name);
    expect(ordinary).toEqual(
      expect.arrayContaining(['settings', 'departments', 'categories', 'staff', 'complaints', 'complaint_events', 'attachments', 'complaint_day_counters']),
    );
    // The only non-STRICT tables allowed are the two full-text search indexes and their shadow tables.
    const searchIndex = (name: string) => name.startsWith('complaints_fts') || name.startsWith('complaints_bigrams');
    expect(tables.filter((t) => t.type !== 'table').every((t) => searchIndex(t.name))).toBe(true);
    const sqlOf = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck();
    for (const name of ordinary) {
      expect(tables.find((t) => t.name === name)!.strict, name).toBe(1);
      expect(sqlOf.get(name), name).toMatch(/\)\s*STRICT\s*$/);
    }
  });

  it('is opened with WAL, synchronous=FULL, foreign keys on and a busy timeout', () => {
    const { db } = freshApp().ctx;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('starts with the default departments and complaint categories and asks for first-run setup', () => {
    const app = freshApp();
    expect(app.ok('departments:list', {}).map((d) => d.name)).toEqual(['客服中心', '工程部', '秩序维护部', '环境部', '财务部']);
    expect(app.ok('categories:list', {}).map((c) => c.name)).toEqual(['工程质量', '服务质量', '安全秩序', '环境卫生', '设施设备', '收费', '装修', '邻里纠纷', '其他']);
    expect(app.ok('staff:list', {})).toEqual([]);
    expect(app.ok('app:info', {}).needsSetup).toBe(true);
  });
});

describe('reopening', () => {
  it('changes nothing in an up-to-date database', () => {
    const app = freshApp();
    const ids = setUpOffice(app);
    app.ok('complaints:create', phoneComplaint(ids));
    const tables = snapshotTables(app.ctx.db);
    const schema = schemaOf(app.ctx.db);
    app.ctx.close();
    const file = join(app.dataDir, DATABASE_FILE);
    const sha = fileSha(file);

    const again = openDatabase(file);
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(snapshotTables(again)).toBe(tables);
      expect(schemaOf(again)).toEqual(schema);
    } finally {
      again.close();
    }
    expect(fileSha(file)).toBe(sha);
  });
});

describe('refusing a database this version must not touch', () => {
  /** A data directory whose database this app wrote, then closed. */
  function closedOfficeDatabase(): string {
    const app = openTestApp(freshDir());
    const ids = setUpOffice(app);
    app.ok('complaints:create', phoneComplaint(ids));
    app.ctx.close();
    return join(app.dataDir, DATABASE_FILE);
  }

  function expectRefusedUntouched(file: string, message: RegExp) {
    const sha = fileSha(file);
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseRefusedError);
    expect((error as Error).message).toMatch(message);
    // What main really calls refuses it too.
    expect(() => createAppContext(join(file, '..'), { version: 'test', mode: 'web' })).toThrow(DatabaseRefusedError);
    expect(fileSha(file)).toBe(sha);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-journal`)).toBe(false);
  }

  it('refuses a database from a newer version of the app and leaves its bytes as they were', () => {
    const file = closedOfficeDatabase();
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST_VERSION + 10}`);
    newer.close();
    expect(existsSync(`${file}-wal`)).toBe(false);

    expectRefusedUntouched(file, /更新版本/);
  });

  it('refuses a SQLite file that belongs to another program', () => {
    const file = join(freshDir(), DATABASE_FILE);
    const foreign = new Database(file);
    foreign.pragma('application_id = 305419896'); // 0x12345678
    foreign.exec("CREATE TABLE ledger (id INTEGER PRIMARY KEY, item TEXT); INSERT INTO ledger (item) VALUES ('别的程序的数据');");
    foreign.close();

    expectRefusedUntouched(file, /[\u4e00-\u9fa5]/);
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT item FROM ledger').pluck().all()).toEqual(['别的程序的数据']);
    check.close();
  });
});

describe('two app instances opening a new data directory at once', () => {
  it('both open it, while the other is still creating the schema', async () => {
    const dir = freshDir();
    const file = join(dir, DATABASE_FILE);
    // The first instance: it has switched the new file to WAL and is part-way through the first migration.
    const first = new Database(file);
    cleanups.unshift(() => first.close());
    first.pragma('journal_mode = WAL');
    first.exec('BEGIN IMMEDIATE');

    const second = startChild(childScript('open-data-dir.ts'), [dir]);
    try {
      await second.waitFor((lines) => lines.includes('opening'), 'start opening');
      await new Promise((resolve) => setTimeout(resolve, 1000)); // the second instance is now waiting for the lock (busy_timeout 5 s)
      migrate(first);
      first.exec('COMMIT');

      const exit = await second.exited;
      expect(second.stderr()).toBe('');
      expect(exit.code).toBe(0);
      expect(second.lines).toContain('departments 5');
    } finally {
      if (second.process.exitCode === null) second.process.kill('SIGKILL');
    }
    expect(first.prepare('SELECT COUNT(*) FROM departments').pluck().get()).toBe(5);
  }, 30_000);
});
