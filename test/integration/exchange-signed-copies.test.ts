/**
 * Issue 13 point 12: head office refused the print record of every form whose signed copy had
 * been uploaded (`signed_at：时间格式应为 YYYY-MM-DD HH:mm`: the upload stored a UTC instant where
 * the contract keeps the office's wall time), and after a re-import the summary, its per-table
 * figures and the import history showed different counts.
 *
 * Real files throughout: the office prints its forms and uploads the signed scans through the
 * channels the desk uses, exports to a folder, head office imports it, then imports it again.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportToFolder, type ExportResult } from '../../src-main/exchange/export.service';
import { importFiles } from '../../src-main/exchange/import.service';
import { intakeProblems, registerRuleFunctions, ruleProblems } from '../../src-main/exchange/import-rows';
import type { ExportManifest } from '../../src-main/exchange/manifest';
import { listImportHistory } from '../../src-main/exchange/offices';
import { RECORD_TABLES } from '../../src-main/exchange/snapshot-schema';
import { sumMergeCounts, type ComplaintDetail, type ImportFileResult, type MergeSummary } from '../../src-preload/contract';
import { setUpOffice, type TestApp } from '../helpers/app';
import { onePixelPng, minimalPdf } from '../helpers/files';
import { decryptToFile, describeSnapshot, makeFolder, PASSPHRASE, seal, TEST_KDF } from '../helpers/exchange';
import { allowTestClock, complaintIn, create, refresh, setNow, setUpLifecycleOffice, step, trackedApps, validInput, type Office } from './lifecycle-fixtures';

const app = trackedApps();

const scan = (rgb: [number, number, number]) => onePixelPng(rgb).toString('base64');

/** Print one of the complaint's forms (as the desk does) and upload its signed scan against that print. */
async function printAndSign(office: TestApp, ids: Office, d: ComplaintDetail, form: 'complaint_record' | 'handling_record', rgb: [number, number, number]): Promise<string> {
  const pdf = await office.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form, actorId: ids.receiverId });
  office.ok('attachments:add', { complaintId: d.complaint.id, actorId: ids.receiverId, fileName: `签字件-${form}.png`, dataBase64: scan(rgb), signedPrintId: pdf.printId });
  return pdf.printId;
}

/**
 * Every row of the office's database as the import would judge it: the contract's column rules
 * (import-rows.ts) and the intake schema, on a connection of its own. `[table, id, reason]`.
 */
function rowsTheImportRefuses(office: TestApp, officeCode: string): [string, string, string][] {
  const db = new Database(office.ctx.db.name, { readonly: true });
  try {
    registerRuleFunctions(db);
    const manifest = { office: { code: officeCode } } as ExportManifest; // the rules read only the office
    return RECORD_TABLES.flatMap((table) => {
      const from = `main."${table}" i`;
      const problems = [...ruleProblems(db, table, manifest, from), ...(table === 'complaints' ? intakeProblems(db, from) : [])];
      return problems.map(([id, reason]): [string, string, string] => [table, id, reason]);
    });
  } finally {
    db.close();
  }
}

const exportOf = (office: TestApp) => exportToFolder(office.ctx, { folder: makeFolder(), passphrase: PASSPHRASE }, { kdf: TEST_KDF });

function merged(result: ImportFileResult | undefined): MergeSummary {
  if (!result?.ok) throw new Error(`import refused: ${JSON.stringify(result)}`);
  return result.summary;
}

/** Head office (ZB01) and the id of its operator. */
function headOffice(): { hq: TestApp; actorId: string } {
  const hq = app();
  return { hq, actorId: setUpOffice(hq, 'ZB01').receiverId };
}

const importInto = async (hq: TestApp, actorId: string, file: ExportResult) =>
  merged((await importFiles(hq.ctx, { actorId, paths: [file.path], passphrase: PASSPHRASE }))[0]);

/**
 * The one definition of each figure, checked on one file's summary and its history row: every row
 * of the file is exactly one of new, updated, unchanged or refused, per table; the totals are the
 * tables' sums; the history keeps the totals the summary showed.
 */
function expectFiguresAgree(hq: TestApp, summary: MergeSummary, file: ExportResult): void {
  for (const t of summary.tables) expect(t.new + t.updated + t.unchanged + t.refused, t.table).toBe(file.manifest.counts[t.table]);
  expect(summary.totals).toEqual(sumMergeCounts(summary.tables));
  const record = listImportHistory(hq.ctx).find((h) => h.id === summary.importId);
  expect(record?.totals).toEqual(summary.totals);
}

describe('every time the office writes', () => {
  it('is one the import accepts: a walk through every step, prints, signed copies and attachments leaves no row the import rules refuse', async () => {
    allowTestClock();
    const office = app();
    const ids = setUpLifecycleOffice(office);
    setNow(office, '2026-11-02 12:00');
    const at = '2026-11-02 11:00';
    const go = (d: ComplaintDetail, action: Parameters<typeof step>[2], major = false, extra: Record<string, unknown> = {}) =>
      step(office, ids, action, d, { ...validInput(action, ids, at, major), ...extra });

    complaintIn(office, ids, 'closed', at, { receivedAt: '2026-11-02 09:00' });
    go(complaintIn(office, ids, 'followed_up', at, { receivedAt: '2026-11-02 09:05' }), 'summarize', true);
    go(go(complaintIn(office, ids, 'in_progress', at, { receivedAt: '2026-11-02 09:10' }), 'hold'), 'resume');
    go(complaintIn(office, ids, 'invalid', at, { receivedAt: '2026-11-02 09:15' }), 'notifyInvalid');
    go(complaintIn(office, ids, 'in_progress', at, { receivedAt: '2026-11-02 09:20' }), 'escalate');
    go(complaintIn(office, ids, 'handled', at, { receivedAt: '2026-11-02 09:25' }), 'followUpImpossible');
    const unsatisfied = go(complaintIn(office, ids, 'handled', at, { receivedAt: '2026-11-02 09:30' }), 'followUp', false, { satisfaction: 'unsatisfied' });
    expect(unsatisfied.process.round).toBeGreaterThan(0);

    const signed = create(office, ids, { receivedAt: '2026-11-02 09:40' });
    await printAndSign(office, ids, signed, 'complaint_record', [1, 2, 3]);
    await printAndSign(office, ids, signed, 'handling_record', [4, 5, 6]);
    const letter = office.ok('attachments:add', { complaintId: signed.complaint.id, actorId: ids.receiverId, fileName: '业主来信.pdf', dataBase64: minimalPdf().toString('base64') });
    office.ok('attachments:remove', { complaintId: signed.complaint.id, attachmentId: letter.id, actorId: ids.receiverId });
    office.ok('staff:save', { id: ids.deptHeadId, name: '赵磊', departmentId: ids.engineering, role: 'department_head', active: false });

    expect(rowsTheImportRefuses(office, 'YGHA')).toEqual([]);
  });
});

describe('signed copies: office → head office → the same file again', () => {
  let office: TestApp;
  let ids: Office;
  let signed: ComplaintDetail;
  let file: ExportResult;
  let hq: TestApp;
  let actorId: string;
  let first: MergeSummary;
  let again: MergeSummary;

  beforeAll(async () => {
    allowTestClock();
    office = app();
    ids = setUpLifecycleOffice(office);
    setNow(office, '2026-11-02 09:30');
    signed = complaintIn(office, ids, 'in_progress', '2026-11-02 09:20', { receivedAt: '2026-11-02 09:12' });
    await printAndSign(office, ids, signed, 'complaint_record', [10, 20, 30]);
    setNow(office, '2026-11-02 16:45');
    await printAndSign(office, ids, signed, 'handling_record', [40, 50, 60]);
    create(office, ids, { receivedAt: '2026-11-02 10:00', complainantName: '司马玥' }); // printed never
    file = await exportOf(office);
    ({ hq, actorId } = headOffice());
    first = await importInto(hq, actorId, file);
    again = await importInto(hq, actorId, file);
  });

  it('the office records the signed time as its wall clock read it, YYYY-MM-DD HH:mm', () => {
    const history = office.ok('print:history', { complaintId: signed.complaint.id });
    expect(history.map((p) => [p.form, p.signedAt])).toEqual([
      ['complaint_record', '2026-11-02 09:30'],
      ['handling_record', '2026-11-02 16:45'],
    ]);
  });

  it('head office refuses nothing, and holds every signed print as the office does', () => {
    expect(first.refused).toEqual([]);
    expect(first.totals.refused).toBe(0);
    expect(first.tables.find((t) => t.table === 'form_prints')).toMatchObject({ new: 2, refused: 0 });
    expect(hq.ok('print:history', { complaintId: signed.complaint.id })).toEqual(office.ok('print:history', { complaintId: signed.complaint.id }));
    expect(refresh(hq, signed).attachments.map((a) => a.fileName)).toEqual(['签字件-complaint_record.png', '签字件-handling_record.png']);
  });

  it('the first import: summary, per-table figures and history agree', () => {
    expect(first.seenBefore).toBe(false);
    expectFiguresAgree(hq, first, file);
    expect(first.totals.new).toBe(Object.entries(file.manifest.counts).reduce((n, [t, c]) => (t === 'attachment_files' ? n : n + c), 0));
  });

  it('the same file again: recognised, every row unchanged; summary, per-table figures and history agree', () => {
    expect(again.seenBefore).toBe(true);
    expectFiguresAgree(hq, again, file);
    expect(again.totals).toEqual({ new: 0, updated: 0, unchanged: first.totals.new, refused: 0 });
    const history = listImportHistory(hq.ctx);
    expect(history.map((h) => h.totals)).toEqual([again.totals, first.totals]);
  });
});

describe('a file imported with refused rows, imported again', () => {
  it('is merged again; its summary, per-table figures and history agree, and it says it was seen before', async () => {
    allowTestClock();
    const office = app();
    const ids = setUpLifecycleOffice(office);
    setNow(office, '2026-11-02 09:30');
    complaintIn(office, ids, 'in_progress', '2026-11-02 09:20', { receivedAt: '2026-11-02 09:12' });
    const good = await exportOf(office);
    // One timeline entry of the file made unacceptable (a time the app never writes): that row is refused.
    const plain = await decryptToFile(good.path);
    const db = new Database(plain.path);
    db.prepare("UPDATE complaint_events SET at = '2026-11-02 09:30' WHERE id = (SELECT min(id) FROM complaint_events)").run();
    db.close();
    const damaged = { ...good, path: join(makeFolder(), good.fileName), manifest: { ...plain.manifest, ...(await describeSnapshot(plain.path)) } };
    await seal(plain.path, damaged.path, damaged.manifest);

    const { hq, actorId } = headOffice();
    const first = await importInto(hq, actorId, damaged);
    expect(first.totals.refused).toBe(1);
    expectFiguresAgree(hq, first, damaged);
    const again = await importInto(hq, actorId, damaged);
    expect(again.seenBefore).toBe(true);
    expect(again.totals).toEqual({ new: 0, updated: 0, unchanged: first.totals.new, refused: 1 });
    expectFiguresAgree(hq, again, damaged);
  });
});
