/**
 * Migration 0110 (答复, issue 13 point 6) on a database written by the previous version: an open
 * complaint with its 答复 deadline still open keeps everything it had, gets the empty STRICT
 * replies table, and carries on: a reply recorded now meets that deadline by its own time.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import { LATEST_VERSION, migrate } from '../../src-main/db/migrations';
import { ulid } from '../../src-main/lib/ulid';
import { makeDataDir, openTestApp } from '../helpers/app';
import { allowTestClock, setNow } from './lifecycle-fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ids = { complaint: ulid(), receiver: ulid(), response: ulid() };

/** Version 100: a complaint received Mon 2026-11-02 09:12, its 答复 due Wed 23:59, not yet answered. */
function versionHundredWithOpenReply(dir: string): void {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    migrate(db, 100);
    const category = db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string;
    const department = db.prepare("SELECT id FROM departments WHERE name = '客服中心'").pluck().get() as string;
    const at = '2026-11-02T01:20:00.000Z';
    db.prepare('INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(ids.receiver, '周晓雯', department, 'reception', at, at);
    db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, category_id, description, validity, severity, urgency,
                               status, round, version, created_at, updated_at)
       VALUES (?, 'YGHA', 'YGHA-20261102-001', '2026-11-02 09:12', 'phone', ?, '张伟', ?, '楼上漏水', 'valid', 'ordinary', 'normal', 'registered', 0, 1, ?, ?)`,
    ).run(ids.complaint, ids.receiver, category, at, at);
    db.prepare(
      `INSERT INTO complaint_deadlines (id, complaint_id, kind, round, started_at, due_at, rule, policy_version)
       VALUES (?, ?, 'response', 1, '2026-11-02 09:12', '2026-11-04 23:59', '{"unit":"working_days","amount":2}', 1)`,
    ).run(ids.response, ids.complaint);
  } finally {
    db.close();
  }
}

describe('migration 0110 (答复)', () => {
  it('adds the empty replies table; an open 答复 stays open and is met by a reply recorded after the upgrade', () => {
    allowTestClock();
    const dir = makeDataDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    versionHundredWithOpenReply(dir);

    const app = openTestApp(dir);
    cleanups.push(() => app.close());
    const { db } = app.ctx;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT count(*) FROM replies').pluck().get()).toBe(0);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'replies'").pluck().get()).toBe(1);
    app.ok('app:setup', { officeName: '阳光花园服务中心', officeCode: 'YGHA', operatorName: '周晓雯' });

    let d = app.ok('complaints:get', { id: ids.complaint });
    expect(d.complaint).toMatchObject({ status: 'registered', version: 1 });
    expect(d.process.replies).toEqual([]);
    expect(d.process.deadlines.find((x) => x.kind === 'response')).toMatchObject({ dueAt: '2026-11-04 23:59', completedAt: '' });
    expect(d.process.allowedActions).toContain('reply');

    setNow(app, '2026-11-02 16:00');
    d = app.ok('lifecycle:reply', { id: d.complaint.id, version: d.complaint.version, actorId: ids.receiver, at: '2026-11-02 15:40', method: 'phone', content: '已告知业主明天上门' });
    expect(d.process.replies).toEqual([{ round: 1, at: '2026-11-02 15:40', method: 'phone', replier: '周晓雯', content: '已告知业主明天上门' }]);
    expect(d.process.deadlines.find((x) => x.kind === 'response')).toMatchObject({ completedAt: '2026-11-02 15:40', state: 'met' });
  });
});
