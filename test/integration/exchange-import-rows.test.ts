import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFolder, type ExportResult } from '../../src-main/exchange/export.service';
import { openImport, type OpenedImport } from '../../src-main/exchange/import-open';
import { ImportRowReader, type Row } from '../../src-main/exchange/import-rows';
import { RECORD_TABLES } from '../../src-main/exchange/snapshot-schema';
import { openTestApp, type TestApp } from '../helpers/app';
import { decryptToFile, describeSnapshot, makeFolder, PASSPHRASE, seal, seedOffice, TEST_KDF, type SeededOffice } from '../helpers/exchange';
import { unpinClock } from './lifecycle-fixtures';

let office: TestApp;
let seeded: SeededOffice;
let hq: TestApp;
let stick: string;
let whole: ExportResult;

beforeAll(async () => {
  office = openTestApp();
  seeded = seedOffice(office);
  hq = openTestApp();
  stick = makeFolder();
  whole = await exportToFolder(office.ctx, { folder: stick, passphrase: PASSPHRASE }, { kdf: TEST_KDF });
});
afterAll(() => {
  unpinClock(office);
  office.close();
  hq.close();
  rmSync(stick, { recursive: true, force: true });
});

/** Read every table through the reader, as the merge will. */
function readAll(opened: OpenedImport) {
  const reader = new ImportRowReader(opened.db, opened.manifest);
  const rows: Record<string, Row[]> = {};
  for (const table of RECORD_TABLES) rows[table] = [...reader.rows(table)];
  return { reader, rows };
}

/** A copy of the export with `change` made to its database (checks off), sealed with a matching manifest. */
async function changed(change: string): Promise<OpenedImport> {
  const { path, manifest } = await decryptToFile(whole.path);
  const db = new Database(path);
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  db.exec(change);
  db.close();
  const out = join(stick, `changed-${Date.now()}-${Math.random()}.cdx`);
  await seal(path, out, { ...manifest, ...(await describeSnapshot(path)) });
  return openImport(hq.dataDir, out, PASSPHRASE);
}

describe('rows of an import', () => {
  it('all pass when the file is a genuine export', async () => {
    const opened = await openImport(hq.dataDir, whole.path, PASSPHRASE);
    try {
      const { reader, rows } = readAll(opened);
      expect(reader.refused).toEqual([]);
      for (const table of RECORD_TABLES) expect(rows[table]!.length, table).toBe(whole.manifest.counts[table]);
      const sha = seeded.complaints[2]!.attachments[0]!.sha256;
      expect(reader.attachmentBytes(sha)?.length).toBe(seeded.complaints[2]!.attachments[0]!.size);
    } finally {
      opened.close();
    }
  });

  it('refuses a complaint that fails the contract (a severity that does not exist), and every row hanging off it', async () => {
    const target = seeded.complaints[2]!.complaint.id;
    const opened = await changed(`UPDATE complaints SET severity = 'catastrophic' WHERE id = '${target}'`);
    try {
      const { reader, rows } = readAll(opened);
      expect(rows.complaints!.map((r) => r.id)).not.toContain(target);
      expect(rows.complaints).toHaveLength(4);
      expect(reader.refused[0]).toMatchObject({ table: 'complaints', id: target, reason: expect.stringMatching(/^severity：请选择投诉等级/) as unknown });
      const children = reader.refused.slice(1);
      expect(children.length).toBeGreaterThan(3);
      expect(new Set(children.map((r) => r.table))).toEqual(new Set(['complaint_events', 'attachments', 'handling_rounds', 'holds', 'complaint_deadlines', 'form_prints']));
      // complaint_id, or for the signed print its attachment (refused with the complaint): whichever reference is checked first.
      expect(children.map((r) => r.reason).filter((reason) => !/^(complaint_id|signed_attachment_id)：所引用的记录已被拒收$/.test(reason))).toEqual([]);
      for (const table of RECORD_TABLES) expect(rows[table]!.some((r) => r.complaint_id === target), table).toBe(false);
    } finally {
      opened.close();
    }
  });

  it('refuses a complaint of another office than the file says', async () => {
    const target = seeded.complaints[0]!.complaint.id;
    const opened = await changed(`UPDATE complaints SET office_code = 'OTHER' WHERE id = '${target}'`);
    try {
      const { reader } = readAll(opened);
      expect(reader.refused[0]).toMatchObject({ table: 'complaints', id: target, reason: 'office_code：服务中心代码与导出文件不符' });
    } finally {
      opened.close();
    }
  });

  it('refuses a staff member with an unknown role, and the complaints they received', async () => {
    const receiver = seeded.office.receiverId;
    const opened = await changed(`UPDATE staff SET role = 'emperor' WHERE id = '${receiver}'`);
    try {
      const { reader, rows } = readAll(opened);
      expect(reader.refused[0]).toMatchObject({ table: 'staff', id: receiver });
      expect(rows.complaints).toHaveLength(0); // every complaint was received by that receptionist
      expect(reader.refused.filter((r) => r.table === 'complaints').every((r) => r.reason === 'receiver_id：所引用的记录已被拒收')).toBe(true);
    } finally {
      opened.close();
    }
  });

  it('refuses a timeline entry whose changes are not the JSON the app writes', async () => {
    const opened = await changed(`UPDATE complaint_events SET changes = '{not json' WHERE rowid = 1`);
    try {
      const { reader } = readAll(opened);
      expect(reader.refused, JSON.stringify(reader.refused.slice(0, 5))).toHaveLength(1);
      expect(reader.refused[0]).toMatchObject({ table: 'complaint_events', reason: 'changes：内容格式无效' });
    } finally {
      opened.close();
    }
  });
});
