/**
 * Printing through the real dispatcher and the real web server: each print of a complaint's form
 * is a new recorded version whose number and QR text are on the paper, the PDF is reached by URL
 * (never through the bridge), desktop-only calls say what to do instead in web mode, and a refused
 * call records nothing.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../src-main/http/server';
import { complaintFormStamp, formHeader, FORM_TITLES } from '../../src-main/services/print.service';
import { PRINT_FORMS } from '../../src-preload/contract';
import { openTestApp, startTestWebServer, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { allowTestClock, create, setNow, setUpLifecycleOffice, type Office } from './lifecycle-fixtures';

let app: TestApp;
let office: Office;
let server: WebServer;

beforeAll(async () => {
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  server = await startTestWebServer(app);
});
afterAll(async () => {
  await server?.close();
  app?.close();
});

const fetchPrint = (previewUrl: string) => fetch(new URL(previewUrl, server.url));

/** pdftotext of the bytes, white space removed (cells wrap). */
function pdfText(bytes: Buffer): string {
  const path = join(app.dataDir, `check-${Date.now()}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('printing a complaint form', () => {
  it('records each print as the next version, with the version on the paper and the PDF at its URL', async () => {
    setNow(app, '2026-11-02 09:30');
    const d = create(app, office, { complainantName: '张伟', phone: '13812345678' });
    const first = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: office.receiverId });
    setNow(app, '2026-11-02 10:05');
    const second = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: office.receiverId });
    const record = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'complaint_record', actorId: office.receiverId, fullPhone: true });

    expect([first.version, second.version, record.version]).toEqual([1, 2, 1]);
    expect(second.printVersion).toBe('打印版本 v2 · 2026-11-02 10:05 · 周晓雯');
    expect(second.fileName).toBe(`投诉处理记录表_${d.complaint.number}_v2.pdf`);
    expect(second.previewUrl).toBe(`/files/prints/${second.printId}`);
    expect(second.missingGlyphs).toEqual([]);

    const response = await fetchPrint(second.previewUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('打印版本v2·2026-11-0210:05·周晓雯');
    expect(text).toContain(d.complaint.number);
    expect(text).toContain('138****5678'); // masked unless asked
    expect(pdfText(Buffer.from(await (await fetchPrint(record.previewUrl)).arrayBuffer()))).toContain('13812345678');

    const history = app.ok('print:history', { complaintId: d.complaint.id });
    expect(history.map((p) => [p.form, p.version, p.printedAt, p.printedBy, p.signedAttachmentId])).toEqual([
      ['complaint_record', 1, '2026-11-02 10:05', '周晓雯', ''],
      ['handling_record', 1, '2026-11-02 09:30', '周晓雯', ''],
      ['handling_record', 2, '2026-11-02 10:05', '周晓雯', ''],
    ]);
  });

  it('offers the PDF as a download under its Chinese name', async () => {
    const d = create(app, office);
    const pdf = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'complaint_record', actorId: office.receiverId });
    const response = await fetchPrint(`${pdf.previewUrl}?download=1`);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${'_'.repeat('顾客投诉记录表'.length)}_${d.complaint.number}_v1.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`,
    );
  });

  it('puts the complaint number, form number and print version in the QR code', () => {
    const header = formHeader(app.ctx, 'handling_record', complaintFormStamp(app.ctx, 'handling_record', 'YGHA-20261102-001', 3, '2026-11-02 10:05', '周晓雯'));
    expect(header.qr).toBe('YGHA-20261102-001 WY-KF-JL-005 v3');
    expect(formHeader(app.ctx, 'handling_record').qr).toBe('');
  });

  it.each(PRINT_FORMS)('prints the blank %s without a version, a number or a QR code', async (form) => {
    const blank = await app.invokeOk('print:blankForm', { form });
    expect(blank).toMatchObject({ version: 0, printVersion: '', fileName: `${FORM_TITLES[form]}_空白.pdf` });
    const text = pdfText(Buffer.from(await (await fetchPrint(blank.previewUrl)).arrayBuffer()));
    expect(text).toContain(FORM_TITLES[form]);
    expect(text).not.toMatch(/打印版本|打印时间|YGHA-/);
  });

  it('uses the form numbers set for the office', async () => {
    const codes = app.ok('forms:get', {});
    app.ok('forms:update', { ...codes, handling_record: { code: 'YG-KF-005', revision: 'B/1' } });
    const d = create(app, office);
    const pdf = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: office.receiverId });
    const text = pdfText(Buffer.from(await (await fetchPrint(pdf.previewUrl)).arrayBuffer()));
    expect(text).toContain('表单编号：YG-KF-005');
    expect(text).toContain('版本：B/1');
    app.ok('forms:update', codes);
  });
});

describe('printing a period', () => {
  it('prints the register of the period with the filters, landscape, stamped with the print time', async () => {
    setNow(app, '2026-11-20 09:00');
    const inPeriod = create(app, office, { receivedAt: '2026-11-20 08:30', complainantName: '欧阳堃' });
    const otherCategory = create(app, office, { receivedAt: '2026-11-20 08:40', complainantName: '李淼', categoryId: office.fees });
    const pdf = await app.invokeOk('print:register', { from: '2026-11-20', to: '2026-11-20', categoryId: office.quality });
    expect(pdf.fileName).toBe('投诉记录表_2026-11-20~2026-11-20.pdf');
    expect(pdf.printVersion).toBe('打印时间 2026-11-20 09:00');
    const bytes = Buffer.from(await (await fetchPrint(pdf.previewUrl)).arrayBuffer());
    const text = pdfText(bytes);
    // Numbers wrap inside their narrow column; the names identify the rows.
    expect(inPeriod.complaint.categoryId).toBe(office.quality);
    expect(text).toContain('欧阳堃');
    expect(otherCategory.complaint.categoryId).toBe(office.fees);
    expect(text).not.toContain('李淼');
    const path = join(app.dataDir, 'register-check.pdf');
    writeFileSync(path, bytes);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
  });

  it('prints the monthly report of the month asked for', async () => {
    const pdf = await app.invokeOk('print:monthlyReport', { month: '2026-11' });
    expect(pdf.fileName).toBe('月度投诉统计报表_2026-11.pdf');
    const text = pdfText(Buffer.from(await (await fetchPrint(pdf.previewUrl)).arrayBuffer()));
    expect(text).toContain('月份：2026年11月（2026-11-01至2026-11-30）');
    expect(text).toContain('月度投诉统计报表');
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const result = await app.invoke('print:register', { from: '2026-11-30', to: '2026-11-01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to', message: '结束日期不能早于开始日期' } });
    const month = await app.invoke('print:monthlyReport', { month: '2026-13' });
    expect(month).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'month' } });
  });
});

describe('refused print calls', () => {
  it('names the field in Chinese and records nothing', async () => {
    const before = snapshotAll(app.ctx.db);
    const noForm = await app.invoke('print:complaintForm', { complaintId: '01JBXXXXXXXXXXXXXXXXXXXXXX', form: 'letter', actorId: office.receiverId });
    expect(noForm).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'form', message: '请选择要打印的表单' } });
    const unknown = await app.invoke('print:complaintForm', { complaintId: '01JBXXXXXXXXXXXXXXXXXXXXXX', form: 'complaint_record', actorId: office.receiverId });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badCode = app.call('forms:update', { ...app.ok('forms:get', {}), register: { code: '', revision: 'A/0' } });
    expect(badCode).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'register.code', message: '请填写表单编号' } });
    expect(snapshotAll(app.ctx.db)).toEqual(before);
  });

  it('tells web mode to download, since save dialogs and the system viewer are desktop only', async () => {
    const blank = await app.invokeOk('print:blankForm', { form: 'complaint_record' });
    const save = await app.invoke('print:save', { printId: blank.printId });
    expect(save).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '网页模式下请使用“下载”保存或打印 PDF' } });
  });

  it('serves no file for an unknown or malformed print id', async () => {
    expect((await fetchPrint('/files/prints/01JBXXXXXXXXXXXXXXXXXXXXXX')).status).toBe(404);
    // Not a print path at all: the page's own index.html, never a file from the data folder.
    const walk = await fetchPrint('/files/prints/..%2F..%2Fcomplaints.db');
    expect(walk.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await walk.text()).not.toContain('SQLite format');
  });
});
