/**
 * Migration 0060 (deadline rules): rows seeded at version 50, as that version wrote them, then
 * checked after the migration and through the app. The migration's clock is pinned (setTestClock):
 * Saturday 2026-02-28 12:00 in the office's zone, a day on which the 30-day count and the calendar
 * month disagree both ways.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import { migrate } from '../../src-main/db/migrations';
import { setTestClock } from '../../src-main/lib/clock';
import { ulid } from '../../src-main/lib/ulid';
import { deadlinePolicySchema } from '../../src-preload/contract';
import { makeDataDir, openTestApp, type TestApp } from '../helpers/app';
import { allowTestClock, deadline, setNow } from './lifecycle-fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  setTestClock(null);
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const hours = (amount: number) => ({ unit: 'hours', amount });
const workingDays = (amount: number) => ({ unit: 'working_days', amount });

/** A policy as version 50 stored it, with an office's own changes. */
const OLD_POLICY = {
  severities: {
    minor: { response: hours(12), report: null, resolution: workingDays(1) },
    ordinary: { response: hours(24), report: null, resolution: workingDays(3) },
    important: { response: hours(24), report: hours(1), resolution: workingDays(3) },
    major: { response: hours(20), report: hours(1), resolution: workingDays(5) },
  },
  urgency: { urgent: { response: hours(3) }, normal: { response: null } },
  dispatch: { major: { unit: 'minutes', amount: 10 }, other: hours(1) },
  followUp: workingDays(5),
  invalidNotice: workingDays(1),
  warningRatio: 0.75,
  autoMajorDays: 30,
};

/** A version-50 database in a fresh data directory: migrated that far and no further. */
function databaseAt50() {
  const dir = makeDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = new Database(join(dir, DATABASE_FILE));
  cleanups.push(() => db.open && db.close());
  db.pragma('journal_mode = WAL');
  migrate(db, 50);
  expect(db.pragma('user_version', { simple: true })).toBe(50);
  const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  setting.run('officeCode', JSON.stringify('YGHA'));
  setting.run('officeName', JSON.stringify('阳光花园服务中心'));
  const departmentId = (db.prepare("SELECT id FROM departments WHERE name = '工程部'").pluck().get() as string);
  const categoryId = (db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string);
  const receiverId = ulid();
  db.prepare(`INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, '周晓雯', ?, 'reception', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`).run(
    receiverId,
    departmentId,
  );
  let seq = 0;
  /** A complaint as version 50 wrote it, with its timeline's severity changes and its deadlines. */
  const complaint = (c: {
    receivedAt: string;
    severity: string;
    status: string;
    officeCode?: string;
    version?: number;
    /** [ISO instant, kind, actor, before, after] */
    severityChanges?: [string, string, string, string, string][];
    deadlines?: { kind: string; startedAt: string; dueAt: string; completedAt?: string }[];
  }) => {
    const id = ulid();
    seq++;
    db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, category_id, description, validity, severity, urgency, status, version, created_at, updated_at, round)
       VALUES (?, ?, ?, ?, 'phone', ?, '张伟', ?, '楼上漏水', 'valid', ?, 'normal', ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1)`,
    ).run(id, c.officeCode ?? 'YGHA', `${c.officeCode ?? 'YGHA'}-20260101-${String(seq).padStart(3, '0')}`, c.receivedAt, receiverId, categoryId, c.severity, c.status, c.version ?? 3);
    for (const [at, kind, actor, before, after] of c.severityChanges ?? []) {
      db.prepare(`INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, NULL, ?, ?, ?, '')`).run(
        ulid(),
        id,
        at,
        actor,
        kind,
        JSON.stringify([{ field: 'severity', before, after }]),
      );
    }
    for (const d of c.deadlines ?? []) {
      db.prepare(
        `INSERT INTO complaint_deadlines (id, complaint_id, kind, round, started_at, due_at, rule, policy_version, paused_minutes, completed_at, cancelled_at) VALUES (?, ?, ?, 1, ?, ?, NULL, 3, 0, ?, '')`,
      ).run(ulid(), id, d.kind, d.startedAt, d.dueAt, d.completedAt ?? '');
    }
    return id;
  };
  return { dir, db, complaint };
}

type Row = { severity: string; version: number; updated_at: string };
const rowOf = (db: Database.Database, id: string) => db.prepare('SELECT severity, version, updated_at FROM complaints WHERE id = ?').get(id) as Row;
const eventsOf = (db: Database.Database, id: string) =>
  db.prepare('SELECT at, actor_name AS actor, kind, changes, note FROM complaint_events WHERE complaint_id = ? ORDER BY at, id').all(id) as {
    at: string;
    actor: string;
    kind: string;
    changes: string;
    note: string;
  }[];
const policyOf = (db: Database.Database) => {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'deadlinePolicy'").pluck().get() as string | undefined;
  return row ? (JSON.parse(row) as { policy: Record<string, unknown>; version: number }) : undefined;
};

/** Migration time: Sat 2026-02-28 12:00 in Asia/Shanghai. */
const MIGRATED_AT = new Date('2026-02-28T12:00:00+08:00');

function openApp(dir: string): TestApp {
  allowTestClock();
  const app = openTestApp(dir);
  cleanups.push(() => app.ctx.close());
  return app;
}

describe('migration 0060: the stored deadline policy', () => {
  it('takes the new shape as a new version; the office’s own values carry over', () => {
    const { db } = databaseAt50();
    db.prepare("INSERT INTO settings (key, value) VALUES ('deadlinePolicy', ?)").run(JSON.stringify({ policy: OLD_POLICY, version: 3 }));
    setTestClock(MIGRATED_AT);
    migrate(db, 60);

    const stored = policyOf(db)!;
    expect(stored.version).toBe(4);
    // What the app reads parses: an older version's JSON is no longer a shape the schema refuses.
    expect(deadlinePolicySchema.parse(stored.policy)).toEqual(stored.policy);
    expect(stored.policy).toEqual({
      severities: {
        // The old per-severity "response" was the 24-hour standard: it is now the first response.
        minor: { firstResponse: hours(12), report: null, resolution: workingDays(1) },
        ordinary: { firstResponse: hours(24), report: null, resolution: workingDays(3) },
        important: { firstResponse: hours(24), report: hours(1), resolution: workingDays(3) },
        major: { firstResponse: hours(20), report: hours(1), resolution: workingDays(5) },
      },
      // The urgency times are the reply's; one switched off gets the procedure's 2 working days.
      reply: { urgent: hours(3), normal: workingDays(2) },
      // The major row's old time was its definite reply.
      definiteReply: hours(20),
      dispatch: { major: { unit: 'minutes', amount: 10 }, other: hours(1) },
      followUp: workingDays(5),
      invalidNotice: workingDays(1),
      warningRatio: 0.75,
      autoMajorMonths: 1,
    });
  });

  it('a day count other than 30 becomes the nearest whole number of months', () => {
    const { db } = databaseAt50();
    db.prepare("INSERT INTO settings (key, value) VALUES ('deadlinePolicy', ?)").run(JSON.stringify({ policy: { ...OLD_POLICY, autoMajorDays: 60 }, version: 2 }));
    migrate(db, 60);
    expect(policyOf(db)!.policy.autoMajorMonths).toBe(2);
  });

  it('with no stored policy but deadlines set under the old defaults (version 1), the new defaults are version 2', () => {
    const { db, complaint } = databaseAt50();
    complaint({ receivedAt: '2026-02-27 09:00', severity: 'ordinary', status: 'registered', deadlines: [{ kind: 'response', startedAt: '2026-02-27 09:00', dueAt: '2026-02-28 09:00' }] });
    setTestClock(MIGRATED_AT);
    migrate(db, 60);
    const stored = policyOf(db)!;
    expect(stored.version).toBe(2);
    expect(stored.policy).toMatchObject({ reply: { urgent: hours(2), normal: workingDays(2) }, definiteReply: hours(24), autoMajorMonths: 1 });
    expect(deadlinePolicySchema.parse(stored.policy)).toEqual(stored.policy);
  });

  it('a database with no deadlines yet keeps no stored policy (the defaults are version 1)', () => {
    const { db } = databaseAt50();
    migrate(db, 60);
    expect(policyOf(db)).toBeUndefined();
  });
});

describe('migration 0060: open complaints recounted by the calendar month', () => {
  it('undoes an upgrade the 30-day count made before the month was up; leaves the rest; the scheduler upgrades by the month', () => {
    const { dir, db, complaint } = databaseAt50();
    db.prepare("INSERT INTO settings (key, value) VALUES ('deadlinePolicy', ?)").run(JSON.stringify({ policy: OLD_POLICY, version: 3 }));
    // Received Wed 01-28 13:00: 30 days ended 02-27 13:00 (upgraded then), the month ends 02-28 13:00.
    const early = complaint({
      receivedAt: '2026-01-28 13:00',
      severity: 'major',
      status: 'in_progress',
      severityChanges: [['2026-02-27T05:00:00.123Z', 'auto_major', '系统', 'ordinary', 'major']],
      deadlines: [
        { kind: 'response', startedAt: '2026-01-28 13:00', dueAt: '2026-01-29 13:00', completedAt: '2026-01-28 15:00' },
        { kind: 'resolution', startedAt: '2026-01-28 13:00', dueAt: '2026-02-02 23:59' },
        // The upgrade's report upward, still open.
        { kind: 'report', startedAt: '2026-02-27 13:00', dueAt: '2026-02-27 14:00' },
      ],
    });
    // The same, but its report upward was made: that stays met.
    const earlyReported = complaint({
      receivedAt: '2026-01-28 13:00',
      severity: 'major',
      status: 'dispatched',
      severityChanges: [['2026-02-27T05:00:00.000Z', 'auto_major', '系统', 'important', 'major']],
      deadlines: [{ kind: 'report', startedAt: '2026-02-27 13:00', dueAt: '2026-02-27 14:00', completedAt: '2026-02-27 13:30' }],
    });
    // Received 01-20 10:00: upgraded 02-19 10:00, and its month ended 02-20 10:00: the upgrade stands.
    const monthUp = complaint({ receivedAt: '2026-01-20 10:00', severity: 'major', status: 'in_progress', severityChanges: [['2026-02-19T02:00:00.000Z', 'auto_major', '系统', 'ordinary', 'major']] });
    // Upgraded early, but a person set the severity since: their choice is never undone.
    const person = complaint({
      receivedAt: '2026-01-28 13:00',
      severity: 'major',
      status: 'in_progress',
      severityChanges: [
        ['2026-02-27T05:00:00.000Z', 'auto_major', '系统', 'ordinary', 'major'],
        ['2026-02-27T06:00:00.000Z', 'updated', '周晓雯', 'major', 'important'],
        ['2026-02-27T07:00:00.000Z', 'updated', '周晓雯', 'important', 'major'],
      ],
    });
    // Upgraded early and handled since: it followed the major procedure, and stays major.
    const handled = complaint({ receivedAt: '2026-01-28 13:00', severity: 'major', status: 'handled', severityChanges: [['2026-02-27T05:00:00.000Z', 'auto_major', '系统', 'ordinary', 'major']] });
    // Another office's, merged here: that office recounts its own.
    const merged = complaint({ receivedAt: '2026-01-28 13:00', severity: 'major', status: 'in_progress', officeCode: 'DFYA', severityChanges: [['2026-02-27T05:00:00.000Z', 'auto_major', '系统', 'ordinary', 'major']] });
    // Received 01-30 10:00: the 30-day count (03-01) had not upgraded it; the month (02-28 10:00) is up.
    const dueNow = complaint({ receivedAt: '2026-01-30 10:00', severity: 'ordinary', status: 'in_progress' });
    // Received 02-10: its month is not up.
    const young = complaint({ receivedAt: '2026-02-10 10:00', severity: 'ordinary', status: 'registered' });
    const untouched = [monthUp, person, handled, merged, dueNow, young];
    const before = new Map(untouched.map((id) => [id, { row: rowOf(db, id), events: eventsOf(db, id) }]));

    setTestClock(MIGRATED_AT);
    migrate(db, 60);

    // The early upgrade is undone, as an event of its own, and the complaint's version moves on.
    expect(rowOf(db, early)).toEqual({ severity: 'ordinary', version: 4, updated_at: MIGRATED_AT.toISOString() });
    const undone = eventsOf(db, early).at(-1)!;
    expect(undone).toEqual({
      at: MIGRATED_AT.toISOString(),
      actor: '系统',
      kind: 'updated',
      changes: JSON.stringify([{ field: 'severity', before: 'major', after: 'ordinary' }]),
      note: '按“受理满一个月”的规定重新计算：本投诉 2026-01-28 13:00 受理，2026-02-28 13:00 才满一个月，此前按“满 30 天”提前作出的自动升级撤销，恢复为一般投诉；届时仍未解决将再次自动升级',
    });
    const deadlines = () =>
      Object.fromEntries(
        (db.prepare('SELECT kind, completed_at, cancelled_at FROM complaint_deadlines WHERE complaint_id = ?').all(early) as { kind: string; completed_at: string; cancelled_at: string }[]).map((d) => [
          d.kind,
          [d.completed_at, d.cancelled_at],
        ]),
      );
    // Only the upgrade's open report is cancelled; the intake's deadlines are as they were.
    expect(deadlines()).toEqual({ response: ['2026-01-28 15:00', ''], resolution: ['', ''], report: ['', '2026-02-28 12:00'] });
    expect(rowOf(db, earlyReported).severity).toBe('important');
    expect(db.prepare('SELECT completed_at, cancelled_at FROM complaint_deadlines WHERE complaint_id = ?').get(earlyReported)).toEqual({ completed_at: '2026-02-27 13:30', cancelled_at: '' });
    for (const id of untouched) expect({ row: rowOf(db, id), events: eventsOf(db, id) }).toEqual(before.get(id));
    db.close();

    // In the app: the scheduler's tick upgrades by the month — at once the one whose month is up,
    // the undone one when its month is (13:00), the young one not at all.
    const app = openApp(dir);
    const severity = (id: string) => app.ok('complaints:get', { id }).complaint.severity;
    setNow(app, '2026-02-28 12:00');
    expect([severity(dueNow), severity(early), severity(young)]).toEqual(['major', 'ordinary', 'ordinary']);
    setNow(app, '2026-02-28 12:59');
    expect(severity(early)).toBe('ordinary');
    setNow(app, '2026-02-28 13:00');
    const again = app.ok('complaints:get', { id: early });
    expect(again.complaint.severity).toBe('major');
    expect(again.events.at(-1)).toMatchObject({ kind: 'auto_major', note: '受理满一个月（2026-01-28 13:00 受理，2026-02-28 13:00 满期）仍未解决，按规定自动升级为重大投诉' });
    expect(again.process.deadlines.filter((d) => d.kind === 'report').map((d) => [d.startedAt, d.state])).toEqual([
      ['2026-02-27 13:00', 'cancelled'],
      ['2026-02-28 13:00', 'due'],
    ]);
    // Under the converted policy (version 4): this office's 20 hours for a major complaint's reply.
    expect(deadline(again, 'definite_reply')).toMatchObject({ startedAt: '2026-02-28 13:00', dueAt: '2026-03-01 09:00', policyVersion: 4 });
    expect(severity(young)).toBe('ordinary');
    expect(app.ok('deadlines:getPolicy', {}).version).toBe(4);
  });
});
