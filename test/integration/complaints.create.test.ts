import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLAINT_FIELD_NAMES, ULID_PATTERN, type ComplaintFields } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';

let app: TestApp;
let ids: OfficeIds;

beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
});
afterEach(() => app.close());

/** Display names as the directory shows them, to check the complaint resolves ids the same way. */
function directoryNames() {
  const staff = new Map(app.ok('staff:list', {}).map((s) => [s.id, s.name]));
  const departments = new Map(app.ok('departments:list', {}).map((d) => [d.id, d.name]));
  const categories = new Map(app.ok('categories:list', {}).map((c) => [c.id, c.name]));
  return { staff, departments, categories };
}

/** A visit where reception filled in every field of the form, none left at its default. */
function everyFieldFilled(): ComplaintFields {
  return {
    receivedAt: '2026-11-03 14:25',
    channel: 'visit',
    receiverId: ids.receiverId,
    complainantName: '欧阳娜娜',
    building: '7栋',
    unit: '1单元',
    room: '302',
    phone: '0571-88886666',
    contactOther: '微信 oyangnana',
    eventTime: '2026-11-03 上午',
    eventPlace: '地下车库 B2 入口',
    complainedDepartmentId: ids.security,
    complainedPerson: '保安 王师傅',
    categoryId: ids.fees,
    description: '车库道闸重复扣费两次，岗亭人员拒绝退款',
    ownerWords: '我明明只进出了一次！',
    request: '退还多扣的停车费并道歉',
    requestedReplyAt: '2026-11-04 12:00',
    validity: 'invalid',
    invalidReason: '系统核查为两辆车分别进出',
    severity: 'important',
    urgency: 'urgent',
  };
}

const pickFields = (record: object) =>
  Object.fromEntries(COMPLAINT_FIELD_NAMES.map((f) => [f, (record as Record<string, unknown>)[f]]));

describe('complaints:create', () => {
  it('numbers the complaint <office code>-YYYYMMDD-NNN after the day it was received, and registers it', () => {
    const first = app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-02 09:12' }));
    const second = app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-02 23:59' }));
    // The number follows the day on the form, not today's date on the PC's clock.
    const otherDay = app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2025-12-31 08:00' }));

    expect(first.number).toBe('YGHA-20261102-001');
    expect(second.number).toBe('YGHA-20261102-002');
    expect(otherDay.number).toBe('YGHA-20251231-001');
    for (const c of [first, second, otherDay]) {
      expect(c.status).toBe('registered');
      expect(c.officeCode).toBe('YGHA');
      expect(c.version).toBe(1);
      expect(c.id).toMatch(ULID_PATTERN);
    }
  });

  it('uses the office code chosen at setup', () => {
    const other = openTestApp();
    try {
      const otherIds = setUpOffice(other, 'BJ01');
      expect(other.ok('complaints:create', phoneComplaint(otherIds, { receivedAt: '2026-01-05 10:00' })).number).toBe('BJ01-20260105-001');
    } finally {
      other.close();
    }
  });

  it('stores every field exactly as entered and shows names instead of ids', () => {
    const input = everyFieldFilled();
    expect(Object.keys(input).sort()).toEqual([...COMPLAINT_FIELD_NAMES].sort()); // the test covers every field

    const created = app.ok('complaints:create', input);
    const { complaint } = app.ok('complaints:get', { id: created.id });
    const names = directoryNames();

    expect(pickFields(complaint)).toEqual(input);
    expect(complaint).toEqual(created);
    expect(complaint.receiverName).toBe(names.staff.get(input.receiverId));
    expect(complaint.complainedDepartmentName).toBe(names.departments.get(input.complainedDepartmentId));
    expect(complaint.categoryName).toBe(names.categories.get(input.categoryId));
    expect([complaint.receiverName, complaint.complainedDepartmentName, complaint.categoryName]).toEqual(['周晓雯', '秩序维护部', '收费']);
  });

  it('trims stray spaces typed around text fields', () => {
    const created = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '  张伟 ', room: ' 1602 ', description: ' 楼上漏水 ' }));
    const { complaint } = app.ok('complaints:get', { id: created.id });
    expect([complaint.complainantName, complaint.room, complaint.description]).toEqual(['张伟', '1602', '楼上漏水']);
  });

  it("records a 'created' timeline event by the receiver listing every filled field, with names for ids", () => {
    const input = everyFieldFilled();
    const created = app.ok('complaints:create', input);
    const { events } = app.ok('complaints:get', { id: created.id });
    const names = directoryNames();

    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.kind).toBe('created');
    expect(event!.actorName).toBe(names.staff.get(input.receiverId));
    expect(new Date(event!.at).toISOString()).toBe(event!.at);

    const shown = (field: keyof ComplaintFields): string => {
      const value = input[field];
      if (field === 'receiverId') return names.staff.get(value)!;
      if (field === 'complainedDepartmentId') return names.departments.get(value)!;
      if (field === 'categoryId') return names.categories.get(value)!;
      return String(value);
    };
    const expected = COMPLAINT_FIELD_NAMES.map((field) => ({ field, before: '', after: shown(field) }));
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
    expect([...event!.changes].sort(byField)).toEqual(expected.sort(byField));
    for (const change of event!.changes) expect(change.after).not.toMatch(ULID_PATTERN);
  });

  it('fills omitted optional fields with their defaults and lists only filled fields in the timeline', () => {
    const minimal = {
      receivedAt: '2026-11-02 10:30',
      channel: 'letter',
      receiverId: ids.receiverId,
      complainantName: '李娜',
      categoryId: ids.hygiene,
      description: '垃圾桶三天未清运，气味很大',
    } as const;
    const created = app.ok('complaints:create', minimal);
    const { complaint, events } = app.ok('complaints:get', { id: created.id });

    expect(pickFields(complaint)).toEqual({
      ...minimal,
      building: '',
      unit: '',
      room: '',
      phone: '',
      contactOther: '',
      eventTime: '',
      eventPlace: '',
      complainedDepartmentId: '',
      complainedPerson: '',
      ownerWords: '',
      request: '',
      requestedReplyAt: '',
      validity: 'valid',
      invalidReason: '',
      severity: 'ordinary',
      urgency: 'normal',
    });
    expect(complaint.complainedDepartmentName).toBe('');
    expect(complaint.categoryName).toBe('环境卫生');

    const filled = COMPLAINT_FIELD_NAMES.filter((f) => complaint[f] !== '');
    expect(events[0]!.changes.map((c) => c.field).sort()).toEqual([...filled].sort());
    expect(filled).toEqual(expect.arrayContaining(['validity', 'severity', 'urgency', ...Object.keys(minimal)]));
  });
});
