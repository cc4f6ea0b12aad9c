/**
 * 答复 travel to head office (issue 13 point 6): an office's replies to complainants are exported in
 * their own table, checked by the import rules and merged; head office sees them on the complaint
 * and its deadlines met by them; a re-import changes nothing; a hostile reply row is refused.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFolder, type ExportResult } from '../../src-main/exchange/export.service';
import { importFiles } from '../../src-main/exchange/import.service';
import { COMPLAINT_TABLES } from '../../src-main/exchange/snapshot-schema';
import type { ComplaintDetail, ImportFileResult, MergeSummary } from '../../src-preload/contract';
import { setUpOffice, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { decryptToFile, describeSnapshot, makeFolder, PASSPHRASE, seal, seedOffice, TEST_KDF, type SeededOffice } from '../helpers/exchange';
import { setNow, step, trackedApps } from './lifecycle-fixtures';

const folders: string[] = [];
const open = trackedApps();
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const exportOf = (office: TestApp) => {
  const folder = makeFolder();
  folders.push(folder);
  return exportToFolder(office.ctx, { folder, passphrase: PASSPHRASE }, { kdf: TEST_KDF });
};
const importInto = (hq: TestApp, actorId: string, path: string): Promise<ImportFileResult[]> => importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE });
const merged = (r: ImportFileResult | undefined): MergeSummary => {
  if (!r?.ok) throw new Error(`import refused: ${JSON.stringify(r)}`);
  return r.summary;
};

describe('USB exchange carries 答复', () => {
  let office: TestApp;
  let seeded: SeededOffice;
  let answered: ComplaintDetail;
  let file: ExportResult;
  let hq: TestApp;
  let hqActor: string;
  let summary: MergeSummary;

  beforeAll(async () => {
    office = open();
    seeded = seedOffice(office);
    // The 10-31 complaint (still 已登记): answered twice by phone and visit, on the clock seedOffice pinned (2026-12-03 10:00).
    setNow(office, '2026-12-03 10:00');
    // As it is now (the tick made it 重大 a month after intake: its 明确答复 is owed from then).
    const first = office.ok('complaints:get', { id: seeded.complaints[0]!.complaint.id });
    let d = step(office, seeded.office, 'reply', first, { at: '2026-11-01 10:00', method: 'phone', content: '已告知业主工程部周一上门' });
    d = step(office, seeded.office, 'reply', d, { at: '2026-12-03 09:30', method: 'visit', content: '上门说明维修进度' });
    answered = d;
    file = await exportOf(office);
    hq = open();
    hqActor = setUpOffice(hq, 'ZB01').receiverId;
    summary = merged((await importInto(hq, hqActor, file.path))[0]);
  });

  it('exports the replies table and merges every row as new', () => {
    expect(COMPLAINT_TABLES).toContain('replies');
    expect(file.manifest.counts.replies).toBe(2);
    expect(summary.tables.find((t) => t.table === 'replies')).toMatchObject({ new: 2, refused: 0 });
  });

  it('head office sees the replies and the 答复 deadline met by the first', () => {
    const atHq = hq.ok('complaints:get', { id: answered.complaint.id });
    expect(atHq.process.replies).toEqual(answered.process.replies);
    expect(atHq.process.replies.map((r) => [r.at, r.method, r.replier, r.content])).toEqual([
      ['2026-11-01 10:00', 'phone', '周晓雯', '已告知业主工程部周一上门'],
      ['2026-12-03 09:30', 'visit', '周晓雯', '上门说明维修进度'],
    ]);
    expect(atHq.process.deadlines.find((x) => x.kind === 'response')).toMatchObject({ completedAt: '2026-11-01 10:00' });
    const rows = (db: TestApp) => db.ctx.db.prepare('SELECT * FROM replies ORDER BY id').all();
    expect(rows(hq)).toEqual(rows(office));
  });

  it('a re-import changes nothing', async () => {
    const rows = () => snapshotAll(hq.ctx.db).replies;
    const before = rows();
    const again = merged((await importInto(hq, hqActor, file.path))[0]);
    expect(again.tables.find((t) => t.table === 'replies')).toMatchObject({ new: 0, updated: 0 });
    expect(rows()).toEqual(before);
  });

  it('a reply row without content, or with an unknown method, is refused with its reason', async () => {
    const other = open();
    const actor = setUpOffice(other, 'ZB02').receiverId;
    const { path, manifest } = await decryptToFile(file.path);
    const db = new Database(path);
    const [a, b] = db.prepare('SELECT id FROM replies ORDER BY at').pluck().all() as string[];
    db.prepare("UPDATE replies SET content = '  ' WHERE id = ?").run(a);
    db.prepare("UPDATE replies SET method = 'pigeon' WHERE id = ?").run(b);
    db.close();
    const folder = makeFolder();
    folders.push(folder);
    const tampered = join(folder, 'changed.cdx');
    await seal(path, tampered, { ...manifest, ...(await describeSnapshot(path)) });
    const result = merged((await importInto(other, actor, tampered))[0]);
    const refused = result.refused.filter((r) => r.table === 'replies').map((r) => r.reason).sort();
    expect(refused).toEqual(['content：不能为空且不超过 2000 个字', 'method：不是有效的选项']);
  });
});
