import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION } from '../../src-main/db/migrations';
import { CDX_HEADER_BYTES, CDX_TAG_BYTES } from '../../src-main/exchange/cdx-format';
import type { ExchangeRefusal } from '../../src-main/exchange/exchange-error';
import { exportToFolder, type ExportResult } from '../../src-main/exchange/export.service';
import { openImport } from '../../src-main/exchange/import-open';
import type { ExportManifest } from '../../src-main/exchange/manifest';
import { openTestApp, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import {
  decryptToFile,
  describeSnapshot,
  makeFolder,
  PASSPHRASE,
  recordRows,
  refusal,
  scratchFiles,
  seal,
  seedOffice,
  TEST_KDF,
  type SeededOffice,
} from '../helpers/exchange';
import { unpinClock } from './lifecycle-fixtures';

let office: TestApp;
let seeded: SeededOffice;
/** Head office: where imports are opened. Its database must never change here. */
let hq: TestApp;
let hqBefore: Record<string, string[]>;
let stick: string;
let whole: ExportResult;
let november: ExportResult;
let work: string;
let n = 0;
const fresh = (name: string) => join(work, `${n++}-${name}`);

beforeAll(async () => {
  office = openTestApp();
  seeded = seedOffice(office);
  stick = makeFolder();
  work = makeFolder('work');
  whole = await exportToFolder(office.ctx, { folder: stick, passphrase: PASSPHRASE }, { kdf: TEST_KDF });
  november = await exportToFolder(office.ctx, { folder: stick, passphrase: PASSPHRASE, range: { from: '2026-11-01', to: '2026-11-30' } }, { kdf: TEST_KDF });
  hq = openTestApp();
  hqBefore = snapshotAll(hq.ctx.db);
});
afterEach(() => {
  expect(scratchFiles(hq.dataDir)).toEqual([]);
});
afterAll(() => {
  expect(snapshotAll(hq.ctx.db)).toEqual(hqBefore);
  unpinClock(office);
  office.close();
  hq.close();
  rmSync(stick, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Open as the import does, including the reference check that runs on a worker beside the merge. */
async function open(path: string, passphrase = PASSPHRASE) {
  const opened = await openImport(hq.dataDir, path, passphrase);
  try {
    await opened.checks.references;
  } catch (error) {
    opened.close();
    throw error;
  }
  return opened;
}

describe('opening a good export', () => {
  it('gives a read-only connection with the rows, manifest and fingerprint of the export', async () => {
    const opened = await open(whole.path);
    try {
      expect(opened.manifest).toEqual(whole.manifest);
      expect(opened.fingerprint).toBe(whole.fingerprint);
      expect(opened.fileBytes).toBe(whole.fileBytes);
      expect(opened.schema.version).toBe(LATEST_VERSION);
      expect(recordRows(opened.db)).toEqual(recordRows(office.ctx.db));
      expect(() => opened.db.prepare("DELETE FROM complaints").run()).toThrow(/readonly|query_only/i);
      expect(opened.db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(opened.db.pragma('cell_size_check', { simple: true })).toBe(1);
      expect(opened.db.pragma('mmap_size', { simple: true })).toBe(0);
      expect(scratchFiles(hq.dataDir)).toHaveLength(1); // the plaintext copy, in the data dir
    } finally {
      opened.close();
      opened.close();
    }
  });

  it('opens a range export: that month’s complaints and their rows', async () => {
    const opened = await open(november.path);
    try {
      expect(recordRows(opened.db)).toEqual(recordRows(office.ctx.db, seeded.novemberIds));
    } finally {
      opened.close();
    }
  });

  it('has copied the file off the stick: the stick can be pulled once it is open', async () => {
    const onStick = fresh('on-stick.cdx');
    copyFileSync(whole.path, onStick);
    const opened = await open(onStick);
    rmSync(onStick);
    try {
      expect(opened.db.prepare('SELECT count(*) FROM complaints').pluck().get()).toBe(5);
    } finally {
      opened.close();
    }
  });
});

describe('a damaged or wrongly opened file', () => {
  const damaged = (change: (bytes: Buffer) => Buffer) => {
    const path = fresh('damaged.cdx');
    writeFileSync(path, change(Buffer.from(readFileSync(whole.path))));
    return path;
  };
  const manifestEnd = () => CDX_HEADER_BYTES + readFileSync(whole.path).readUInt32BE(44) + CDX_TAG_BYTES;

  it('refuses a wrong passphrase: 口令错误或文件已损坏', async () => {
    const { reason, message } = await refusal(open(whole.path, '不是这个口令'));
    expect(reason).toBe('WRONG_PASSPHRASE_OR_CORRUPT');
    expect(message).toMatch(/^口令错误或文件已损坏/);
  });

  it('refuses a flipped byte in the header, the manifest or the snapshot', async () => {
    for (const at of [12, 20, 47, CDX_HEADER_BYTES + 3]) {
      expect((await refusal(open(damaged((b) => ((b[at]! ^= 0x10), b))))).reason, `byte ${at}`).toBe('WRONG_PASSPHRASE_OR_CORRUPT');
    }
    for (const at of [manifestEnd(), manifestEnd() + 5000, whole.fileBytes - 1]) {
      expect((await refusal(open(damaged((b) => ((b[at]! ^= 0x10), b))))).reason, `byte ${at}`).toBe('CORRUPT');
    }
  });

  it('refuses a truncated file: 文件不完整（可能在拷贝时被拔出）', async () => {
    for (const cut of [0, 30, manifestEnd() - 1, manifestEnd() + 100, Math.floor(whole.fileBytes / 2), whole.fileBytes - 1]) {
      const { reason, message } = await refusal(open(damaged((b) => b.subarray(0, cut))));
      expect(reason, `cut at ${cut}`).toBe('TRUNCATED');
      expect(message).toContain('文件不完整（可能在拷贝时被拔出）');
    }
  });

  it('refuses a newer container format: 导出格式版本过新', async () => {
    const { reason, message } = await refusal(open(damaged((b) => (b.writeUInt16BE(2, 8), b))));
    expect(reason).toBe('FORMAT_TOO_NEW');
    expect(message).toContain('导出格式版本过新');
  });

  it('refuses something else picked by mistake: 不是投诉台导出文件', async () => {
    const path = fresh('complaints.db');
    copyFileSync(join(office.dataDir, 'complaints.db'), path);
    const { reason, message } = await refusal(open(path));
    expect(reason).toBe('NOT_CDX');
    expect(message).toContain('不是投诉台导出文件');
  });

  it('stops when cancelled and leaves nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await refusal(openImport(hq.dataDir, whole.path, PASSPHRASE, { signal: controller.signal }))).reason).toBe('CANCELLED');
  });
});

/**
 * Files sealed with the right passphrase but holding something else: only the checks after
 * decryption stand between them and the merge. Each case changes a decrypted copy of the export,
 * then (unless it tests the manifest) brings the manifest's counts and hash up to date, so that the
 * check named is the one that refuses.
 */
describe('a hostile or foreign database inside a valid container', () => {
  async function hostile(
    change: (db: Database.Database) => void,
    options: { keepManifest?: boolean; edit?: (m: ExportManifest) => void; bytes?: (path: string) => void } = {},
  ) {
    const { path, manifest } = await decryptToFile(whole.path);
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = OFF');
      change(db);
    } finally {
      db.close();
    }
    options.bytes?.(path);
    const updated = options.keepManifest ? manifest : { ...manifest, ...(await describeSnapshot(path)) };
    options.edit?.(updated);
    const out = fresh('hostile.cdx');
    await seal(path, out, updated);
    return refusal(open(out));
  }

  const schemaCases: [string, (db: Database.Database) => void, ExchangeRefusal, RegExp][] = [
    ['an extra trigger', (db) => db.exec('CREATE TRIGGER wipe AFTER INSERT ON complaints BEGIN DELETE FROM staff; END'), 'SCHEMA_MISMATCH', /多出触发器 wipe/],
    ['an extra view', (db) => db.exec('CREATE VIEW peek AS SELECT phone FROM complaints'), 'SCHEMA_MISMATCH', /多出视图 peek/],
    [
      'a view in place of a table',
      (db) => db.exec("DROP TABLE escalations; CREATE VIEW escalations AS SELECT id, complaint_id, 'x' AS at, '' AS level, '' AS reason, '' AS actor FROM complaints"),
      'SCHEMA_MISMATCH',
      /escalations 应为表，文件中却是视图/,
    ],
    ['an extra table', (db) => db.exec('CREATE TABLE notes (x TEXT)'), 'SCHEMA_MISMATCH', /多出表 notes/],
    ['an extra index', (db) => db.exec('CREATE INDEX by_phone ON complaints (phone)'), 'SCHEMA_MISMATCH', /多出索引 by_phone/],
    ['a table missing', (db) => db.exec('DROP TABLE holds'), 'SCHEMA_MISMATCH', /缺少表 holds/],
    ['a column added', (db) => db.exec("ALTER TABLE complaints ADD COLUMN extra TEXT NOT NULL DEFAULT ''"), 'SCHEMA_MISMATCH', /表 complaints 的定义不同/],
    ['the office database’s application_id', (db) => db.pragma(`application_id = ${APPLICATION_ID}`), 'NOT_SNAPSHOT', /不是投诉台导出的数据/],
    ['no application_id', (db) => db.pragma('application_id = 0'), 'NOT_SNAPSHOT', /不是投诉台导出的数据/],
    ['a newer database version', (db) => db.pragma(`user_version = ${LATEST_VERSION + 10}`), 'SCHEMA_TOO_NEW', /来自更新版本的投诉台/],
    ['an older database version', (db) => db.pragma('user_version = 30'), 'SCHEMA_UNSUPPORTED', /较旧版本/],
    ['a WAL-mode file (would want -wal and -shm beside it)', (db) => db.pragma('journal_mode = WAL'), 'NOT_SNAPSHOT', /单文件/],
  ];
  it.each(schemaCases)('refuses %s', async (_label, change, reason, message) => {
    const result = await hostile(change);
    expect(result.reason).toBe(reason);
    expect(result.message).toMatch(message);
  });

  it('refuses rows that do not match the manifest’s counts', async () => {
    const result = await hostile((db) => db.exec('DELETE FROM complaint_events WHERE rowid = (SELECT max(rowid) FROM complaint_events)'), { keepManifest: true });
    expect(result).toMatchObject({ reason: 'CONTENT_MISMATCH', message: expect.stringMatching(/complaint_events 行数/) as unknown });
  });

  it('refuses a changed row under the old content hash', async () => {
    const result = await hostile((db) => db.exec("UPDATE complaints SET phone = '13900000000' WHERE rowid = 1"), {
      edit: (m) => (m.contentHash = whole.manifest.contentHash),
    });
    expect(result).toMatchObject({ reason: 'CONTENT_MISMATCH', message: expect.stringMatching(/内容校验值不符/) as unknown });
  });

  it('refuses attachment bytes that do not match their SHA-256', async () => {
    const result = await hostile((db) => db.exec("UPDATE attachment_files SET bytes = x'00' WHERE rowid = 1"));
    expect(result).toMatchObject({ reason: 'CONTENT_MISMATCH', message: expect.stringMatching(/附件内容/) as unknown });
  });

  it('refuses a row that refers to a complaint not in the file', async () => {
    const result = await hostile((db) => db.exec("UPDATE complaint_events SET complaint_id = '01ARZ3NDEKTSV4RRFFQ69G5FAV' WHERE rowid = 1"));
    expect(result).toMatchObject({ reason: 'CONTENT_MISMATCH', message: expect.stringMatching(/不存在的记录/) as unknown });
  });

  it('refuses a manifest of another kind', async () => {
    const result = await hostile(() => undefined, { edit: (m) => ((m as { kind: string }).kind = 'something-else') });
    expect(result.reason).toBe('NOT_SNAPSHOT');
  });

  it('refuses a damaged b-tree (quick_check)', async () => {
    let root = 0;
    let pageSize = 0;
    const result = await hostile(
      (db) => {
        root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'complaint_events'").pluck().get() as number;
        pageSize = db.pragma('page_size', { simple: true }) as number;
      },
      {
        keepManifest: true,
        bytes: (path) => {
          const bytes = readFileSync(path);
          bytes.fill(0xee, (root - 1) * pageSize + 8, (root - 1) * pageSize + 64); // the page's cell pointers
          writeFileSync(path, bytes);
        },
      },
    );
    expect(result.reason).toBe('NOT_SNAPSHOT');
    expect(result.message).toMatch(/完整性检查未通过|无法读取/);
  });

  it('refuses a payload that is not a SQLite database at all', async () => {
    const junk = fresh('junk.bin');
    writeFileSync(junk, randomBytes(64 * 1024));
    const out = fresh('junk.cdx');
    await seal(junk, out, whole.manifest);
    const { reason, message } = await refusal(open(out));
    expect(reason).toBe('NOT_SNAPSHOT');
    expect(message).toMatch(/不是 SQLite 数据库/);
    expect(statSync(out).size).toBeGreaterThan(64 * 1024);
  });
});
