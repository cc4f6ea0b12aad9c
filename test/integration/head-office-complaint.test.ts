/**
 * Issue 13 point 13: a complaint merged from another office is that office's record. Head office's
 * desk is told so in the complaint's detail (`editable: false`, no step allowed), and it may open
 * and print that office's forms: a copy headed with the office's name and form codes (as its export
 * carried them), marked 总部副本 on every page, and not recorded as a print version (versions and
 * their signed copies belong to the office).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFolder } from '../../src-main/exchange/export.service';
import { importFiles } from '../../src-main/exchange/import.service';
import { findPrintFile } from '../../src-main/services/print-store';
import type { ComplaintDetail, FormCodes } from '../../src-preload/contract';
import { openTestApp, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { makeFolder, PASSPHRASE, TEST_KDF } from '../helpers/exchange';
import { onePixelPng } from '../helpers/files';
import { requirePoppler, run, squeeze } from '../helpers/pdf';
import { allowTestClock, complaintIn, create, setNow, setUpLifecycleOffice, unpinClock, type Office } from './lifecycle-fixtures';

const OFFICE_CODES: FormCodes = {
  register: { code: 'YG-KF-003', revision: 'B/1' },
  complaint_record: { code: 'YG-KF-004', revision: 'B/1' },
  handling_record: { code: 'YG-KF-005', revision: 'B/2' },
  monthly_report: { code: 'YG-KF-006', revision: 'B/1' },
};

let office: TestApp;
let ids: Office;
let hq: TestApp;
let hqActor: string;
let merged: ComplaintDetail;

beforeAll(async () => {
  requirePoppler();
  allowTestClock();
  office = openTestApp();
  ids = setUpLifecycleOffice(office);
  office.ok('forms:update', OFFICE_CODES);
  setNow(office, '2026-11-02 10:00');
  merged = complaintIn(office, ids, 'in_progress', '2026-11-02 09:40', { receivedAt: '2026-11-02 09:12', complainantName: '欧阳堃' });
  const pdf = await office.invokeOk('print:complaintForm', { complaintId: merged.complaint.id, form: 'complaint_record', actorId: ids.receiverId });
  office.ok('attachments:add', { complaintId: merged.complaint.id, actorId: ids.receiverId, fileName: '签字件.png', dataBase64: onePixelPng().toString('base64'), signedPrintId: pdf.printId });
  const file = await exportToFolder(office.ctx, { folder: makeFolder(), passphrase: PASSPHRASE }, { kdf: TEST_KDF });

  hq = openTestApp();
  hq.ok('app:setup', { officeName: '集团客服总部', officeCode: 'HQZB', operatorName: '陈总' });
  hqActor = hq.ok('staff:list', {})[0]!.id;
  const [result] = await importFiles(hq.ctx, { actorId: hqActor, paths: [file.path], passphrase: PASSPHRASE });
  expect(result).toMatchObject({ ok: true, summary: { totals: { refused: 0 } } });
  setNow(hq, '2026-11-05 12:00');
});
afterAll(() => {
  for (const app of [office, hq]) {
    if (!app) continue;
    unpinClock(app);
    app.close();
  }
});

/** The text of a PDF the print call left in main's store. */
function pdfText(app: TestApp, printId: string): string {
  const file = findPrintFile(app.dataDir, printId);
  expect(file).toBeDefined();
  return squeeze(run('pdftotext', ['-layout', file!.path, '-']));
}

describe('a merged complaint at head office', () => {
  it('is not editable, and offers no step; at its office the same complaint is, and does', () => {
    const atOffice = office.ok('complaints:get', { id: merged.complaint.id });
    expect(atOffice.editable).toBe(true);
    expect(atOffice.process.allowedActions.length).toBeGreaterThan(0);
    const atHq = hq.ok('complaints:get', { id: merged.complaint.id });
    expect(atHq.editable).toBe(false);
    expect(atHq.process.allowedActions).toEqual([]);
  });

  it('prints as head office’s copy of the office’s form: the office’s name and form codes, 总部副本 on the page, no print version recorded', async () => {
    const before = snapshotAll(hq.ctx.db);
    const copy = await hq.invokeOk('print:complaintForm', { complaintId: merged.complaint.id, form: 'complaint_record', actorId: hqActor });
    expect(copy).toMatchObject({ form: 'complaint_record', version: 0, fileName: `顾客投诉记录表_${merged.complaint.number}_总部副本.pdf` });
    expect(copy.printVersion).toBe('总部副本（非打印版本，不作签字）· 2026-11-05 12:00 · 陈总');
    const text = pdfText(hq, copy.printId);
    expect(text).toContain('阳光花园服务中心');
    expect(text).toContain(squeeze('表单编号：YG-KF-004'));
    expect(text).toContain('B/1');
    expect(text).toContain(squeeze(copy.printVersion));
    expect(text).toContain(merged.complaint.number);
    expect(text).toContain('欧阳堃');
    expect(text).not.toContain('集团客服总部');
    // Nothing recorded: the office's print history stays the office's (one signed version).
    expect(snapshotAll(hq.ctx.db)).toEqual(before);
    expect(hq.ok('print:history', { complaintId: merged.complaint.id })).toEqual(office.ok('print:history', { complaintId: merged.complaint.id }));
  });

  it('prints its 投诉处理记录表 too, with that form’s codes', async () => {
    const copy = await hq.invokeOk('print:complaintForm', { complaintId: merged.complaint.id, form: 'handling_record', actorId: hqActor });
    const text = pdfText(hq, copy.printId);
    expect(text).toContain(squeeze('表单编号：YG-KF-005'));
    expect(text).toContain('B/2');
    expect(text).toContain('总部副本');
  });

  it('head office’s own complaint still prints as a recorded version with its own codes', async () => {
    const own = create(hq, { ...ids, receiverId: hqActor, ...ownIds(hq) }, { receivedAt: '2026-11-05 11:00', requestedReplyAt: '' });
    expect(own.editable).toBe(true);
    const pdf = await hq.invokeOk('print:complaintForm', { complaintId: own.complaint.id, form: 'complaint_record', actorId: hqActor });
    expect(pdf.version).toBe(1);
    expect(hq.ok('print:history', { complaintId: own.complaint.id })).toHaveLength(1);
    expect(pdfText(hq, pdf.printId)).toContain('集团客服总部');
  });
});

/** Head office's own directory ids for an intake (its own 工程部 and 工程质量). */
function ownIds(app: TestApp): Partial<Office> {
  const departments = app.ok('departments:list', {});
  const categories = app.ok('categories:list', {});
  return { engineering: departments.find((d) => d.name === '工程部')!.id, quality: categories.find((c) => c.name === '工程质量')!.id };
}
