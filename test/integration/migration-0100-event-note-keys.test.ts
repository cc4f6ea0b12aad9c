/**
 * Migration 100 (issue 13 point 19): timeline events gain the key and parameters of their note, so
 * the timeline can be read in English. Rows written before keep their Chinese note and have no key:
 * the timeline shows them as written. Seeded at version 99 (every migration before this one).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import { LATEST_VERSION, migrate } from '../../src-main/db/migrations';
import { ulid } from '../../src-main/lib/ulid';
import { makeDataDir, openTestApp, setUpOffice, phoneComplaint } from '../helpers/app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const AT = '2026-11-01T00:00:00.000Z';
const ID = { staff: ulid(), complaint: ulid(), event: ulid() };
const OLD_NOTE = '派单 · 派单：工程部';

function seedAt99(): string {
  const dir = makeDataDir();
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    migrate(db, 99);
    expect(db.pragma('user_version', { simple: true })).toBeLessThan(100);
    db.prepare("INSERT INTO settings (key, value) VALUES ('officeCode', '\"YGHA\"')").run();
    const department = db.prepare("SELECT id FROM departments WHERE name = '工程部'").pluck().get() as string;
    const category = db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string;
    db.prepare("INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, '周晓雯', ?, 'reception', ?, ?)").run(ID.staff, department, AT, AT);
    db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, category_id, description, validity, severity, urgency, status, created_at, updated_at)
       VALUES (?, 'YGHA', 'YGHA-20261102-001', '2026-11-02 09:12', 'phone', ?, '张伟', ?, '楼上漏水', 'valid', 'ordinary', 'normal', 'dispatched', ?, ?)`,
    ).run(ID.complaint, ID.staff, category, AT, AT);
    db.prepare(
      `INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note)
       VALUES (?, ?, ?, ?, '周晓雯', 'step', '[{"field":"status","before":"registered","after":"dispatched"}]', ?)`,
    ).run(ID.event, ID.complaint, AT, ID.staff, OLD_NOTE);
  } finally {
    db.close();
  }
  return dir;
}

describe('migration 100', () => {
  it('keeps an old event’s Chinese note, without a key, so the timeline shows it as written', () => {
    const app = openTestApp(seedAt99());
    cleanups.push(() => app.close());
    expect(app.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(app.ctx.db.prepare('SELECT note, note_key, note_params FROM complaint_events WHERE id = ?').get(ID.event)).toEqual({ note: OLD_NOTE, note_key: '', note_params: '{}' });
    const [event] = app.ok('complaints:get', { id: ID.complaint }).events;
    expect(event).toMatchObject({ note: OLD_NOTE });
    expect(event).not.toHaveProperty('noteText');
  });

  it('stores a new step’s note with its key and parameters beside its Chinese', () => {
    const app = openTestApp();
    cleanups.push(() => app.close());
    const ids = setUpOffice(app);
    const complaint = app.ok('complaints:create', phoneComplaint(ids));
    const detail = app.ok('lifecycle:dispatch', { id: complaint.id, version: complaint.version, actorId: ids.receiverId, departmentId: ids.engineering });
    expect(detail.events.at(-1)).toMatchObject({
      note: '派单 · 派单：工程部',
      noteText: { key: 'step.dispatch', params: { action: 'dispatch', department: '工程部' } },
    });
    // A note_params that is not a JSON object is refused by the table itself.
    expect(() => app.ctx.db.prepare("UPDATE complaint_events SET note_params = 'not json' WHERE complaint_id = ?").run(complaint.id)).toThrow(/CHECK/);
  });
});
