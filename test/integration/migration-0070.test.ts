/**
 * Migration 0070 (转派, issue 13 point 8) on a database written by the previous version: a
 * complaint sent back by an unsatisfied follow-up under version 50 already had its next round's row
 * (the same department, "dispatched" at the follow-up, never signed for). The migration keeps it as
 * it was, adds the empty 转派 table, and the complaint carries on: 转派 and 签收 work on it.
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

const ids = { complaint: ulid(), handler: ulid(), round1: ulid(), round2: ulid(), followUp: ulid() };

/** Version 50, as that version's app left a complaint in round 2 after an unsatisfied follow-up. */
function versionFiftyWithSecondRound(dir: string): void {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    migrate(db, 50);
    const department = (name: string) => db.prepare('SELECT id FROM departments WHERE name = ?').pluck().get(name) as string;
    const category = db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string;
    const at = '2026-11-02T01:00:00.000Z';
    db.prepare('INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(ids.handler, '李强', department('工程部'), 'handler', at, at);
    db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, category_id, description, validity, severity, urgency,
                               status, round, version, created_at, updated_at)
       VALUES (?, 'YGHA', 'YGHA-20261102-001', '2026-11-02 09:12', 'phone', ?, '张伟', ?, '楼上漏水', 'valid', 'ordinary', 'normal', 'in_progress', 2, 6, ?, ?)`,
    ).run(ids.complaint, ids.handler, category, at, at);
    const round = db.prepare(
      `INSERT INTO handling_rounds (id, complaint_id, round, department_id, handler_id, dispatched_at, dispatched_by, signed_by, signed_at, measures, result, completed_by, completed_at)
       VALUES (?, ?, ?, ?, ?, ?, '周晓雯', ?, ?, ?, ?, ?, ?)`,
    );
    round.run(ids.round1, ids.complaint, 1, department('工程部'), ids.handler, '2026-11-02 09:20', '李强', '2026-11-02 09:35', '更换水管', '已修复', '李强', '2026-11-02 14:30');
    round.run(ids.round2, ids.complaint, 2, department('工程部'), ids.handler, '2026-11-03 09:50', '', '', '', '', '', '');
    db.prepare("INSERT INTO follow_ups (id, complaint_id, round, at, method, visitor, person_visited, satisfaction) VALUES (?, ?, 1, '2026-11-03 09:50', 'phone', '周晓雯', '张伟', 'unsatisfied')").run(
      ids.followUp,
      ids.complaint,
    );
  } finally {
    db.close();
  }
}

describe('migration 0070 (转派)', () => {
  it('keeps a second round sent back under version 50 as it was, and the complaint carries on with 转派 and 签收', () => {
    allowTestClock();
    const dir = makeDataDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    versionFiftyWithSecondRound(dir);

    const app = openTestApp(dir);
    cleanups.push(() => app.close());
    expect(app.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(app.ctx.db.prepare('SELECT count(*) FROM redispatches').pluck().get()).toBe(0);
    app.ok('app:setup', { officeName: '阳光花园服务中心', officeCode: 'YGHA', operatorName: '周晓雯' });
    const receiverId = app.ok('staff:list', {}).find((s) => s.name === '周晓雯')!.id;
    const cleaning = app.ok('departments:list', {}).find((d) => d.name === '环境部')!.id;

    let d = app.ok('complaints:get', { id: ids.complaint });
    expect(d.complaint).toMatchObject({ status: 'in_progress', version: 6 });
    expect(d.process.round).toBe(2);
    expect(d.process.rounds.map((r) => [r.round, r.departmentName, r.dispatchedAt, r.signedBy, r.signedAt, r.result])).toEqual([
      [1, '工程部', '2026-11-02 09:20', '李强', '2026-11-02 09:35', '已修复'],
      [2, '工程部', '2026-11-03 09:50', '', '', ''],
    ]);
    expect(d.process.redispatches).toEqual([]);
    expect(d.process.allowedActions).toEqual(expect.arrayContaining(['recordResult', 'redispatch']));

    setNow(app, '2026-11-03 11:00');
    d = app.ok('lifecycle:redispatch', { id: d.complaint.id, version: d.complaint.version, actorId: receiverId, departmentId: cleaning, reason: '查明为公共排水管堵塞' });
    expect(d.complaint.status).toBe('dispatched');
    expect(d.process.redispatches).toEqual([expect.objectContaining({ round: 2, fromDepartmentName: '工程部', toDepartmentName: '环境部', fromSignedBy: '' })]);
    d = app.ok('lifecycle:signFor', { id: d.complaint.id, version: d.complaint.version, actorId: receiverId, signerId: receiverId, signedAt: '2026-11-03 10:55' });
    expect(d.process.rounds[1]).toMatchObject({ round: 2, departmentName: '环境部', signedBy: '周晓雯', signedAt: '2026-11-03 10:55' });
  });
});
