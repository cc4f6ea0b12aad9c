import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLAINT_FIELD_NAMES, type Complaint, type ComplaintFields } from '../../src-preload/contract';
import { ulid } from '../../src-main/lib/ulid';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';
import { snapshotTables } from '../helpers/db-snapshot';

let app: TestApp;
let ids: OfficeIds;
let original: Complaint;
/** A second staff member, so the editor is not the receiver. */
let editor: { id: string; name: string };

beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
  original = app.ok('complaints:create', phoneComplaint(ids));
  const saved = app.ok('staff:save', { name: '李娜', departmentId: ids.engineering, role: 'supervisor' });
  editor = { id: saved.id, name: saved.name };
});
afterEach(() => app.close());

const departmentName = (id: string) => app.ok('departments:list', {}).find((d) => d.id === id)!.name;
const fieldsOf = (c: Complaint) => Object.fromEntries(COMPLAINT_FIELD_NAMES.map((f) => [f, c[f]]));
const detail = () => app.ok('complaints:get', { id: original.id });
const update = (patch: Partial<ComplaintFields>, version = original.version, actorId = editor.id) =>
  app.call('complaints:update', { id: original.id, version, actorId, patch });

describe('complaints:update', () => {
  it('changes only the patched fields, bumps the version and logs one event with before → after', () => {
    const patch = { phone: '13900001111', complainedDepartmentId: ids.cleaning, severity: 'important' } as const;
    const result = update(patch);
    expect(result.ok).toBe(true);

    const { complaint, events } = detail();
    expect(fieldsOf(complaint)).toEqual({ ...fieldsOf(original), ...patch });
    expect(complaint.version).toBe(original.version + 1);
    expect(complaint.number).toBe(original.number);
    expect(complaint.complainedDepartmentName).toBe(departmentName(ids.cleaning));
    if (result.ok) expect(result.value).toEqual(complaint);

    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    const updated = events[1]!;
    expect(updated.actorName).toBe(editor.name);
    expect([...updated.changes].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      // Departments appear by name, so the log stays readable.
      { field: 'complainedDepartmentId', before: departmentName(ids.engineering), after: departmentName(ids.cleaning) },
      { field: 'phone', before: original.phone, after: patch.phone },
      { field: 'severity', before: original.severity, after: patch.severity },
    ]);
    expect(JSON.stringify(updated.changes)).not.toContain(ids.cleaning);
  });

  it('lists only the fields that really changed when the patch repeats current values', () => {
    expect(update({ phone: original.phone, room: '1603', building: original.building }).ok).toBe(true);
    const { events } = detail();
    expect(events).toHaveLength(2);
    expect(events[1]!.changes).toEqual([{ field: 'room', before: original.room, after: '1603' }]);
  });

  it('shows a cleared department as an empty value after the old name', () => {
    expect(update({ complainedDepartmentId: '' }).ok).toBe(true);
    const { complaint, events } = detail();
    expect(complaint.complainedDepartmentId).toBe('');
    expect(complaint.complainedDepartmentName).toBe('');
    expect(events[1]!.changes).toEqual([{ field: 'complainedDepartmentId', before: departmentName(ids.engineering), after: '' }]);
  });

  it('keeps successive edits apart, each against the version it saw', () => {
    const first = update({ room: '1603' });
    expect(first.ok && first.value.version).toBe(2);
    const second = update({ room: '1604' }, 2);
    expect(second.ok && second.value.version).toBe(3);
    const { events } = detail();
    expect(events.slice(1).map((e) => e.changes)).toEqual([
      [{ field: 'room', before: original.room, after: '1603' }],
      [{ field: 'room', before: '1603', after: '1604' }],
    ]);
  });

  describe('refusals leave the complaint as it was', () => {
    let before: string;
    beforeEach(() => {
      before = snapshotTables(app.ctx.db);
    });

    it('refuses a patch whose values equal the current ones', () => {
      const result = update({ phone: original.phone, severity: original.severity });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch' } });
      expect(snapshotTables(app.ctx.db)).toBe(before);
    });

    it('refuses an empty patch', () => {
      expect(update({})).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch' } });
      expect(snapshotTables(app.ctx.db)).toBe(before);
    });

    it('refuses a stale version with CONFLICT, so a colleague’s edit is not overwritten', () => {
      expect(update({ room: '1603' }).ok).toBe(true);
      const afterColleague = snapshotTables(app.ctx.db);

      const stale = update({ phone: '13900001111' }, original.version);
      expect(stale.ok).toBe(false);
      if (!stale.ok) {
        expect(stale.error.code).toBe('CONFLICT');
        expect(stale.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect(snapshotTables(app.ctx.db)).toBe(afterColleague);
      expect(detail().complaint.phone).toBe(original.phone);
    });

    it('refuses changing validity by an edit: 判为无效 is a step of the procedure', () => {
      for (const patch of [{ validity: 'invalid' as const }, { validity: 'invalid' as const, invalidReason: '非物业服务范围' }]) {
        const result = update(patch);
        expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch.validity' } });
        expect(!result.ok && result.error.message).toMatch(/判为无效/);
        expect(snapshotTables(app.ctx.db)).toBe(before);
      }
    });

    it('refuses clearing the reason of a complaint recorded as invalid at intake', () => {
      const invalidOne = app.ok('complaints:create', phoneComplaint(ids, { validity: 'invalid', invalidReason: '非物业服务范围' }));
      expect(invalidOne.status).toBe('invalid');
      const afterCreate = snapshotTables(app.ctx.db);
      const result = app.call('complaints:update', { id: invalidOne.id, version: invalidOne.version, actorId: ids.receiverId, patch: { invalidReason: '' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch.invalidReason' } });
      expect(snapshotTables(app.ctx.db)).toBe(afterCreate);
    });

    it('refuses an actor who is not in the staff directory', () => {
      const result = update({ room: '1603' }, original.version, ulid());
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'actorId' } });
      expect(snapshotTables(app.ctx.db)).toBe(before);
    });

    it('refuses a department that does not exist', () => {
      const result = update({ complainedDepartmentId: ulid() });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patch.complainedDepartmentId' } });
      expect(snapshotTables(app.ctx.db)).toBe(before);
    });

    it('answers NOT_FOUND for a complaint that does not exist', () => {
      const result = app.call('complaints:update', { id: ulid(), version: 1, actorId: editor.id, patch: { room: '1603' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(snapshotTables(app.ctx.db)).toBe(before);
    });
  });
});
