import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TEXTS_EN, ERROR_TEXTS_ZH, wordError, type AppErrorCode, type AppErrorPayload, type ChannelName, type Complaint } from '../../src-preload/contract';
import { CJK } from '../helpers/cjk';
import { ulid } from '../../src-main/lib/ulid';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';
import { listFiles, snapshotTables } from '../helpers/db-snapshot';
import { onePixelPng, PNG_SIGNATURE } from '../helpers/files';

/** What the battery needs to aim its calls at real records. */
interface Fixture {
  ids: OfficeIds;
  complaint: Complaint;
  attachmentId: string;
  /** A receptionist who has left: still in the directory, no longer active. */
  retiredStaffId: string;
}

const CHINESE = /[\u4e00-\u9fa5]/;

/**
 * English mode (issue 13 point 19): the refusal crosses the bridge as a key of both catalogues with
 * its parameters; its Chinese is the message, and its English has no Chinese of its own (what the
 * user typed, a name or a number, is shown as typed).
 */
function expectWordedInBoth(error: AppErrorPayload): void {
  expect(Object.keys(ERROR_TEXTS_ZH)).toContain(error.key);
  expect(Object.keys(ERROR_TEXTS_EN)).toContain(error.key);
  expect(error.key).not.toBe('input.invalid'); // zod's own words: a check of ours without its message
  expect(wordError('zh-CN', error)).toBe(error.message);
  const typed = Object.values(error.params).flat().map(String);
  const english = typed.reduce((text, value) => text.split(value).join(''), wordError('en', error));
  expect(english).not.toMatch(CJK);
}
const MAX_MB = 1;

let app: TestApp;
let fixture: Fixture;
/** Every table, and the attachment store, before the battery. */
let before: { tables: string; files: string[] };

const state = () => ({ tables: snapshotTables(app.ctx.db), files: listFiles(join(app.dataDir, 'attachments')) });

beforeAll(() => {
  app = openTestApp();
  const ids = setUpOffice(app);
  app.ok('settings:update', { attachmentMaxMb: MAX_MB });
  const complaint = app.ok('complaints:create', phoneComplaint(ids));
  const attachment = app.ok('attachments:add', {
    complaintId: complaint.id,
    actorId: ids.receiverId,
    fileName: '漏水照片.png',
    dataBase64: onePixelPng().toString('base64'),
  });
  const retired = app.ok('staff:save', { name: '钱多多', departmentId: ids.engineering, role: 'reception', active: false });
  fixture = { ids, complaint, attachmentId: attachment.id, retiredStaffId: retired.id };
  before = state();
});
afterAll(() => app.close());

type Case = [label: string, channel: ChannelName, input: (f: Fixture) => unknown, code: AppErrorCode, field: string | undefined];

const create = (f: Fixture, overrides: Record<string, unknown>) => ({ ...phoneComplaint(f.ids), ...overrides });
const withoutName = (f: Fixture) => {
  const { complainantName: _name, ...rest } = phoneComplaint(f.ids);
  void _name;
  return rest;
};
const edit = (f: Fixture, patch: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: f.complaint.id,
  version: f.complaint.version,
  actorId: f.ids.receiverId,
  patch,
  ...extra,
});
const attach = (f: Fixture, extra: Record<string, unknown>) => ({
  complaintId: f.complaint.id,
  actorId: f.ids.receiverId,
  fileName: '照片.png',
  dataBase64: onePixelPng([0, 128, 255]).toString('base64'),
  ...extra,
});
const b64 = (bytes: Buffer) => bytes.toString('base64');
const oversized = () => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(Math.round(1.5 * MAX_MB * 1024 * 1024))]);

const BATTERY: Case[] = [
  // complaints:create
  ['create without the complainant’s name', 'complaints:create', withoutName, 'VALIDATION', 'complainantName'],
  ['create with a name of spaces only', 'complaints:create', (f) => create(f, { complainantName: '   ' }), 'VALIDATION', 'complainantName'],
  ['create with a name that is a number', 'complaints:create', (f) => create(f, { complainantName: 42 }), 'VALIDATION', 'complainantName'],
  ['create with a 31-character name', 'complaints:create', (f) => create(f, { complainantName: '张'.repeat(31) }), 'VALIDATION', 'complainantName'],
  ['create with a five-digit phone', 'complaints:create', (f) => create(f, { phone: '12345' }), 'VALIDATION', 'phone'],
  ['create in month 13', 'complaints:create', (f) => create(f, { receivedAt: '2026-13-01 10:00' }), 'VALIDATION', 'receivedAt'],
  ['create on 30 February', 'complaints:create', (f) => create(f, { receivedAt: '2026-02-30 10:00' }), 'VALIDATION', 'receivedAt'],
  ['create with a date but no time', 'complaints:create', (f) => create(f, { receivedAt: '2026-11-02' }), 'VALIDATION', 'receivedAt'],
  ['create with a time as a number', 'complaints:create', (f) => create(f, { receivedAt: 1762045920000 }), 'VALIDATION', 'receivedAt'],
  ['create with a reply time in words', 'complaints:create', (f) => create(f, { requestedReplyAt: '明天下午' }), 'VALIDATION', 'requestedReplyAt'],
  ['create with an unknown channel', 'complaints:create', (f) => create(f, { channel: 'fax' }), 'VALIDATION', 'channel'],
  ['create with a numeric severity', 'complaints:create', (f) => create(f, { severity: 3 }), 'VALIDATION', 'severity'],
  ['create with a receiver id that is no id', 'complaints:create', (f) => create(f, { receiverId: 'zhou' }), 'VALIDATION', 'receiverId'],
  ['create with a receiver not in the staff list', 'complaints:create', (f) => create(f, { receiverId: ulid() }), 'VALIDATION', 'receiverId'],
  ['create with a receiver who has left', 'complaints:create', (f) => create(f, { receiverId: f.retiredStaffId }), 'VALIDATION', 'receiverId'],
  ['create with a category that does not exist', 'complaints:create', (f) => create(f, { categoryId: ulid() }), 'VALIDATION', 'categoryId'],
  ['create against a department that does not exist', 'complaints:create', (f) => create(f, { complainedDepartmentId: ulid() }), 'VALIDATION', 'complainedDepartmentId'],
  ['create with a 2001-character description', 'complaints:create', (f) => create(f, { description: '漏'.repeat(2001) }), 'VALIDATION', 'description'],
  ['create invalid without a reason', 'complaints:create', (f) => create(f, { validity: 'invalid' }), 'VALIDATION', 'invalidReason'],
  // complaints:update
  ['update with a bad phone', 'complaints:update', (f) => edit(f, { phone: '12345' }), 'VALIDATION', 'patch.phone'],
  ['update with a bad time', 'complaints:update', (f) => edit(f, { receivedAt: '2026-02-30 10:00' }), 'VALIDATION', 'patch.receivedAt'],
  ['update with a version that is text', 'complaints:update', (f) => edit(f, { room: '1603' }, { version: 'abc' }), 'VALIDATION', 'version'],
  ['update with values already stored', 'complaints:update', (f) => edit(f, { room: f.complaint.room }), 'VALIDATION', 'patch'],
  ['update against a stale version', 'complaints:update', (f) => edit(f, { room: '1603' }, { version: f.complaint.version + 1 }), 'CONFLICT', undefined],
  ['update by someone not in the staff list', 'complaints:update', (f) => edit(f, { room: '1603' }, { actorId: ulid() }), 'VALIDATION', 'actorId'],
  ['update of a complaint that does not exist', 'complaints:update', (f) => edit(f, { room: '1603' }, { id: ulid() }), 'NOT_FOUND', undefined],
  ['update to a department that does not exist', 'complaints:update', (f) => edit(f, { complainedDepartmentId: ulid() }), 'VALIDATION', 'patch.complainedDepartmentId'],
  // departments, categories, staff
  ['a second department of the same name', 'departments:save', () => ({ name: '工程部' }), 'VALIDATION', 'name'],
  ['the same name with spaces around it', 'departments:save', () => ({ name: ' 工程部 ' }), 'VALIDATION', 'name'],
  ['renaming a department to an existing name', 'departments:save', (f) => ({ id: f.ids.cleaning, name: '工程部' }), 'VALIDATION', 'name'],
  ['a negative sort order', 'departments:save', () => ({ name: '绿化部', sortOrder: -1 }), 'VALIDATION', 'sortOrder'],
  ['renaming a department that does not exist', 'departments:save', () => ({ id: ulid(), name: '绿化部' }), 'NOT_FOUND', undefined],
  ['a second category of the same name', 'categories:save', () => ({ name: '收费' }), 'VALIDATION', 'name'],
  ['staff in a department that does not exist', 'staff:save', () => ({ name: '王芳', departmentId: ulid(), role: 'handler' }), 'VALIDATION', 'departmentId'],
  ['staff with an unknown role', 'staff:save', (f) => ({ name: '王芳', departmentId: f.ids.engineering, role: 'boss' }), 'VALIDATION', 'role'],
  ['staff without a name', 'staff:save', (f) => ({ name: '', departmentId: f.ids.engineering, role: 'handler' }), 'VALIDATION', 'name'],
  ['editing staff who do not exist', 'staff:save', (f) => ({ id: ulid(), name: '王芳', departmentId: f.ids.engineering, role: 'handler' }), 'NOT_FOUND', undefined],
  // settings and setup
  ['an office code with a space', 'settings:update', () => ({ officeCode: 'a b' }), 'VALIDATION', 'officeCode'],
  ['an attachment limit of 0 MB', 'settings:update', () => ({ attachmentMaxMb: 0 }), 'VALIDATION', 'attachmentMaxMb'],
  ['an attachment limit of 2.5 MB', 'settings:update', () => ({ attachmentMaxMb: 2.5 }), 'VALIDATION', 'attachmentMaxMb'],
  ['an unknown time zone', 'settings:update', () => ({ timeZone: 'Mars/Olympus_Mons' }), 'VALIDATION', 'timeZone'],
  ['an empty office name', 'settings:update', () => ({ officeName: ' ' }), 'VALIDATION', 'officeName'],
  ['running the first-run setup again', 'app:setup', () => ({ officeName: '另一个中心', officeCode: 'XXXX', operatorName: '王芳' }), 'CONFLICT', undefined],
  // attachments
  ['a text file named .png', 'attachments:add', (f) => attach(f, { fileName: '照片.png', dataBase64: b64(Buffer.from('这不是图片，只是文字\n')) }), 'VALIDATION', 'dataBase64'],
  ['a file over the size limit', 'attachments:add', (f) => attach(f, { dataBase64: b64(oversized()) }), 'TOO_LARGE', 'dataBase64'],
  ['content that is not base64', 'attachments:add', (f) => attach(f, { dataBase64: '这不是base64!' }), 'VALIDATION', 'dataBase64'],
  ['an empty file', 'attachments:add', (f) => attach(f, { dataBase64: '' }), 'VALIDATION', 'dataBase64'],
  ['a file without a name', 'attachments:add', (f) => attach(f, { fileName: '  ' }), 'VALIDATION', 'fileName'],
  ['a file for a complaint that does not exist', 'attachments:add', (f) => attach(f, { complaintId: ulid() }), 'NOT_FOUND', undefined],
  ['a file added by someone not in the staff list', 'attachments:add', (f) => attach(f, { actorId: ulid() }), 'VALIDATION', 'actorId'],
  ['removing an attachment that does not exist', 'attachments:remove', (f) => ({ complaintId: f.complaint.id, attachmentId: ulid(), actorId: f.ids.receiverId }), 'NOT_FOUND', undefined],
  ['removing an attachment through another complaint', 'attachments:remove', (f) => ({ complaintId: ulid(), attachmentId: f.attachmentId, actorId: f.ids.receiverId }), 'NOT_FOUND', undefined],
  ['removing by someone not in the staff list', 'attachments:remove', (f) => ({ complaintId: f.complaint.id, attachmentId: f.attachmentId, actorId: ulid() }), 'VALIDATION', 'actorId'],
];

describe('bad input never loses data', () => {
  it.each(BATTERY)('refuses %s (%s) and changes nothing', (_label, channel, input, code, field) => {
    const result = app.call(channel, input(fixture));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.field).toBe(field);
    expect(result.error.message).toMatch(CHINESE);
    expect(result.error.message).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack traces for the user
    expectWordedInBoth(result.error);
    expect(state()).toEqual(before);
  });

  it('refuses a call on a channel that does not exist', () => {
    for (const channel of ['complaints:delete', 'constructor', '__proto__', '']) {
      const result = app.ctx.dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      if (!result.ok) expect(result.error.message).toMatch(CHINESE);
    }
    expect(state()).toEqual(before);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an array', [phoneComplaint({ receiverId: ulid() } as OfficeIds)]],
    ['a string', '{"complainantName":"张伟"}'],
    ['a number', 42],
  ])('refuses %s as the whole input of complaints:create', (_label, input) => {
    const result = app.call('complaints:create', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toMatch(CHINESE);
    expect(state()).toEqual(before);
  });

  it('still shows the existing complaint exactly as before', () => {
    const { complaint, attachments, events } = app.ok('complaints:get', { id: fixture.complaint.id });
    expect(complaint).toEqual(fixture.complaint);
    expect(attachments.map((a) => a.id)).toEqual([fixture.attachmentId]);
    expect(events.map((e) => e.kind)).toEqual(['created', 'attachment_added']);
  });
});

describe('refused intake does not use up complaint numbers', () => {
  it('gives the next complaint of the day the next number after refusals', () => {
    const fresh = openTestApp();
    try {
      const ids = setUpOffice(fresh);
      expect(fresh.ok('complaints:create', phoneComplaint(ids)).number).toBe('YGHA-20261102-001');
      // These pass the schema and are refused inside the transaction, after it began.
      for (const bad of [{ receiverId: ulid() }, { categoryId: ulid() }, { complainedDepartmentId: ulid() }]) {
        expect(fresh.call('complaints:create', phoneComplaint(ids, bad)).ok).toBe(false);
      }
      expect(fresh.ok('complaints:create', phoneComplaint(ids)).number).toBe('YGHA-20261102-002');
    } finally {
      fresh.close();
    }
  });
});
