/**
 * The merge of received exports (issue 5 points 2–3, 6): round trip into an empty database, double
 * import, an older export after a newer one, three offices with edits between their exports, rows
 * refused by the contract's schemas, a whole file refused, cancel. Real files throughout: offices
 * and head office are separate data directories, exports go through a folder like a stick.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src-main/exchange/content-hash';
import { exportToFolder, type ExportResult } from '../../src-main/exchange/export.service';
import { catchUpAfterImport, importFiles } from '../../src-main/exchange/import.service';
import { openImport } from '../../src-main/exchange/import-open';
import { EXCHANGE_TEMP_FOLDER } from '../../src-main/exchange/exchange-temp';
import { mergeImport } from '../../src-main/exchange/merge';
import { searchBacklogSize } from '../../src-main/db/search-backlog';
import { listImportHistory } from '../../src-main/exchange/offices';
import { COMPLAINT_TABLES, DIRECTORY_TABLES, snapshotSchema } from '../../src-main/exchange/snapshot-schema';
import type { ComplaintEvent, ImportFileResult, MergeSummary } from '../../src-preload/contract';
import { phoneComplaint, setUpOffice, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { onePixelPng } from '../helpers/files';
import { sweepAutoMajor } from '../../src-main/services/lifecycle.service';
import { childScript, startChild } from '../helpers/child-process';
import { decryptToFile, describeSnapshot, makeFolder, PASSPHRASE, seal, seedOffice, TEST_KDF, type SeededOffice } from '../helpers/exchange';
import { create, setNow, step, trackedApps, validInput } from './lifecycle-fixtures';

const folders: string[] = [];
const app = trackedApps();
const stick = () => {
  const f = makeFolder();
  folders.push(f);
  return f;
};
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Head office: its own set-up (code ZB01), nothing else. */
function headOffice(): { hq: TestApp; actorId: string } {
  const hq = app();
  const ids = setUpOffice(hq, 'ZB01');
  return { hq, actorId: ids.receiverId };
}

const exportOf = (office: TestApp, folder = stick(), range?: { from: string; to: string }) =>
  exportToFolder(office.ctx, { folder, passphrase: PASSPHRASE, range }, { kdf: TEST_KDF });

/** A seeded office's export, and head office set up with its own directory (ZB01) and nothing merged yet. */
async function anExportAndHeadOffice(): Promise<{ file: ExportResult; hq: TestApp; ids: ReturnType<typeof setUpOffice> }> {
  const office = app();
  seedOffice(office);
  const file = await exportOf(office);
  const hq = app();
  return { file, hq, ids: setUpOffice(hq, 'ZB01') };
}

async function importInto(hq: TestApp, actorId: string, ...files: ExportResult[]): Promise<ImportFileResult[]> {
  return importFiles(hq.ctx, { actorId, paths: files.map((f) => f.path), passphrase: PASSPHRASE });
}

function merged(result: ImportFileResult | undefined): MergeSummary {
  if (!result?.ok) throw new Error(`import refused: ${JSON.stringify(result)}`);
  return result.summary;
}

const sortedRows = (db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params).map((r) => JSON.stringify(r)).sort();

/** An office's complaints and every row hanging off them, as stored (for comparing office and head office). */
function officeRecords(db: Database.Database, officeCode: string): Record<string, string[]> {
  const out: Record<string, string[]> = { complaints: sortedRows(db, 'SELECT * FROM complaints WHERE office_code = ?', officeCode) };
  for (const table of COMPLAINT_TABLES.slice(1)) {
    out[table] = sortedRows(db, `SELECT t.* FROM "${table}" t JOIN complaints c ON c.id = t.complaint_id WHERE c.office_code = ?`, officeCode);
  }
  return out;
}

/** An office's own directory as head office should hold it: the same rows, filed under its code. */
function directoryAs(db: Database.Database, storedCode: string, shownCode: string): Record<string, string[]> {
  return Object.fromEntries(
    DIRECTORY_TABLES.map((t) => [t, sortedRows(db, `SELECT *, ? AS office_code FROM "${t}" WHERE office_code = ?`, shownCode, storedCode)]),
  );
}

/**
 * The content hash of one office's records inside a database, computed as an export computes it:
 * the office's rows copied into a scratch database (directory back under office_code '').
 */
async function contentHashOf(db: Database.Database, officeCode: string, storedDirectoryCode: string): Promise<string> {
  const scratch = new Database(':memory:');
  try {
    for (const sql of snapshotSchema().statements) scratch.exec(sql);
    scratch.prepare('ATTACH DATABASE ? AS src').run(db.name);
    for (const t of DIRECTORY_TABLES) {
      const cols = scratch.prepare("SELECT name FROM pragma_table_info(?, 'main') WHERE name <> 'office_code'").pluck().all(t) as string[];
      scratch.prepare(`INSERT INTO main."${t}" (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM src."${t}" WHERE office_code = ?`).run(storedDirectoryCode);
    }
    scratch.prepare('INSERT INTO main.complaints SELECT * FROM src.complaints WHERE office_code = ?').run(officeCode);
    for (const t of COMPLAINT_TABLES.slice(1)) scratch.exec(`INSERT INTO main."${t}" SELECT * FROM src."${t}" WHERE complaint_id IN (SELECT id FROM main.complaints)`);
    return await contentHash(scratch, snapshotSchema().tables);
  } finally {
    scratch.close();
  }
}

describe('round trip', () => {
  let office: TestApp;
  let seeded: SeededOffice;
  let file: ExportResult;
  let hq: TestApp;
  let summary: MergeSummary;
  const indexesOf = (db: Database.Database) => db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
  let indexesBefore: unknown[];
  const planStat = { tbl: 'complaints', idx: 'complaints_status', stat: '1000 50 2' };

  beforeAll(async () => {
    office = app();
    seeded = seedOffice(office);
    file = await exportOf(office);
    ({ hq } = headOffice());
    indexesBefore = indexesOf(hq.ctx.db);
    // Planner statistics as PRAGMA optimize leaves them (ANALYZE skips empty tables: one row put in by hand).
    hq.ctx.db.exec('ANALYZE');
    hq.ctx.db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)').run(planStat.tbl, planStat.idx, planStat.stat);
    const actorId = hq.ok('staff:list', {})[0]!.id;
    summary = merged((await importInto(hq, actorId, file))[0]);
  });

  it('head office keeps every index, whole, and its planner statistics (the merge rebuilds the indexes of tables it more than doubles)', () => {
    expect(indexesOf(hq.ctx.db)).toEqual(indexesBefore);
    expect(hq.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(hq.ctx.db.prepare('SELECT stat FROM sqlite_stat1 WHERE tbl = ? AND idx = ?').pluck().get(planStat.tbl, planStat.idx)).toBe(planStat.stat);
    const plan = hq.ctx.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM complaints WHERE status = 'closed' ORDER BY received_at").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('complaints_status');
  });

  it('head office holds the same rows and the same content hash as the export', async () => {
    expect(officeRecords(hq.ctx.db, 'YGHA')).toEqual(officeRecords(office.ctx.db, 'YGHA'));
    expect(directoryAs(hq.ctx.db, 'YGHA', '')).toEqual(directoryAs(office.ctx.db, '', ''));
    expect(await contentHashOf(hq.ctx.db, 'YGHA', 'YGHA')).toBe(file.manifest.contentHash.value);
  });

  it('the summary counts every row as new, per table, and none refused', () => {
    expect(summary.officeCode).toBe('YGHA');
    expect(summary.totals.refused).toBe(0);
    expect(summary.totals.updated).toBe(0);
    expect(summary.totals.unchanged).toBe(0);
    for (const t of summary.tables) expect(t.new, t.table).toBe(file.manifest.counts[t.table]);
    expect(summary.seenBefore).toBe(false);
  });

  it('the register of head office finds the merged complaints, also by full-text search', () => {
    const page = hq.ok('complaints:list', { text: '王芳' });
    expect(page.items.map((r) => r.number)).toEqual([seeded.complaints[2]!.complaint.number]);
    const all = hq.ok('complaints:list', {});
    expect(all.total).toBe(seeded.complaints.length);
  });

  it('the timeline arrives with its notes’ keys, so head office can read it in English too', () => {
    const id = seeded.complaints[3]!.complaint.id;
    const keyed = (events: ComplaintEvent[]) => events.filter((e) => e.noteText).map((e) => [e.note, e.noteText]);
    const atOffice = keyed(office.ok('complaints:get', { id }).events);
    expect(atOffice.length).toBeGreaterThan(0);
    expect(keyed(hq.ok('complaints:get', { id }).events)).toEqual(atOffice);
  });

  it('attachments arrive with their bytes (served from head office’s store)', () => {
    const held = hq.ok('complaints:get', { id: seeded.complaints[2]!.complaint.id });
    expect(held.attachments.map((a) => a.fileName)).toContain('漏水照片.png');
  });

  it('a 转派 arrives with its round, the office’s departments, its reason and the signature it replaced', () => {
    const moved = hq.ok('complaints:get', { id: seeded.complaints[3]!.complaint.id });
    expect(moved.process.redispatches).toEqual([
      expect.objectContaining({ round: 1, fromDepartmentName: '工程部', toDepartmentName: '环境部', reason: '查明为公共区域问题，归环境部', fromSignedBy: '李强', fromSignedAt: '2026-12-03 09:00' }),
    ]);
    expect(moved.process.rounds[0]).toMatchObject({ departmentName: '环境部', signedBy: '' });
    expect(file.manifest.counts.redispatches).toBe(1);
  });

  it('head office’s own directory stays its own: the intake lists show only its departments', () => {
    const names = hq.ok('departments:list', {}).map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    const stored = hq.ctx.db.prepare("SELECT count(*) FROM departments WHERE name = '工程部'").pluck().get();
    expect(stored).toBe(2); // ZB01's own and YGHA's
  });

  it('merged complaints are the sending office’s: head office may read them, not change them', () => {
    const before = snapshotAll(hq.ctx.db);
    const d = hq.ok('complaints:get', { id: seeded.complaints[0]!.complaint.id });
    const actorId = hq.ok('staff:list', {})[0]!.id;
    const refusals = [
      hq.call('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId, patch: { room: '999' } }),
      hq.call('lifecycle:escalate', { id: d.complaint.id, version: d.complaint.version, actorId, level: 'director', reason: '总部督办' }),
      hq.call('attachments:add', { complaintId: d.complaint.id, actorId, fileName: '照片.png', dataBase64: onePixelPng().toString('base64') }),
    ];
    for (const r of refusals) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toContain(`属于服务中心 YGHA`);
    }
    // Nor does head office's clock upgrade them to major (two months on) or alert on their deadlines.
    setNow(hq, '2027-01-20 10:00');
    expect(sweepAutoMajor(hq.ctx)).toBe(0);
    expect(hq.ok('deadlines:alerts', {})).toEqual([]);
    const after = snapshotAll(hq.ctx.db);
    expect(after).toEqual(before);
  });

  it('the import history has the file with its counts and office', () => {
    const history = listImportHistory(hq.ctx);
    expect(history.map((h) => [h.fileName, h.officeCode, h.totals.new])).toEqual([[file.fileName, 'YGHA', summary.totals.new]]);
  });
});

describe('search entries of merged complaints', () => {
  it('are written after the commit; if the app stops first, the next start writes them', async () => {
    const office = app();
    const seeded = seedOffice(office);
    const file = await exportOf(office);
    const { hq } = headOffice();
    const openedFile = await openImport(hq.dataDir, file.path, PASSPHRASE);
    try {
      await mergeImport(hq.ctx, openedFile, { actorName: '测试', fileName: file.fileName });
    } finally {
      openedFile.close();
    }
    // Merged and committed: in the register, not yet in the search index (as after a stop right
    // here), yet found by text all the same (the register scans the backlog's complaints).
    expect(hq.ok('complaints:list', {}).total).toBe(seeded.complaints.length);
    expect(searchBacklogSize(hq.ctx.db)).toBe(seeded.complaints.length);
    expect(hq.ctx.db.prepare(`SELECT count(*) FROM complaints_fts WHERE complaints_fts MATCH '"王芳"'`).pluck().get()).toBe(0);
    expect(hq.ok('complaints:list', { text: '王芳' }).items.map((r) => r.number)).toEqual([seeded.complaints[2]!.complaint.number]);
    hq.ctx.close(); // the data folder stays, as after a stop

    const restarted = app(hq.dataDir);
    await expect.poll(() => searchBacklogSize(restarted.ctx.db), { timeout: 10_000 }).toBe(0);
    expect(restarted.ok('complaints:list', { text: '王芳' }).items.map((r) => r.number)).toEqual([seeded.complaints[2]!.complaint.number]);
    expect(restarted.ok('complaints:list', { text: '刘洋' }).total).toBe(1); // two characters: the bigram index
  });

  it('take nothing from the desk: its own complaints are indexed as they are saved, after a merge as before', async () => {
    const { file, hq, ids } = await anExportAndHeadOffice();
    const triggers = () => hq.ctx.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();
    const before = triggers();
    merged((await importInto(hq, ids.receiverId, file))[0]);
    expect(triggers()).toEqual(before); // the merge takes the search triggers away only inside its transaction

    const own = hq.ok('complaints:create', phoneComplaint(ids, { description: '总部前台登记：电梯按钮失灵，困人半小时' }));
    const indexed = () => hq.ctx.db.prepare(`SELECT count(*) FROM complaints_fts WHERE complaints_fts MATCH '"按钮失灵"'`).pluck().get();
    expect(indexed()).toBe(1); // by the trigger, at once: the complaint is on no backlog
    expect(hq.ok('complaints:list', { text: '按钮失灵' }).items.map((r) => r.number)).toEqual([own.number]);
    hq.ok('complaints:update', { id: own.id, version: own.version, actorId: ids.receiverId, patch: { description: '总部前台登记：电梯门夹人，困人半小时' } });
    expect(indexed()).toBe(0);
    expect(hq.ok('complaints:list', { text: '电梯门夹人' }).items.map((r) => r.number)).toEqual([own.number]);
  });
});

describe('kill -9 in the middle of an import', () => {
  it('leaves head office’s database as it was, intact', async () => {
    const office = app();
    seedOffice(office);
    const file = await exportOf(office);
    const { hq } = headOffice();
    const before = snapshotAll(hq.ctx.db);
    hq.ctx.close(); // the killed process is the only one writing

    const child = startChild(childScript('merge-and-hang.ts'), [hq.dataDir, file.path, PASSPHRASE]);
    try {
      await child.waitFor((lines) => lines.some((l) => l.startsWith('merging')), 'reach the commit of the merge');
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
    } finally {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }

    const restarted = app(hq.dataDir);
    expect(restarted.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshotAll(restarted.ctx.db)).toEqual(before);
    expect(restarted.ok('complaints:list', {}).total).toBe(0);
  }, 60_000);
});

describe('importing the same data twice', () => {
  let office: TestApp;
  let file: ExportResult;
  let hq: TestApp;
  let actorId: string;
  let rowsInFile: number;
  /** Head office's tables but the history's (which gains a row per import) and the offices' import times. */
  const records = () => {
    const all = snapshotAll(hq.ctx.db);
    delete all.exchange_imports;
    delete all.offices;
    return all;
  };

  beforeAll(async () => {
    office = app();
    seedOffice(office);
    file = await exportOf(office);
    ({ hq, actorId } = headOffice());
    merged((await importInto(hq, actorId, file))[0]);
    await catchUpAfterImport(hq.ctx); // the first import's search entries, written after it returned
    rowsInFile = Object.values(file.manifest.counts).reduce((a, b) => a + b) - file.manifest.counts.attachment_files!;
  });

  it('the same file again changes nothing, and says so; the history keeps both imports', async () => {
    const before = records();
    const again = merged((await importInto(hq, actorId, file))[0]);
    expect(again.seenBefore).toBe(true);
    expect(again.totals).toEqual({ new: 0, updated: 0, unchanged: rowsInFile, refused: 0 });
    for (const t of again.tables) expect(t.unchanged, t.table).toBe(file.manifest.counts[t.table]);
    expect(records()).toEqual(before);
    const history = hq.ctx.db.prepare('SELECT fingerprint, unchanged_rows FROM exchange_imports ORDER BY imported_at, id').all() as { fingerprint: string; unchanged_rows: number }[];
    expect(history.slice(-2).map((h) => h.fingerprint)).toEqual([file.fingerprint, file.fingerprint]);
    expect(history.at(-1)!.unchanged_rows).toBe(rowsInFile);
  });

  it('a file imported whole before is read and checked again, not decrypted and merged again', async () => {
    // A decryption needs the data folder's exchange-tmp/: a file in its place makes any real import fail.
    const temp = join(hq.ctx.dataDir, EXCHANGE_TEMP_FOLDER);
    rmSync(temp, { recursive: true, force: true });
    writeFileSync(temp, 'not a folder');
    try {
      const again = merged((await importInto(hq, actorId, file))[0]);
      expect(again.seenBefore).toBe(true);
      expect(again.totals.unchanged).toBe(rowsInFile);
      const [another] = await importInto(hq, actorId, await exportOf(office));
      expect(another!.ok).toBe(false); // so the recognised file really skipped the decryption
    } finally {
      rmSync(temp, { force: true });
    }
  });

  it('a damaged copy of a file imported before is still refused as damaged, and changes nothing', async () => {
    const bytes = readFileSync(file.path);
    bytes[bytes.length - 100]! ^= 0x01; // in the last chunk of the body
    const copy = join(stick(), file.fileName);
    writeFileSync(copy, bytes);
    const before = records();
    const [result] = await importFiles(hq.ctx, { actorId, paths: [copy], passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('校验失败') as unknown });
    expect(records()).toEqual(before);
  });

  it('the same rows in a new export (another file) are compared row by row, and change nothing', async () => {
    const newer = await exportOf(office);
    expect(newer.fingerprint).not.toBe(file.fingerprint);
    const before = records();
    const summary = merged((await importInto(hq, actorId, newer))[0]);
    expect(summary.seenBefore).toBe(false);
    expect(summary.totals).toEqual({ new: 0, updated: 0, unchanged: rowsInFile, refused: 0 });
    expect(records()).toEqual(before);
  });
});

describe('a calendar edit at head office', () => {
  it('moves the open working-day deadlines of its own complaints, never those of a merged office', async () => {
    const { file, hq, ids } = await anExportAndHeadOffice();
    merged((await importInto(hq, ids.receiverId, file))[0]);
    const openWorkingDays = (officeCode: string) =>
      hq.ctx.db
        .prepare(
          `SELECT d.* FROM complaint_deadlines d JOIN complaints c ON c.id = d.complaint_id
           WHERE c.office_code = ? AND d.completed_at = '' AND d.cancelled_at = '' AND json_extract(d.rule, '$.unit') = 'working_days' ORDER BY d.id`,
        )
        .all(officeCode) as { started_at: string; due_at: string }[];
    const theirs = openWorkingDays('YGHA');
    expect(theirs.length).toBeGreaterThan(0);
    // Head office takes a complaint at the same time one of the office's started, so both count the same days.
    const start = theirs[0]!.started_at;
    setNow(hq, start);
    hq.ok('complaints:create', phoneComplaint(ids, { receivedAt: start }));
    const own = openWorkingDays('ZB01');
    expect(own.length).toBeGreaterThan(0);
    // The next working day after the start becomes a holiday at head office.
    const { date } = hq.ok('calendar:addWorkingDays', { from: `${start.replace(' ', 'T')}:00+08:00`, days: 1 });
    hq.ok('calendar:saveDay', { date, kind: 'holiday', name: '临时放假' });
    expect(openWorkingDays('ZB01').map((d) => d.due_at)).not.toEqual(own.map((d) => d.due_at));
    expect(openWorkingDays('YGHA')).toEqual(theirs);
  });
});

describe('newer and older exports of one office', () => {
  let office: TestApp;
  let seeded: SeededOffice;
  let older: ExportResult;
  let newer: ExportResult;

  beforeAll(async () => {
    office = app();
    seeded = seedOffice(office);
    older = await exportOf(office);
    // Work at the office after the first export: an edit, a lifecycle step, a new complaint.
    // Moving the clock ticks the scheduler: the October complaint, a month old on 11-30, turns major
    // first (a change of its own), so the edit starts from the complaint as it is now.
    setNow(office, '2026-12-04 10:00');
    const registered = office.ok('complaints:get', { id: seeded.complaints[0]!.complaint.id });
    office.ok('complaints:update', { id: registered.complaint.id, version: registered.complaint.version, actorId: seeded.office.receiverId, patch: { room: '1203' } });
    const edited = office.ok('complaints:get', { id: registered.complaint.id });
    step(office, seeded.office, 'dispatch', edited, validInput('dispatch', seeded.office, '2026-12-04 09:30'));
    create(office, seeded.office, { receivedAt: '2026-12-04 09:00', complainantName: '吴刚' });
    newer = await exportOf(office);
  });

  it('older then newer: the newer one updates and adds; head office ends as the office is', async () => {
    const { hq, actorId } = headOffice();
    merged((await importInto(hq, actorId, older))[0]);
    const second = merged((await importInto(hq, actorId, newer))[0]);
    const complaints = second.tables.find((t) => t.table === 'complaints')!;
    expect(complaints).toMatchObject({ new: 1, updated: 1, refused: 0 });
    expect(second.tables.find((t) => t.table === 'handling_rounds')!.new).toBe(1);
    expect(officeRecords(hq.ctx.db, 'YGHA')).toEqual(officeRecords(office.ctx.db, 'YGHA'));
  });

  it('a newer export carries rows whose complaint did not change: deadlines moved by a calendar edit at the office', async () => {
    const { hq, actorId } = headOffice();
    merged((await importInto(hq, actorId, newer))[0]);
    const deadlines = () => sortedRows(hq.ctx.db, "SELECT d.* FROM complaint_deadlines d JOIN complaints c ON c.id = d.complaint_id WHERE c.office_code = 'YGHA'");
    const before = deadlines();
    // A day later, a holiday inside the open complaints' deadline windows: the office's open deadlines move.
    setNow(office, '2026-12-05 09:00');
    office.ok('calendar:saveDay', { date: '2026-12-07', kind: 'holiday', name: '临时放假' });
    const moved = await exportOf(office);
    const summary = merged((await importInto(hq, actorId, moved))[0]);
    expect(summary.tables.find((t) => t.table === 'complaints')!.updated).toBe(0);
    expect(summary.tables.find((t) => t.table === 'complaint_deadlines')!.updated).toBeGreaterThan(0);
    expect(deadlines()).not.toEqual(before);
    expect(officeRecords(hq.ctx.db, 'YGHA')).toEqual(officeRecords(office.ctx.db, 'YGHA'));
    // And the older file after it still changes nothing.
    const again = merged((await importInto(hq, actorId, newer))[0]);
    expect(again.totals.updated).toBe(0);
    expect(officeRecords(hq.ctx.db, 'YGHA')).toEqual(officeRecords(office.ctx.db, 'YGHA'));
    office.ok('calendar:removeDay', { date: '2026-12-07' });
  });

  it('newer then older: the older one changes nothing, and nothing is lost', async () => {
    const { hq, actorId } = headOffice();
    merged((await importInto(hq, actorId, newer))[0]);
    const before = officeRecords(hq.ctx.db, 'YGHA');
    const second = merged((await importInto(hq, actorId, older))[0]);
    expect(second.totals.new).toBe(0);
    expect(second.totals.updated).toBe(0);
    expect(officeRecords(hq.ctx.db, 'YGHA')).toEqual(before);
    expect(before).toEqual(officeRecords(office.ctx.db, 'YGHA'));
    const room = hq.ok('complaints:get', { id: seeded.complaints[0]!.complaint.id }).complaint.room;
    expect(room).toBe('1203');
  });
});

describe('three offices with edits between their exports', () => {
  it('head office ends with every office’s latest records, each office’s directory under its own code', async () => {
    const codes = ['YGHA', 'BJHD', 'SZNS'] as const;
    const offices = codes.map((code) => {
      const a = app();
      return { code, app: a, seeded: seedOffice(a, code) };
    });
    const firstExports = await Promise.all(offices.map((o) => exportOf(o.app)));
    // Each office works on after its first export; BJHD then sends only November.
    for (const o of offices) {
      // The clock's move ticks the scheduler (the October complaint turns major): edit it as it is now.
      setNow(o.app, '2026-12-05 11:00');
      const d = o.app.ok('complaints:get', { id: o.seeded.complaints[0]!.complaint.id });
      o.app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: o.seeded.office.receiverId, patch: { request: `${o.code} 要求尽快答复` } });
      create(o.app, o.seeded.office, { receivedAt: '2026-12-05 10:00', complainantName: `${o.code}新投诉人` });
    }
    const [a2, b2, c2] = await Promise.all([exportOf(offices[0]!.app), exportOf(offices[1]!.app, stick(), { from: '2026-11-01', to: '2026-11-30' }), exportOf(offices[2]!.app)]);
    const b3 = await exportOf(offices[1]!.app);

    const { hq, actorId } = headOffice();
    // Sticks arrive out of order: newer before older, a range before the whole.
    const results = await importInto(hq, actorId, a2, firstExports[1]!, c2, firstExports[0]!, b2, firstExports[2]!, b3);
    expect(results.every((r) => r.ok)).toBe(true);
    for (const o of offices) {
      expect(officeRecords(hq.ctx.db, o.code), o.code).toEqual(officeRecords(o.app.ctx.db, o.code));
      expect(directoryAs(hq.ctx.db, o.code, ''), o.code).toEqual(directoryAs(o.app.ctx.db, '', ''));
    }
    expect(hq.ctx.db.prepare("SELECT count(*) FROM departments WHERE name = '工程部'").pluck().get()).toBe(4);
    const offices_ = hq.ctx.db.prepare('SELECT code FROM offices ORDER BY code').pluck().all();
    expect(offices_).toEqual(['BJHD', 'SZNS', 'YGHA']);
    expect(hq.ok('complaints:list', {}).total).toBe(offices.reduce((n, o) => n + o.seeded.complaints.length + 1, 0));
  });
});

// A merge that writes few rows checks them itself; one that writes many (over 20,000) writes while
// workers check the whole file, and writes again without what they refuse. Both ways, the same refusals.
describe.each([
  ['checked by the merge', undefined],
  ['checked by the workers beside the merge', 0],
] as const)('rows refused by the contract (%s)', (_way, checkHereUpTo) => {
  let office: TestApp;
  let seeded: SeededOffice;
  let file: ExportResult;

  beforeAll(async () => {
    office = app();
    seeded = seedOffice(office);
    file = await exportOf(office);
  });

  /** A copy of the export with `change` made to its database (constraints off), sealed with a matching manifest. */
  async function changed(change: string): Promise<string> {
    const { path, manifest } = await decryptToFile(file.path);
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.pragma('ignore_check_constraints = ON');
    db.exec(change);
    db.close();
    const out = join(stick(), 'changed.cdx');
    await seal(path, out, { ...manifest, ...(await describeSnapshot(path)) });
    return out;
  }

  it('a complaint with a severity that does not exist is refused with its reason, and every row hanging off it; the rest is merged', async () => {
    const bad = seeded.complaints[2]!.complaint;
    const path = await changed(`UPDATE complaints SET severity = 'catastrophic' WHERE id = '${bad.id}'`);
    const { hq, actorId } = headOffice();
    const [result] = await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo });
    const summary = merged(result);
    const own = summary.refused.filter((r) => r.table === 'complaints');
    expect(own.map((r) => [r.id, r.reason.split('：')[0]])).toEqual([[bad.id, 'severity']]);
    const children = summary.refused.filter((r) => r.table !== 'complaints');
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((r) => /所引用的记录已被拒收$/.test(r.reason))).toBe(true);
    expect(hq.call('complaints:get', { id: bad.id }).ok).toBe(false);
    expect(hq.ok('complaints:list', {}).total).toBe(seeded.complaints.length - 1);
    // Imported again: merged again (what refused a row may have changed here), refusing the same rows.
    const again = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(again.seenBefore).toBe(true);
    expect(again.refused).toEqual(summary.refused);
    expect(again.totals.new).toBe(0);
  });

  it('a staff member with an unknown role is refused, and so are the complaints they received', async () => {
    const receiver = seeded.office.receiverId;
    const path = await changed(`UPDATE staff SET role = 'boss' WHERE id = '${receiver}'`);
    const { hq, actorId } = headOffice();
    const summary = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(summary.refused.find((r) => r.table === 'staff')).toEqual({ table: 'staff', id: receiver, reason: 'role：不是有效的选项' });
    const complaints = summary.refused.filter((r) => r.table === 'complaints');
    expect(complaints.map((r) => r.reason)).toEqual(seeded.complaints.map(() => 'receiver_id：所引用的记录已被拒收'));
    expect(hq.ok('complaints:list', {}).total).toBe(0);
  });

  it('rows that are not what the app writes are refused by their rules: changes that are not JSON, a deadline at 25:00, a hold back on 2026-02-30, a note of 10,001 characters', async () => {
    const d = seeded.complaints[2]!.complaint;
    const other = seeded.complaints[1]!.complaint;
    const chinese = (n: number) => `replace(hex(zeroblob(${n})), '00', '字')`; // three bytes a character
    const path = await changed(`
      UPDATE complaint_events SET changes = '{not json' WHERE id = (SELECT min(id) FROM complaint_events WHERE complaint_id = '${d.id}');
      UPDATE complaint_events SET note = ${chinese(10_001)} WHERE id = (SELECT max(id) FROM complaint_events WHERE complaint_id = '${d.id}');
      UPDATE complaint_events SET note = ${chinese(10_000)} WHERE id = (SELECT max(id) FROM complaint_events WHERE complaint_id = '${other.id}');
      UPDATE complaint_deadlines SET due_at = '2026-11-16 25:00' WHERE id = (SELECT min(id) FROM complaint_deadlines WHERE complaint_id = '${d.id}');
      UPDATE holds SET expected_date = '2026-02-30' WHERE complaint_id = '${d.id}';`);
    const { hq, actorId } = headOffice();
    const summary = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(summary.refused.map((r) => `${r.table} ${r.reason}`).sort()).toEqual([
      'complaint_deadlines due_at：时间格式应为 YYYY-MM-DD HH:mm',
      'complaint_events changes：内容格式无效',
      'complaint_events note：不能超过 10000 个字',
      'holds expected_date：日期格式应为 YYYY-MM-DD',
    ]);
    // The complaint itself and its other rows are merged; 10,000 characters (30,000 bytes) are not too many.
    expect(hq.ok('complaints:get', { id: d.id }).complaint.number).toBe(d.number);
    expect(hq.ctx.db.prepare(`SELECT max(length(note)) FROM complaint_events WHERE complaint_id = ?`).pluck().get(other.id)).toBe(10_000);
  });

  it('a timeline note with a key this version does not know, or parameters that are not an object, is refused', async () => {
    const d = seeded.complaints[3]!.complaint;
    const path = await changed(`
      UPDATE complaint_events SET note_key = 'step.unknown' WHERE id = (SELECT min(id) FROM complaint_events WHERE complaint_id = '${d.id}' AND note_key <> '');
      UPDATE complaint_events SET note_params = '[1, 2]' WHERE id = (SELECT max(id) FROM complaint_events WHERE complaint_id = '${d.id}' AND note_key <> '');`);
    const { hq, actorId } = headOffice();
    const summary = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(summary.refused.map((r) => `${r.table} ${r.reason.split('：')[0]}`).sort()).toEqual(['complaint_events note_key', 'complaint_events note_params']);
  });

  it('a complaint filed under another office than the file says is refused', async () => {
    const bad = seeded.complaints[0]!.complaint;
    const path = await changed(`UPDATE complaints SET office_code = 'EVIL' WHERE id = '${bad.id}'`);
    const { hq, actorId } = headOffice();
    const summary = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(summary.refused.find((r) => r.id === bad.id)?.reason).toMatch(/^office_code：服务中心代码与导出文件不符/);
  });

  it('a complaint number head office already holds under another id is refused, not overwritten', async () => {
    const { hq, actorId } = headOffice();
    merged((await importFiles(hq.ctx, { actorId, paths: [file.path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    const target = seeded.complaints[1]!.complaint;
    const path = await changed(`UPDATE complaints SET id = '01ZZZZZZZZZZZZZZZZZZZZZZZZ' WHERE id = '${target.id}';
      UPDATE complaint_events SET complaint_id = '01ZZZZZZZZZZZZZZZZZZZZZZZZ' WHERE complaint_id = '${target.id}';
      UPDATE handling_rounds SET complaint_id = '01ZZZZZZZZZZZZZZZZZZZZZZZZ' WHERE complaint_id = '${target.id}';
      UPDATE follow_ups SET complaint_id = '01ZZZZZZZZZZZZZZZZZZZZZZZZ' WHERE complaint_id = '${target.id}';
      UPDATE complaint_deadlines SET complaint_id = '01ZZZZZZZZZZZZZZZZZZZZZZZZ' WHERE complaint_id = '${target.id}';`);
    const summary = merged((await importFiles(hq.ctx, { actorId, paths: [path], passphrase: PASSPHRASE }, { checkHereUpTo }))[0]);
    expect(summary.refused.find((r) => r.table === 'complaints')).toEqual({
      table: 'complaints',
      id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
      reason: '与本库已有记录重复（office_code、number）',
    });
    expect(hq.ok('complaints:get', { id: target.id }).complaint.number).toBe(target.number);
  });
});

describe('files refused whole', () => {
  let office: TestApp;
  let file: ExportResult;

  beforeAll(async () => {
    office = app();
    seedOffice(office);
    file = await exportOf(office);
  });

  it('a wrong passphrase refuses the file with a message and changes nothing; the next file is still imported', async () => {
    const { hq, actorId } = headOffice();
    const before = snapshotAll(hq.ctx.db);
    const [wrong] = await importFiles(hq.ctx, { actorId, paths: [file.path], passphrase: '不是这个口令-123' });
    expect(wrong?.ok).toBe(false);
    expect(wrong?.ok === false && wrong.message).toContain('口令错误或文件已损坏');
    expect(snapshotAll(hq.ctx.db)).toEqual(before);
    const results = await importFiles(hq.ctx, { actorId, paths: [join(stick(), 'missing.cdx'), file.path], passphrase: PASSPHRASE });
    expect(results.map((r) => r.ok)).toEqual([false, true]);
  });

  it('a cancel in the middle of the merge leaves head office as it was', async () => {
    const { hq } = headOffice();
    const before = snapshotAll(hq.ctx.db);
    const openedFile = await openImport(hq.dataDir, file.path, PASSPHRASE);
    const controller = new AbortController();
    try {
      await expect(
        mergeImport(hq.ctx, openedFile, {
          actorName: '测试',
          fileName: file.fileName,
          signal: controller.signal,
          onProgress: (done) => {
            if (done === 8) controller.abort(); // after complaints were written, inside the transaction
          },
        }),
      ).rejects.toThrow('已取消');
    } finally {
      openedFile.close();
    }
    expect(snapshotAll(hq.ctx.db)).toEqual(before);
    expect(hq.ctx.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'complaints_fts_%'").pluck().get()).toBe(3); // back with the rollback
  });
});
