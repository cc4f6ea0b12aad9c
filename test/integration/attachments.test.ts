import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';
import { listFiles, snapshotTables } from '../helpers/db-snapshot';
import { minimalPdf, onePixelPng, PNG_SIGNATURE, sha256Hex } from '../helpers/files';

let app: TestApp;
let ids: OfficeIds;
let complaint: Complaint;

beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
  complaint = app.ok('complaints:create', phoneComplaint(ids));
});
afterEach(() => app.close());

const storeDir = () => join(app.dataDir, 'attachments');
const storedPath = (sha: string) => join(storeDir(), sha.slice(0, 2), sha);
const add = (bytes: Buffer, fileName: string, complaintId = complaint.id) =>
  app.call('attachments:add', { complaintId, actorId: ids.receiverId, fileName, dataBase64: bytes.toString('base64') });
const detail = (id = complaint.id) => app.ok('complaints:get', { id });
const receiverName = () => app.ok('staff:list', {}).find((s) => s.id === ids.receiverId)!.name;

describe('attachments:add', () => {
  it.each([
    ['a photo', '漏水照片.png', onePixelPng(), 'image/png'],
    ['a scanned letter', '业主来信.pdf', minimalPdf(), 'application/pdf'],
  ])('stores %s by its SHA-256 and shows it on the complaint', (_label, fileName, bytes, mime) => {
    const result = add(bytes, fileName);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sha = sha256Hex(bytes);
    expect(result.value).toMatchObject({ sha256: sha, fileName, mime, size: bytes.length });

    expect(readFileSync(storedPath(sha))).toEqual(bytes);
    expect(listFiles(storeDir())).toEqual([`${sha.slice(0, 2)}/${sha} ${bytes.length}`]); // no temp files left behind

    const { attachments, events } = detail();
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject(result.value);
    const added = events.filter((e) => e.kind === 'attachment_added');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ note: fileName, actorName: receiverName() });
  });

  it('keeps one attachment for the same bytes added twice, and one file for the same bytes on two complaints', () => {
    const photo = onePixelPng();
    const first = add(photo, 'IMG_0001.png');
    const again = add(photo, 'IMG_0001 副本.png');
    expect(first.ok && again.ok).toBe(true);
    expect(detail().attachments).toHaveLength(1);
    expect(app.ctx.db.prepare('SELECT COUNT(*) FROM attachments WHERE complaint_id = ?').pluck().get(complaint.id)).toBe(1);

    const other = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '李娜', room: '1702' }));
    expect(add(photo, '楼上照片.png', other.id).ok).toBe(true);
    expect(detail(other.id).attachments).toHaveLength(1);
    expect(listFiles(storeDir())).toHaveLength(1);
  });

  it('keeps two different photos apart', () => {
    const red = onePixelPng([255, 0, 0]);
    const blue = onePixelPng([0, 0, 255]);
    expect(add(red, '红.png').ok && add(blue, '蓝.png').ok).toBe(true);
    expect(
      detail()
        .attachments.map((a) => a.sha256)
        .sort(),
    ).toEqual([sha256Hex(red), sha256Hex(blue)].sort());
  });
});

describe('attachments:remove', () => {
  it('hides the file from the complaint and records who removed it', () => {
    const result = add(onePixelPng(), '误传照片.png');
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const removed = app.call('attachments:remove', { complaintId: complaint.id, attachmentId: result.value.id, actorId: ids.receiverId });
    expect(removed).toEqual({ ok: true, value: null });

    const { attachments, events } = detail();
    expect(attachments).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['created', 'attachment_added', 'attachment_removed']);
    expect(events[2]).toMatchObject({ note: '误传照片.png', actorName: receiverName() });
    // The paper trail keeps the record and the file.
    expect(app.ctx.db.prepare('SELECT removed_at FROM attachments WHERE id = ?').pluck().get(result.value.id)).not.toBeNull();
    expect(existsSync(storedPath(result.value.sha256))).toBe(true);

    // Removing it again finds nothing to remove.
    const twice = app.call('attachments:remove', { complaintId: complaint.id, attachmentId: result.value.id, actorId: ids.receiverId });
    expect(twice).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows a removed file again when the same bytes are attached again', () => {
    const photo = onePixelPng();
    const first = add(photo, '照片.png');
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    app.ok('attachments:remove', { complaintId: complaint.id, attachmentId: first.value.id, actorId: ids.receiverId });
    expect(add(photo, '照片（重新上传）.png').ok).toBe(true);
    expect(detail().attachments.map((a) => a.fileName)).toEqual(['照片（重新上传）.png']);
  });
});

describe('attachments that are refused', () => {
  it('refuses a text file disguised as a .png and stores nothing', () => {
    const before = snapshotTables(app.ctx.db);
    const result = add(Buffer.from('这不是图片，只是一段文字。\n'), '照片.png');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dataBase64' } });
    if (!result.ok) expect(result.error.message).toMatch(/PDF|JPG|PNG/);
    expect(snapshotTables(app.ctx.db)).toBe(before);
    expect(listFiles(storeDir())).toEqual([]);
  });

  it('refuses a file over the office’s size limit with TOO_LARGE, naming the limit in MB', () => {
    expect(app.ok('settings:update', { attachmentMaxMb: 1 }).attachmentMaxMb).toBe(1);
    const limit = 1024 * 1024;
    const before = snapshotTables(app.ctx.db);

    // A real PNG header, so only the size is wrong.
    const big = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(Math.round(1.5 * limit) - PNG_SIGNATURE.length, 7)]);
    const result = add(big, '高清照片.png');
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', field: 'dataBase64' } });
    if (!result.ok) expect(result.error.message).toMatch(/1\s*MB/);
    expect(snapshotTables(app.ctx.db)).toBe(before);
    expect(listFiles(storeDir())).toEqual([]);
  });

  it('accepts a file of exactly the limit and refuses one byte more', () => {
    app.ok('settings:update', { attachmentMaxMb: 1 });
    const limit = 1024 * 1024;
    const pdfOfSize = (size: number) => Buffer.concat([minimalPdf(), Buffer.alloc(size - minimalPdf().length, 0x20)]);
    expect(add(pdfOfSize(limit + 1), '扫描件-超出.pdf')).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const atLimit = add(pdfOfSize(limit), '扫描件.pdf');
    expect(atLimit.ok && atLimit.value.size).toBe(limit);
  });
});
