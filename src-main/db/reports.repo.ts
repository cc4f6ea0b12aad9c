/**
 * Reads behind the register print and the monthly report (see the definitions in
 * src-preload/contract/report.schema.ts). Plain SQL on the real tables, grouped in SQL; every time
 * compared here is a wall time in the office's zone ('YYYY-MM-DD HH:mm'), which sorts as it reads.
 */
import type { Db } from './connection';
import { stmt } from './statements';
import type { Channel, ComplaintStatus, ContactMethod, DeadlineKind, EscalationLevel, ReportTotals, Satisfaction, Severity, Validity } from '../../src-preload/contract';

/**
 * Which complaints: an explicit list (the register, after its filters) or those received in
 * [from, before) — day strings, so '2026-11-01' <= '2026-11-01 00:00' < '2026-12-01' — by one
 * office (`officeCode`) or, absent or '', by every office in the database.
 */
export type ComplaintPick = { ids: string[] } | MonthRange;
export interface MonthRange {
  from: string;
  before: string;
  officeCode?: string;
}

function pickSql(pick: ComplaintPick): { where: string; params: string[] } {
  if ('ids' in pick) return { where: 'c.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(pick.ids)] };
  const range = { where: 'c.received_at >= ? AND c.received_at < ?', params: [pick.from, pick.before] };
  return pick.officeCode ? { where: `${range.where} AND c.office_code = ?`, params: [...range.params, pick.officeCode] } : range;
}

export interface FollowUpFact {
  round: number;
  at: string;
  method: ContactMethod | '';
  satisfaction: Satisfaction | '';
  impossible: string;
}

export interface RegisterRecord {
  id: string;
  number: string;
  receivedAt: string;
  complainantName: string;
  room: string;
  phone: string;
  contactOther: string;
  channel: Channel;
  category: string;
  description: string;
  department: string;
  complainedPerson: string;
  receiver: string;
  severity: Severity;
  status: ComplaintStatus;
  validity: Validity;
  invalidReason: string;
  results: { round: number; result: string }[];
  followUps: FollowUpFact[];
  escalations: EscalationLevel[];
}

/** The register's rows, in the order received; rounds, follow-ups and reports upward folded in as JSON. */
export function registerRecords(db: Db, ids: string[]): RegisterRecord[] {
  const rows = stmt(
    db,
    `SELECT c.id, c.number, c.received_at AS receivedAt, c.complainant_name AS complainantName,
            c.building || c.unit || c.room AS room, c.phone, c.contact_other AS contactOther, c.channel,
            k.name AS category, c.description, COALESCE(d.name, '') AS department, c.complained_person AS complainedPerson,
            s.name AS receiver, c.severity, c.status, c.validity, c.invalid_reason AS invalidReason,
            (SELECT json_group_array(json_object('round', r.round, 'result', r.result) ORDER BY r.round)
               FROM handling_rounds r WHERE r.complaint_id = c.id AND r.result != '') AS results,
            (SELECT json_group_array(json_object('round', f.round, 'at', f.at, 'method', f.method, 'satisfaction', f.satisfaction,
                                                 'impossible', f.impossible_reason) ORDER BY f.round, f.at)
               FROM follow_ups f WHERE f.complaint_id = c.id) AS followUps,
            (SELECT json_group_array(e.level ORDER BY e.at, e.id) FROM escalations e WHERE e.complaint_id = c.id) AS escalations
     FROM complaints c
     JOIN staff s ON s.id = c.receiver_id
     JOIN categories k ON k.id = c.category_id
     LEFT JOIN departments d ON d.id = c.complained_department_id
     WHERE c.id IN (SELECT value FROM json_each(?))
     ORDER BY c.received_at, c.id`,
  ).all(JSON.stringify(ids)) as (Omit<RegisterRecord, 'results' | 'followUps' | 'escalations'> & Record<'results' | 'followUps' | 'escalations', string>)[];
  return rows.map((r) => ({
    ...r,
    results: JSON.parse(r.results) as RegisterRecord['results'],
    followUps: JSON.parse(r.followUps) as FollowUpFact[],
    escalations: JSON.parse(r.escalations) as EscalationLevel[],
  }));
}

/** Counts of one group of complaints (see ReportTotals for what each means). */
export type FactCounts = ReportTotals;

export type Dimension = 'all' | 'office' | 'category' | 'department' | 'channel' | 'severity';
export interface GroupCounts extends FactCounts {
  dimension: Dimension;
  /** Office code, category or department name ('' for none), channel, severity; '' for 'all'. */
  key: string;
  /** Of them, 已办结 now. */
  closed: number;
}

/**
 * One fact row per complaint, then the counts of all of them and per office, category, responsible
 * department, channel and severity in one grouped statement. The facts are computed once
 * (MATERIALIZED: inlined, each lookup would run six times); each is an indexed lookup per complaint.
 * `asOf` decides whether an open deadline is already late.
 *
 * Categories and departments are grouped by NAME, not id: at head office every office has its own
 * 工程部 row (directory rows are per office since migration 0050), and the all-offices report adds
 * them up. Within one office a name is unique, so its report reads as if grouped by id.
 */
export function groupedCounts(db: Db, pick: ComplaintPick, asOf: string): GroupCounts[] {
  const { where, params } = pickSql(pick);
  return stmt(
    db,
    `WITH facts AS MATERIALIZED (
       SELECT c.office_code, c.channel, c.severity, c.status, c.validity = 'valid' AS valid,
              (SELECT k.name FROM categories k WHERE k.id = c.category_id) AS category,
              COALESCE((SELECT d.name FROM handling_rounds r JOIN departments d ON d.id = r.department_id
                        WHERE r.complaint_id = c.id ORDER BY r.round DESC LIMIT 1),
                       (SELECT d.name FROM departments d WHERE d.id = c.complained_department_id), '') AS department,
              CASE WHEN c.validity != 'valid' THEN '' ELSE (
                SELECT CASE WHEN COUNT(*) = 0 THEN ''
                            WHEN SUM(CASE WHEN d.completed_at != '' THEN d.completed_at > d.due_at
                                          ELSE d.due_at < @asOf AND c.status != 'on_hold' END) > 0 THEN 'late'
                            WHEN SUM(d.completed_at = '') = 0 THEN 'on_time' ELSE '' END
                FROM complaint_deadlines d WHERE d.complaint_id = c.id AND d.kind = 'resolution' AND d.cancelled_at = '') END AS outcome,
              c.validity = 'valid' AND EXISTS (SELECT 1 FROM handling_rounds r WHERE r.complaint_id = c.id AND r.result != '') AS owed,
              (SELECT f.satisfaction FROM follow_ups f WHERE f.complaint_id = c.id AND f.satisfaction != ''
               ORDER BY f.round DESC, f.at DESC LIMIT 1) AS satisfaction,
              EXISTS (SELECT 1 FROM follow_ups f WHERE f.complaint_id = c.id AND f.impossible_reason != '') AS impossible
       FROM complaints c WHERE ${where}
     ),
     keyed AS (
       SELECT 'all' AS dimension, '' AS key, * FROM facts
       UNION ALL SELECT 'office', office_code, * FROM facts
       UNION ALL SELECT 'category', category, * FROM facts
       UNION ALL SELECT 'department', department, * FROM facts
       UNION ALL SELECT 'channel', channel, * FROM facts
       UNION ALL SELECT 'severity', severity, * FROM facts
     )
     SELECT dimension, key, COUNT(*) AS total, SUM(valid) AS valid, SUM(status = 'closed') AS closed, SUM(NOT valid) AS invalid, SUM(severity = 'major') AS major,
            SUM(outcome = 'on_time') AS closedOnTime, SUM(outcome = 'late') AS closedLate,
            SUM(owed) AS followUpOwed, SUM(valid AND satisfaction IS NOT NULL) AS followedUp, SUM(valid AND impossible) AS followUpImpossible,
            SUM(valid AND satisfaction = 'satisfied') AS satisfied, SUM(valid AND satisfaction = 'basically_satisfied') AS basicallySatisfied,
            SUM(valid AND satisfaction = 'unsatisfied') AS unsatisfied
     FROM keyed GROUP BY dimension, key`,
  ).all(...params, { asOf }) as GroupCounts[];
}

export interface StageCounts {
  kind: DeadlineKind;
  onTime: number;
  late: number;
}

/** On-time and late deadlines of the picked complaints, per stage (kind). */
export function stageCounts(db: Db, pick: ComplaintPick, asOf: string): StageCounts[] {
  const { where, params } = pickSql(pick);
  return stmt(
    db,
    `SELECT d.kind,
            SUM(d.completed_at != '' AND d.completed_at <= d.due_at) AS onTime,
            SUM(CASE WHEN d.completed_at != '' THEN d.completed_at > d.due_at
                     ELSE d.due_at < @asOf AND NOT (d.kind = 'resolution' AND c.status = 'on_hold') END) AS late
     FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
     WHERE ${where} AND d.cancelled_at = ''
     GROUP BY d.kind`,
  ).all(...params, { asOf }) as StageCounts[];
}

/**
 * Complaints received in [from, before), and how many repeat an earlier one: same category and the
 * same room, or the same phone, received within `days` days before (ties on the minute broken by
 * number). One pass with window functions over the period and the `days` before it: each complaint's
 * previous one of the same category and room (and phone) is all that needs checking. A repeat is
 * one office's: rooms and phones are its estate's (partitioned by office, though category ids
 * already differ between offices).
 */
export function repeatCounts(db: Db, range: MonthRange, days: number): { total: number; repeats: number } {
  const office = range.officeCode ? 'AND c.office_code = @office' : '';
  return stmt(
    db,
    `WITH w AS (
       SELECT c.received_at,
              CASE WHEN c.building || c.unit || c.room != '' THEN
                LAG(c.received_at) OVER (PARTITION BY c.office_code, c.category_id, c.building, c.unit, c.room ORDER BY c.received_at, c.number) END AS prev_room,
              CASE WHEN c.phone != '' THEN
                LAG(c.received_at) OVER (PARTITION BY c.office_code, c.category_id, c.phone ORDER BY c.received_at, c.number) END AS prev_phone
       FROM complaints c
       WHERE c.received_at >= strftime('%Y-%m-%d', @from, @window) AND c.received_at < @before ${office}
     )
     SELECT COUNT(*) AS total,
            COALESCE(SUM(MAX(COALESCE(prev_room, ''), COALESCE(prev_phone, '')) >= strftime('%Y-%m-%d %H:%M', received_at, @window)), 0) AS repeats
     FROM w WHERE received_at >= @from`,
  ).get({ from: range.from, before: range.before, window: `-${days} days`, ...(range.officeCode && { office: range.officeCode }) }) as { total: number; repeats: number };
}

export interface MajorRecord {
  number: string;
  receivedAt: string;
  room: string;
  category: string;
  department: string;
  description: string;
  status: ComplaintStatus;
  summary: string;
  improvement: string;
  rounds: { round: number; department: string; measures: string; result: string }[];
  escalations: { at: string; level: EscalationLevel }[];
  satisfaction: Satisfaction | null;
}

/** The picked complaints that are major now, with their rounds, reports upward and last answer. */
export function majorRecords(db: Db, pick: ComplaintPick): MajorRecord[] {
  const { where, params } = pickSql(pick);
  const rows = stmt(
    db,
    `SELECT c.number, c.received_at AS receivedAt, c.building || c.unit || c.room AS room, k.name AS category,
            COALESCE((SELECT d.name FROM handling_rounds r JOIN departments d ON d.id = r.department_id
                      WHERE r.complaint_id = c.id ORDER BY r.round DESC LIMIT 1), cd.name, '') AS department,
            c.description, c.status, c.summary, c.improvement,
            (SELECT json_group_array(json_object('round', r.round, 'department', d.name, 'measures', r.measures, 'result', r.result) ORDER BY r.round)
               FROM handling_rounds r JOIN departments d ON d.id = r.department_id WHERE r.complaint_id = c.id) AS rounds,
            (SELECT json_group_array(json_object('at', e.at, 'level', e.level) ORDER BY e.at, e.id)
               FROM escalations e WHERE e.complaint_id = c.id) AS escalations,
            (SELECT f.satisfaction FROM follow_ups f WHERE f.complaint_id = c.id AND f.satisfaction != ''
             ORDER BY f.round DESC, f.at DESC LIMIT 1) AS satisfaction
     FROM complaints c
     JOIN categories k ON k.id = c.category_id
     LEFT JOIN departments cd ON cd.id = c.complained_department_id
     WHERE ${where} AND c.severity = 'major'
     ORDER BY c.received_at, c.number`,
  ).all(...params) as (Omit<MajorRecord, 'rounds' | 'escalations'> & { rounds: string; escalations: string })[];
  return rows.map((r) => ({
    ...r,
    rounds: JSON.parse(r.rounds) as MajorRecord['rounds'],
    escalations: JSON.parse(r.escalations) as MajorRecord['escalations'],
  }));
}

export interface RecurringRecord {
  /** Whose: a building or a category recurs within one office (3栋 of two estates are two buildings). */
  officeCode: string;
  kind: 'building' | 'category';
  name: string;
  count: number;
  /** The member complaints' numbers, in the order received. */
  numbers: string[];
  /** Their handling rounds' measures, in the same order. */
  measures: { number: string; round: number; measures: string }[];
}

/**
 * Buildings and categories with at least `min` valid complaints among the picked ones (most first),
 * each with its members and the measures their handling rounds recorded, gathered in SQL.
 */
export function recurringRecords(db: Db, pick: ComplaintPick, min: number): RecurringRecord[] {
  const { where, params } = pickSql(pick);
  const member = `x.office_code = g.office_code AND ((g.kind = 'building' AND x.building = g.key) OR (g.kind = 'category' AND x.category_id = g.key))`;
  const rows = stmt(
    db,
    `WITH m AS MATERIALIZED (SELECT c.id, c.office_code, c.number, c.received_at, c.building, c.category_id FROM complaints c WHERE ${where} AND c.validity = 'valid'),
     g AS MATERIALIZED (
       SELECT office_code, 'building' AS kind, building AS key, COUNT(*) AS n FROM m WHERE building != '' GROUP BY office_code, building HAVING COUNT(*) >= @min
       UNION ALL
       SELECT office_code, 'category', category_id, COUNT(*) FROM m GROUP BY office_code, category_id HAVING COUNT(*) >= @min
     )
     SELECT g.office_code AS officeCode, g.kind, COALESCE(k.name, g.key) AS name, g.n AS count,
            (SELECT json_group_array(x.number ORDER BY x.received_at, x.number) FROM m x WHERE ${member}) AS numbers,
            (SELECT json_group_array(json_object('number', x.number, 'round', r.round, 'measures', r.measures) ORDER BY x.received_at, x.number, r.round)
               FROM m x JOIN handling_rounds r ON r.complaint_id = x.id AND r.measures != '' WHERE ${member}) AS measures
     FROM g LEFT JOIN categories k ON g.kind = 'category' AND k.id = g.key
     ORDER BY g.kind, g.n DESC, name, g.office_code`,
  ).all(...params, { min }) as (Omit<RecurringRecord, 'numbers' | 'measures'> & { numbers: string; measures: string })[];
  return rows.map((r) => ({ ...r, numbers: JSON.parse(r.numbers) as string[], measures: JSON.parse(r.measures) as RecurringRecord['measures'] }));
}
