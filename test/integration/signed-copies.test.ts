/**
 * Signed paper comes back (issue 4 point 5): the scan of a signed print is attached to that print,
 * and the fields printed on it are locked — a change needs a supervisor or the director and a
 * reason, goes on the timeline, and makes a new version. Refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintDetail, PrintedPdf } from '../../src-preload/contract';
import { openTestApp, type TestApp } from '../helpers/app';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { onePixelPng } from '../helpers/files';
import { allowTestClock, create, refresh, setNow, setUpLifecycleOffice, type Office } from './lifecycle-fixtures';

let app: TestApp;
let office: Office;
beforeAll(() => {
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  setNow(app, '2026-11-02 09:30');
});
afterAll(() => app?.close());

const scan = (rgb: [number, number, number]) => onePixelPng(rgb).toString('base64');

async function printAndSign(d: ComplaintDetail, form: 'complaint_record' | 'handling_record', rgb: [number, number, number]): Promise<PrintedPdf> {
  const pdf = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form, actorId: office.receiverId });
  app.ok('attachments:add', { complaintId: d.complaint.id, actorId: office.receiverId, fileName: `签字件-${form}.png`, dataBase64: scan(rgb), signedPrintId: pdf.printId });
  return pdf;
}

describe('attaching a signed copy', () => {
  it('marks the print signed and says so on the timeline', async () => {
    const d = create(app, office);
    const pdf = await printAndSign(d, 'handling_record', [1, 2, 3]);
    const [record] = app.ok('print:history', { complaintId: d.complaint.id });
    expect(record).toMatchObject({ id: pdf.printId, version: 1 });
    expect(record!.signedAt).not.toBe('');
    expect(record!.signedAttachmentId).toBe(refresh(app, d).attachments[0]!.id);
    expect(refresh(app, d).events.at(-1)).toMatchObject({ kind: 'signed_copy', note: '收回签字件：投诉处理记录表 v1，所印字段已锁定（签字件-handling_record.png）' });
  });

  it('refuses a second signed copy of the same print, and a print of another complaint, changing nothing', async () => {
    const d = create(app, office);
    const other = create(app, office);
    const pdf = await printAndSign(d, 'complaint_record', [4, 5, 6]);
    const before = snapshotAll(app.ctx.db);
    const again = app.call('attachments:add', { complaintId: d.complaint.id, actorId: office.receiverId, fileName: 'again.png', dataBase64: scan([7, 8, 9]), signedPrintId: pdf.printId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '投诉记录表 v1 的签字件已经收回，不能重复登记' } });
    const elsewhere = app.call('attachments:add', { complaintId: other.complaint.id, actorId: office.receiverId, fileName: 'x.png', dataBase64: scan([7, 8, 9]), signedPrintId: pdf.printId });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshotAll(app.ctx.db)).toEqual(before);
  });
});

describe('fields locked by a signed copy', () => {
  it('refuses an edit of a printed field without approval, naming what is needed, and changes nothing', async () => {
    const d = create(app, office);
    await printAndSign(d, 'handling_record', [10, 11, 12]);
    const before = snapshotAll(app.ctx.db);
    const edit = app.call('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: office.receiverId, patch: { complainantName: '张卫' } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'unlock' } });
    expect(!edit.ok && edit.error.message).toContain('主管审批');
    const notSupervisor = app.call('complaints:update', {
      id: d.complaint.id,
      version: d.complaint.version,
      actorId: office.receiverId,
      patch: { complainantName: '张卫' },
      unlock: { supervisorId: office.deptHeadId, reason: '业主更正姓名' },
    });
    expect(notSupervisor).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'unlock.supervisorId', message: '审批人必须是在职的客服主管或服务中心主任' } });
    const noReason = app.call('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: office.receiverId, patch: { complainantName: '张卫' }, unlock: { supervisorId: office.supervisorId, reason: ' ' } });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'unlock.reason', message: '请填写修改原因' } });
    expect(snapshotAll(app.ctx.db)).toEqual(before);
  });

  it('saves an approved edit as a new version, with the supervisor and reason on the timeline', async () => {
    const d = create(app, office);
    await printAndSign(d, 'handling_record', [13, 14, 15]);
    const updated = app.ok('complaints:update', {
      id: d.complaint.id,
      version: d.complaint.version,
      actorId: office.receiverId,
      patch: { complainantName: '张卫' },
      unlock: { supervisorId: office.supervisorId, reason: '业主更正姓名' },
    });
    expect(updated.version).toBe(d.complaint.version + 1);
    expect(updated.complainantName).toBe('张卫');
    const event = refresh(app, d).events.at(-1)!;
    expect(event).toMatchObject({ kind: 'updated', changes: [{ field: 'complainantName', before: '张伟', after: '张卫' }] });
    expect(event.note).toBe('修改已签字表单上的内容（审批：王敏；原因：业主更正姓名）。请重新打印新版本并签字');
    // The next print is the next version, for signing again.
    const next = await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: office.receiverId });
    expect(next.version).toBe(2);
  });

  it('leaves fields that were not on the signed form free to edit', async () => {
    const d = create(app, office);
    await printAndSign(d, 'handling_record', [16, 17, 18]);
    // 事发地点 is on the 投诉记录表, not on the 投诉处理记录表.
    const updated = app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: office.receiverId, patch: { eventPlace: '地下车库 B2' } });
    expect(updated.eventPlace).toBe('地下车库 B2');
    expect(refresh(app, d).events.at(-1)!.note ?? '').toBe('');
  });

  it('locks nothing while the printed copy has not come back signed', async () => {
    const d = create(app, office);
    await app.invokeOk('print:complaintForm', { complaintId: d.complaint.id, form: 'complaint_record', actorId: office.receiverId });
    const updated = app.ok('complaints:update', { id: d.complaint.id, version: d.complaint.version, actorId: office.receiverId, patch: { complainantName: '张卫' } });
    expect(updated.complainantName).toBe('张卫');
  });
});
