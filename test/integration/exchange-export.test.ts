import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src-main/exchange/content-hash';
import { exportFileName, exportToFolder, type ExportProgress } from '../../src-main/exchange/export.service';
import { parseManifest } from '../../src-main/exchange/manifest';
import { ATTACHMENT_FILES_TABLE, EXPORT_APPLICATION_ID, NOT_EXPORTED, RECORD_TABLES, snapshotSchema } from '../../src-main/exchange/snapshot-schema';
import { attachmentPath, sha256Of } from '../../src-main/services/attachment-store';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { openTestApp, type TestApp } from '../helpers/app';
import { snapshotTableNames } from '../helpers/db-snapshot-all';
import { decryptToFile, listFolder, makeFolder, PASSPHRASE, recordRows, refusal, scratchFiles, seedOffice, TEST_KDF, type SeededOffice } from '../helpers/exchange';
import { unpinClock } from './lifecycle-fixtures';

let app: TestApp;
let seeded: SeededOffice;
let folder: string;

beforeAll(() => {
  app = openTestApp();
  seeded = seedOffice(app);
});
afterAll(() => {
  unpinClock(app);
  app.close();
});
beforeAll(() => {
  folder = makeFolder();
});
afterEach(() => {
  for (const name of listFolder(folder)) rmSync(join(folder, name), { force: true });
  expect(scratchFiles(app.dataDir)).toEqual([]); // no plaintext snapshot is ever left in the data dir
});

const exportIt = (range?: { from: string; to: string }, extra: Parameters<typeof exportToFolder>[2] = {}) =>
  exportToFolder(app.ctx, { folder, passphrase: PASSPHRASE, range }, { kdf: TEST_KDF, ...extra });

describe('the tables of an export', () => {
  it('are decided for every table of the office database: exported, or left at the office with a reason', () => {
    const all = snapshotTableNames(app.ctx.db).filter((t) => !/^complaints_(fts|bigrams)$/.test(t));
    for (const table of all) expect(RECORD_TABLES.includes(table) || table in NOT_EXPORTED, `table ${table} is in neither list`).toBe(true);
  });

  it('are plain tables only: no views, triggers, virtual tables or explicit indexes', () => {
    const { entries } = snapshotSchema();
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(['table', 'index']));
    expect(entries.filter((e) => e.type === 'index').every((e) => e.sql === null)).toBe(true); // autoindexes of PRIMARY KEY/UNIQUE
    expect(entries.filter((e) => e.type === 'table').map((e) => e.name).sort()).toEqual([...RECORD_TABLES, ATTACHMENT_FILES_TABLE].sort());
    expect(entries.some((e) => /VIRTUAL/i.test(e.sql ?? ''))).toBe(false);
  });
});

describe('exporting the whole register', () => {
  it('writes <code>-<from>-<to>.cdx that decrypts to the same rows, counts and content hash as the office database', async () => {
    const result = await exportIt();
    expect(result.fileName).toBe('YGHA-20261031-20261203.cdx'); // first complaint received … today (pinned clock)
    expect(listFolder(folder)).toEqual([result.fileName]); // no .part left beside it
    expect(result.fileBytes).toBe(readFileSync(result.path).length);

    const { path, manifest } = await decryptToFile(result.path);
    expect(parseManifest(manifest)).toEqual(result.manifest);
    expect(manifest).toMatchObject({
      kind: 'complaint-desk-export',
      formatVersion: 1,
      appVersion: expect.any(String) as unknown,
      schemaVersion: LATEST_VERSION,
      office: { code: 'YGHA', name: '阳光花园服务中心', timeZone: 'Asia/Shanghai' },
      exportedAt: '2026-12-03T02:00:00.000Z',
      range: { from: '2026-10-31', to: '2026-12-03', whole: true },
      missingAttachmentFiles: [],
    });

    const snapshot = new Database(path, { readonly: true });
    try {
      expect(snapshot.pragma('application_id', { simple: true })).toBe(EXPORT_APPLICATION_ID);
      expect(snapshot.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(snapshot.pragma('journal_mode', { simple: true })).toBe('delete'); // one file, no -wal
      expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(recordRows(snapshot)).toEqual(recordRows(app.ctx.db));
      for (const [table, count] of Object.entries(manifest.counts)) {
        expect(snapshot.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), table).toBe(count);
      }
      expect(manifest.counts).toMatchObject({ complaints: 5, attachments: 2, attachment_files: 2, escalations: 1, holds: 1, form_prints: 1 });
      expect(manifest.counts.handling_rounds).toBeGreaterThan(0);
      expect(manifest.counts.follow_ups).toBeGreaterThan(0);
      expect(manifest.counts.complaint_deadlines).toBeGreaterThan(0);

      // The same content hash from the snapshot and from the office database itself.
      const tables = snapshotSchema().tables;
      expect(await contentHash(snapshot, tables)).toBe(manifest.contentHash.value);
      expect(await contentHash(app.ctx.db, tables)).toBe(manifest.contentHash.value);

      // Attachment bytes travel inside, named by their SHA-256.
      const files = snapshot.prepare(`SELECT sha256, bytes FROM ${ATTACHMENT_FILES_TABLE}`).all() as { sha256: string; bytes: Buffer }[];
      for (const f of files) {
        expect(sha256Of(f.bytes)).toBe(f.sha256);
        expect(f.bytes).toEqual(readFileSync(attachmentPath(app.dataDir, f.sha256)));
      }
      // Nothing the office keeps for itself.
      const names = snapshot.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[];
      for (const local of Object.keys(NOT_EXPORTED)) expect(names.some((n) => n.startsWith(local))).toBe(false);
    } finally {
      snapshot.close();
    }
  });

  it('reports progress through every phase, rising to 1', async () => {
    const seen: ExportProgress[] = [];
    await exportIt(undefined, { onProgress: (p) => seen.push(p) });
    const fractions = seen.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(['snapshot', 'attachments', 'hash', 'encrypt', 'verify']));
  });

  it('replaces an earlier export of the same name', async () => {
    const first = await exportIt();
    const second = await exportIt();
    expect(second.path).toBe(first.path);
    expect(listFolder(folder)).toEqual([first.fileName]);
    expect(second.fingerprint).not.toBe(first.fingerprint);
  });
});

describe('exporting a received-date range', () => {
  it('holds the complaints received in the range (wall time, both ends) with all their rows, and the whole directory', async () => {
    const result = await exportIt({ from: '2026-11-01', to: '2026-11-30' });
    expect(result.fileName).toBe('YGHA-20261101-20261130.cdx');
    expect(result.manifest.range).toEqual({ from: '2026-11-01', to: '2026-11-30', whole: false });
    const { path } = await decryptToFile(result.path);
    const snapshot = new Database(path, { readonly: true });
    try {
      expect((snapshot.prepare('SELECT id FROM complaints').pluck().all() as string[]).sort()).toEqual([...seeded.novemberIds].sort());
      expect(recordRows(snapshot)).toEqual(recordRows(app.ctx.db, seeded.novemberIds));
      expect(snapshot.prepare('SELECT count(*) FROM staff').pluck().get()).toBe(app.ctx.db.prepare('SELECT count(*) FROM staff').pluck().get());
      expect(result.manifest.counts.attachment_files).toBe(2);
      expect(snapshot.pragma('foreign_key_check')).toEqual([]);
    } finally {
      snapshot.close();
    }
  });

  it('writes an empty register for a range with no complaints', async () => {
    const result = await exportIt({ from: '2025-01-01', to: '2025-01-31' });
    expect(result.manifest.counts).toMatchObject({ complaints: 0, complaint_events: 0, attachment_files: 0 });
    expect(result.manifest.counts.departments).toBeGreaterThan(0);
  });
});

describe('an export that cannot be made as asked', () => {
  it.each([
    ['a short passphrase', { passphrase: '1234567' }, 'passphrase'],
    ['a range ending before it starts', { range: { from: '2026-11-30', to: '2026-11-01' } }, 'range'],
    ['a date that does not exist', { range: { from: '2026-02-30', to: '2026-03-01' } }, 'range'],
    ['a folder that is gone (stick pulled)', { folder: '/nonexistent/stick' }, 'folder'],
  ])('refuses %s, naming the field', async (_label, change, field) => {
    const error = await exportToFolder(app.ctx, { folder, passphrase: PASSPHRASE, ...change }, { kdf: TEST_KDF }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'INVALID_REQUEST', code: 'VALIDATION', field });
    expect(listFolder(folder)).toEqual([]);
  });

  it('refuses before the office is set up', async () => {
    const blank = openTestApp();
    try {
      const error = await exportToFolder(blank.ctx, { folder, passphrase: PASSPHRASE }, { kdf: TEST_KDF }).catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'INVALID_REQUEST', field: 'office' });
    } finally {
      blank.close();
    }
  });

  it('lists an attachment whose file is missing from the store, and still exports', async () => {
    const sha = seeded.complaints[3]!.attachments[0]!.sha256;
    const stored = attachmentPath(app.dataDir, sha);
    const bytes = readFileSync(stored);
    rmSync(stored);
    try {
      const result = await exportIt();
      expect(result.manifest.missingAttachmentFiles).toEqual([sha]);
      expect(result.manifest.counts).toMatchObject({ attachments: 2, attachment_files: 1 });
    } finally {
      writeFileSync(stored, bytes);
    }
  });
});

describe('cancelling an export', () => {
  it.each(['snapshot', 'attachments', 'hash', 'encrypt', 'verify'] as const)('during %s leaves no file in the folder and no scratch file', async (phase) => {
    const controller = new AbortController();
    const exporting = exportIt(undefined, {
      signal: controller.signal,
      chunkBytes: 1024, // many chunks, so encrypt and verify report progress more than once
      onProgress: (p) => p.phase === phase && controller.abort(),
    });
    const { reason, message } = await refusal(exporting);
    expect(reason).toBe('CANCELLED');
    expect(message).toContain('已取消');
    expect(listFolder(folder)).toEqual([]);
    expect(existsSync(join(folder, exportFileName('YGHA', '2026-10-31', '2026-12-03')))).toBe(false);
  });
});

describe('the desk saving while an export runs', () => {
  it('does not wait for the export; what it saves is not in the file, and the file’s content hash is still its own', async () => {
    const complaint = seeded.complaints[0]!.complaint;
    const before = app.ctx.db.prepare('SELECT summary FROM complaints WHERE id = ?').pluck().get(complaint.id) as string;
    let saved = false;
    const result = await exportIt(undefined, {
      // The copy is under way and the hashing workers read beside it: the desk saves a change.
      onProgress: (p) => {
        if (p.phase !== 'snapshot' || saved) return;
        app.ctx.db.prepare('UPDATE complaints SET summary = ? WHERE id = ?').run('导出途中保存的总结', complaint.id);
        saved = true;
      },
    });
    try {
      expect(saved).toBe(true);
      const { path, manifest } = await decryptToFile(result.path);
      const snapshot = new Database(path, { readonly: true });
      try {
        expect(snapshot.prepare('SELECT summary FROM complaints WHERE id = ?').pluck().get(complaint.id)).toBe(before);
        const tables = snapshotSchema().tables;
        // The workers hashed the office database as it was when the copy began, not as it is now.
        expect(await contentHash(snapshot, tables)).toBe(manifest.contentHash.value);
        expect(await contentHash(app.ctx.db, tables)).not.toBe(manifest.contentHash.value);
      } finally {
        snapshot.close();
      }
    } finally {
      app.ctx.db.prepare('UPDATE complaints SET summary = ? WHERE id = ?').run(before, complaint.id);
    }
  });
});
