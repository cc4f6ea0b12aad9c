import type { Database } from 'better-sqlite3';
import { addMinutesToWall, toWallTime } from '../../../src-preload/contract/wall-time';
import { autoMajorAt, fullMonthsInWords } from '../../domain/auto-major';
import { now } from '../../lib/clock';
import { ulid } from '../../lib/ulid';

/**
 * Deadlines as the rule books say (issue 13, points 6 and 7). No table changes; two kinds of data:
 *
 * 1. The stored deadline policy takes its new shape, as a new version (each deadline keeps the
 *    version it was set under, so old deadlines stay as they were and new ones follow the new rules):
 *    - `severities.*.response` (the 24-hour "answered" standard that used to cap the reply) becomes
 *      `severities.*.firstResponse`, a stage of its own (首次响应);
 *    - `urgency.*.response` becomes `reply.*` (答复 when the complainant named no time; an office
 *      that had switched one off gets the procedure's default: 2 h urgent, 2 working days not);
 *    - `definiteReply` (a major complaint's 明确答复) starts from the major row's old 24-hour time;
 *    - `autoMajorDays` becomes `autoMajorMonths`: 30 days → 1 month (other counts to the nearest
 *      whole month, 1–12).
 *    With no stored policy (the defaults in force) but deadlines already set under them as
 *    version 1, the new defaults are stored as version 2 so the two sets stay apart.
 *
 * 2. Open complaints are recounted under "one calendar month": a complaint the 30-day rule made
 *    major before its month was up (it can be up to a day early: a month is 28–31 days) and still
 *    unresolved is put back to the severity it had, with a timeline event saying why, and the open
 *    report deadline that upgrade set is cancelled (one already met stays met: that report was
 *    made). The scheduler upgrades it again when the month is up, if it is still unresolved then.
 *    Only complaints whose latest severity change was that automatic upgrade (a person's choice is
 *    never undone), of this office (merged offices recount their own), in the states the sweep
 *    upgrades from. A complaint upgraded early and handled since keeps its severity: its handling
 *    already followed the major procedure. Complaints not yet upgraded need nothing here: nothing
 *    stored depends on the count; the scheduler's tick (at start and every minute) upgrades them by
 *    the month rule — those received late in January, whose month ends before day 30, at once.
 */

const POLICY_KEY = 'deadlinePolicy';

type Duration = { unit: string; amount: number };
type Json = Record<string, unknown>;

const hours = (amount: number): Duration => ({ unit: 'hours', amount });
const workingDays = (amount: number): Duration => ({ unit: 'working_days', amount });

/** The defaults as version 50 of the app shipped them (what "no stored policy" meant until now). */
const DEFAULTS_AT_0050: Json = {
  severities: {
    minor: { response: hours(24), report: null, resolution: workingDays(1) },
    ordinary: { response: hours(24), report: null, resolution: workingDays(3) },
    important: { response: hours(24), report: hours(1), resolution: workingDays(3) },
    major: { response: hours(24), report: hours(1), resolution: workingDays(3) },
  },
  urgency: { urgent: { response: hours(2) }, normal: { response: workingDays(2) } },
  dispatch: { major: { unit: 'minutes', amount: 10 }, other: hours(1) },
  followUp: workingDays(3),
  invalidNotice: workingDays(1),
  warningRatio: 0.8,
  autoMajorDays: 30,
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const duration = (v: unknown): Duration | null => (isObject(v) && typeof v.unit === 'string' && typeof v.amount === 'number' ? { unit: v.unit, amount: v.amount } : null);

/** A policy as an older version stored it, in the shape this version reads. Already-new fields pass through. */
export function upgradePolicy(old: Json): Json {
  const { urgency, autoMajorDays, ...rest } = old;
  const severities = Object.fromEntries(
    Object.entries(isObject(old.severities) ? old.severities : {}).map(([severity, raw]) => {
      const { response, ...rules } = isObject(raw) ? raw : {};
      return [severity, { ...rules, firstResponse: 'firstResponse' in rules ? rules.firstResponse : (duration(response) ?? hours(24)) }];
    }),
  );
  const oldReply = (u: string) => (isObject(urgency) && isObject(urgency[u]) ? duration(urgency[u].response) : null);
  const majorRules = isObject(old.severities) && isObject(old.severities.major) ? old.severities.major : {};
  const days = typeof autoMajorDays === 'number' ? autoMajorDays : 30;
  return {
    ...rest,
    severities,
    reply: isObject(old.reply) ? old.reply : { urgent: oldReply('urgent') ?? hours(2), normal: oldReply('normal') ?? workingDays(2) },
    definiteReply: duration(old.definiteReply) ?? duration(majorRules.response) ?? hours(24),
    autoMajorMonths: typeof old.autoMajorMonths === 'number' ? old.autoMajorMonths : Math.min(12, Math.max(1, Math.round(days / 30))),
  };
}

function readSetting(db: Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

function upgradeStoredPolicy(db: Database): { autoMajorMonths: number; oldDays: number } {
  const stored = readSetting(db, POLICY_KEY);
  let setting: { policy: Json; version: number } | null = null;
  if (isObject(stored) && isObject(stored.policy) && typeof stored.version === 'number') {
    setting = { policy: upgradePolicy(stored.policy), version: stored.version + 1 };
  } else if (db.prepare('SELECT 1 FROM complaint_deadlines LIMIT 1').get()) {
    setting = { policy: upgradePolicy(DEFAULTS_AT_0050), version: 2 };
  }
  const before = isObject(stored) && isObject(stored.policy) ? stored.policy : DEFAULTS_AT_0050;
  const oldDays = typeof before.autoMajorDays === 'number' ? before.autoMajorDays : 30;
  if (!setting) return { autoMajorMonths: 1, oldDays };
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(POLICY_KEY, JSON.stringify(setting));
  return { autoMajorMonths: setting.policy.autoMajorMonths as number, oldDays };
}

const SEVERITY_LABEL: Record<string, string> = { minor: '轻微', ordinary: '一般', important: '重要', major: '重大' };

/** Undo automatic upgrades the day count made before the complaint's month was up (see the header). */
function recountEarlyUpgrades(db: Database, months: number, oldDays: number): void {
  const officeCode = readSetting(db, 'officeCode');
  const zone = readSetting(db, 'timeZone');
  const timeZone = typeof zone === 'string' ? zone : 'Asia/Shanghai';
  if (typeof officeCode !== 'string' || officeCode === '') return;
  const instant = now();
  const iso = instant.toISOString();
  const wallNow = toWallTime(instant, timeZone);

  const open = db
    .prepare(
      `SELECT id, received_at AS receivedAt FROM complaints
       WHERE office_code = ? AND validity = 'valid' AND severity = 'major'
         AND status IN ('registered', 'returned', 'dispatched', 'in_progress', 'on_hold')`,
    )
    .all(officeCode) as { id: string; receivedAt: string }[];
  const lastSeverityChange = db.prepare(
    `SELECT e.kind, e.at, json_extract(j.value, '$.before') AS before
     FROM complaint_events e, json_each(e.changes) j
     WHERE e.complaint_id = ? AND json_extract(j.value, '$.field') = 'severity'
     ORDER BY e.at DESC, e.id DESC LIMIT 1`,
  );
  const revert = db.prepare(`UPDATE complaints SET severity = ?, version = version + 1, updated_at = ? WHERE id = ?`);
  // The upgrade's report deadline started when the sweep ran: the event's minute (or the one before,
  // as the sweep read the clock twice). Intake's own report deadline starts at receipt, long before.
  const cancelReport = db.prepare(
    `UPDATE complaint_deadlines SET cancelled_at = ? WHERE complaint_id = ? AND kind = 'report' AND completed_at = '' AND cancelled_at = '' AND started_at >= ?`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, NULL, '系统', 'updated', ?, ?)`,
  );

  for (const c of open) {
    const change = lastSeverityChange.get(c.id) as { kind: string; at: string; before: string | null } | undefined;
    if (change?.kind !== 'auto_major' || !change.before || !(change.before in SEVERITY_LABEL)) continue;
    const majorFrom = autoMajorAt(c.receivedAt, months);
    if (wallNow >= majorFrom) continue; // the month is up: the upgrade stands
    revert.run(change.before, iso, c.id);
    const upgradedAt = toWallTime(new Date(change.at), timeZone);
    cancelReport.run(wallNow, c.id, addMinutesToWall(upgradedAt, -1, timeZone));
    const note =
      `按“受理${fullMonthsInWords(months)}”的规定重新计算：本投诉 ${c.receivedAt} 受理，${majorFrom} 才${fullMonthsInWords(months)}，` +
      `此前按“满 ${oldDays} 天”提前作出的自动升级撤销，恢复为${SEVERITY_LABEL[change.before]}投诉；届时仍未解决将再次自动升级`;
    insertEvent.run(ulid(), c.id, iso, JSON.stringify([{ field: 'severity', before: 'major', after: change.before }]), note);
  }
}

export function up(db: Database): void {
  const { autoMajorMonths, oldDays } = upgradeStoredPolicy(db);
  recountEarlyUpgrades(db, autoMajorMonths, oldDays);
}
