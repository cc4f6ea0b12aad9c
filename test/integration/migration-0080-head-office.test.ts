/**
 * Migration 80 (issue 13 point 12): signed prints stored with a UTC instant in `signed_at` get the
 * office's wall time, as the upload now writes it; the rest of form_prints stays as it was; the
 * offices table learns each office's form codes. Rows are seeded at version 79 (every migration
 * before this one, whichever exist) and read after the app opens the database.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app-context';
import { LATEST_VERSION, migrate } from '../../src-main/db/migrations';
import { makeDataDir, openTestApp } from '../helpers/app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const AT = '2026-11-01T00:00:00.000Z';
const ID = { staff: '01JSTAFF000000000000000001', complaint: '01JCOMPLA00000000000000001', scan: '01JSCAN0000000000000000001', scan2: '01JSCAN0000000000000000002' };
const PRINT = { instant: '01JPRINT000000000000000001', evening: '01JPRINT000000000000000002', wall: '01JPRINT000000000000000003', unsigned: '01JPRINT000000000000000004' };

/** A database at version 79 with one complaint and four prints: signed at an instant (two), signed in wall time, not signed. */
function seedAt79(timeZone?: string): string {
  const dir = makeDataDir();
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    migrate(db, 79);
    expect(db.pragma('user_version', { simple: true })).toBeLessThan(80);
    if (timeZone) db.prepare("INSERT INTO settings (key, value) VALUES ('timeZone', ?)").run(JSON.stringify(timeZone));
    db.prepare("INSERT INTO settings (key, value) VALUES ('officeCode', '\"YGHA\"')").run();
    const department = db.prepare("SELECT id FROM departments WHERE name = '工程部'").pluck().get() as string;
    const category = db.prepare("SELECT id FROM categories WHERE name = '工程质量'").pluck().get() as string;
    db.prepare("INSERT INTO staff (id, name, department_id, role, created_at, updated_at) VALUES (?, '周晓雯', ?, 'reception', ?, ?)").run(ID.staff, department, AT, AT);
    db.prepare(
      `INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, category_id, description, validity, severity, urgency, status, created_at, updated_at)
       VALUES (?, 'YGHA', 'YGHA-20261102-001', '2026-11-02 09:12', 'phone', ?, '张伟', ?, '楼上漏水', 'valid', 'ordinary', 'normal', 'registered', ?, ?)`,
    ).run(ID.complaint, ID.staff, category, AT, AT);
    const attach = db.prepare("INSERT INTO attachments (id, complaint_id, sha256, file_name, mime, size, created_at) VALUES (?, ?, ?, 'scan.png', 'image/png', 10, ?)");
    attach.run(ID.scan, ID.complaint, 'a'.repeat(64), AT);
    attach.run(ID.scan2, ID.complaint, 'b'.repeat(64), AT);
    const print = db.prepare(
      `INSERT INTO form_prints (id, complaint_id, form, version, printed_at, printed_by, complaint_version, printed_fields, signed_attachment_id, signed_at)
       VALUES (?, ?, ?, ?, ?, '周晓雯', 1, '["complainantName"]', ?, ?)`,
    );
    print.run(PRINT.instant, ID.complaint, 'complaint_record', 1, '2026-11-02 09:20', ID.scan, '2026-11-02T01:30:00.000Z');
    print.run(PRINT.evening, ID.complaint, 'handling_record', 1, '2026-11-02 23:50', ID.scan2, '2026-11-02T16:05:00.000Z'); // after midnight in Shanghai
    print.run(PRINT.wall, ID.complaint, 'complaint_record', 2, '2026-11-03 08:00', null, '2026-11-03 08:10');
    print.run(PRINT.unsigned, ID.complaint, 'complaint_record', 3, '2026-11-03 09:00', null, '');
    db.prepare("INSERT INTO offices (code, name, time_zone, last_exported_at, last_imported_at) VALUES ('DFYA', '东方雅苑服务中心', 'Asia/Shanghai', ?, ?)").run(AT, AT);
  } finally {
    db.close();
  }
  return dir;
}

function openMigrated(dir: string) {
  const app = openTestApp(dir);
  cleanups.push(() => app.close());
  expect(app.ctx.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  return app;
}

const signedAt = (app: ReturnType<typeof openTestApp>) =>
  Object.fromEntries((app.ctx.db.prepare('SELECT id, signed_at FROM form_prints ORDER BY id').all() as { id: string; signed_at: string }[]).map((r) => [r.id, r.signed_at]));

describe('migration 80', () => {
  it('rewrites signed times stored as UTC instants to the office’s wall time, leaving wall times and unsigned prints as they were', () => {
    const app = openMigrated(seedAt79());
    expect(signedAt(app)).toEqual({
      [PRINT.instant]: '2026-11-02 09:30',
      [PRINT.evening]: '2026-11-03 00:05',
      [PRINT.wall]: '2026-11-03 08:10',
      [PRINT.unsigned]: '',
    });
    // The rest of each print is untouched.
    const rows = app.ctx.db.prepare('SELECT id, printed_at, signed_attachment_id FROM form_prints ORDER BY id').all();
    expect(rows).toEqual([
      { id: PRINT.instant, printed_at: '2026-11-02 09:20', signed_attachment_id: ID.scan },
      { id: PRINT.evening, printed_at: '2026-11-02 23:50', signed_attachment_id: ID.scan2 },
      { id: PRINT.wall, printed_at: '2026-11-03 08:00', signed_attachment_id: null },
      { id: PRINT.unsigned, printed_at: '2026-11-03 09:00', signed_attachment_id: null },
    ]);
  });

  it('reads the wall time in the office’s own time zone setting', () => {
    const app = openMigrated(seedAt79('Asia/Urumqi')); // UTC+6
    expect(signedAt(app)[PRINT.instant]).toBe('2026-11-02 07:30');
  });

  it('gives every merged office an empty set of form codes until an export brings them', () => {
    const app = openMigrated(seedAt79());
    expect(app.ctx.db.prepare('SELECT code, form_codes FROM offices').all()).toEqual([{ code: 'DFYA', form_codes: '' }]);
  });
});
