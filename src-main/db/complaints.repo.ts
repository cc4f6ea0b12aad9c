import type { Db } from './connection';
import { stmt } from './statements';
import { SEARCH_COLUMNS, complaintBigrams } from './search-text';
import { searchTerms, type SearchIndex, type SearchTerm } from './search-query';
import type {
  Complaint,
  ComplaintFieldName,
  ComplaintFields,
  ComplaintListRow,
  ComplaintPage,
  ComplaintStatus,
} from '../../src-preload/contract';
import type { z } from 'zod';
import { SEVERITIES, STATUSES, type complaintListSchema } from '../../src-preload/contract';

/** Column of each contract field; the one place where camelCase meets snake_case. */
export const COLUMN_OF: Record<ComplaintFieldName, string> = {
  receivedAt: 'received_at',
  channel: 'channel',
  receiverId: 'receiver_id',
  complainantName: 'complainant_name',
  building: 'building',
  unit: 'unit',
  room: 'room',
  phone: 'phone',
  contactOther: 'contact_other',
  eventTime: 'event_time',
  eventPlace: 'event_place',
  complainedDepartmentId: 'complained_department_id',
  complainedPerson: 'complained_person',
  categoryId: 'category_id',
  description: 'description',
  ownerWords: 'owner_words',
  request: 'request',
  requestedReplyAt: 'requested_reply_at',
  validity: 'validity',
  invalidReason: 'invalid_reason',
  severity: 'severity',
  urgency: 'urgency',
};
const FIELD_NAMES = Object.keys(COLUMN_OF) as ComplaintFieldName[];

/** '' in the contract means "no department"; the column holds NULL so the foreign key holds. */
const toColumnValue = (field: ComplaintFieldName, value: unknown) =>
  field === 'complainedDepartmentId' && value === '' ? null : value;

/** Next number of the day for this office; runs inside the caller's transaction, so numbers are gap-free. */
export function nextDailySequence(db: Db, officeCode: string, day: string): number {
  const row = stmt(db, 
      `INSERT INTO complaint_day_counters (office_code, day, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (office_code, day) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    )
    .get(officeCode, day) as { last_seq: number };
  return row.last_seq;
}

export interface NewComplaintRow {
  id: string;
  officeCode: string;
  number: string;
  status: ComplaintStatus;
  fields: ComplaintFields;
  at: string;
}

const INSERT_COLUMNS = ['id', 'office_code', 'number', 'status', 'version', 'created_at', 'updated_at', ...FIELD_NAMES.map((f) => COLUMN_OF[f])];
const INSERT_SQL = `INSERT INTO complaints (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;

/** The contract field behind each searched column (all but the number). */
const SEARCHED_FIELD = new Map(
  SEARCH_COLUMNS.filter((column) => column !== 'number').map((column) => {
    const field = FIELD_NAMES.find((f) => COLUMN_OF[f] === column);
    if (!field) throw new Error(`searched column ${column} is not a complaint field`);
    return [column, field] as const;
  }),
);

const INSERT_BIGRAMS_SQL = 'INSERT INTO complaints_bigrams (rowid, grams) VALUES (?, ?)';

/** The complaint's row and its bigram index entry (the trigram entry is the insert trigger's). */
export function insertComplaint(db: Db, row: NewComplaintRow): void {
  const f = row.fields;
  const { lastInsertRowid } = stmt(db, INSERT_SQL).run(
    row.id,
    row.officeCode,
    row.number,
    row.status,
    1,
    row.at,
    row.at,
    ...FIELD_NAMES.map((name) => toColumnValue(name, f[name])),
  );
  // A new row has no index entry yet: its texts are the values just inserted, no need to read them back.
  const grams = complaintBigrams((column) => (column === 'number' ? row.number : String(f[SEARCHED_FIELD.get(column)!])));
  stmt(db, INSERT_BIGRAMS_SQL).run(lastInsertRowid, grams);
}

/**
 * Refresh a complaint's entry in the bigram index. The trigram index is kept by triggers; this one
 * is kept here because SQL cannot cut text into pairs (see search-text.ts).
 */
export function indexBigrams(db: Db, id: string): void {
  const row = stmt(db, `SELECT rowid, ${SEARCH_COLUMNS.join(', ')} FROM complaints WHERE id = ?`).get(id) as Record<string, string | number> | undefined;
  if (!row) return;
  stmt(db, 'DELETE FROM complaints_bigrams WHERE rowid = ?').run(row.rowid);
  stmt(db, INSERT_BIGRAMS_SQL).run(row.rowid, complaintBigrams((c) => String(row[c])));
}

const SEARCHED_FIELDS = new Set<string>(SEARCH_COLUMNS);

/** Apply changed fields if the record is still at `version`; returns false when someone saved first. */
export function updateComplaintFields(
  db: Db,
  id: string,
  version: number,
  changes: Partial<ComplaintFields>,
  at: string,
): boolean {
  const fields = Object.keys(changes) as ComplaintFieldName[];
  const sets = fields.map((f) => `${COLUMN_OF[f]} = ?`);
  const result = stmt(db, `UPDATE complaints SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`)
    .run(...fields.map((f) => toColumnValue(f, changes[f])), at, id, version);
  if (result.changes === 1 && fields.some((f) => SEARCHED_FIELDS.has(COLUMN_OF[f]))) indexBigrams(db, id);
  return result.changes === 1;
}

const DETAIL_SELECT = `
  SELECT c.*, s.name AS receiver_name, COALESCE(d.name, '') AS complained_department_name, k.name AS category_name
  FROM complaints c
  JOIN staff s ON s.id = c.receiver_id
  LEFT JOIN departments d ON d.id = c.complained_department_id
  JOIN categories k ON k.id = c.category_id`;

type DetailRow = Record<string, string | number | null>;

function toComplaint(r: DetailRow): Complaint {
  const fields = Object.fromEntries(FIELD_NAMES.map((f) => [f, r[COLUMN_OF[f]] ?? ''])) as unknown as ComplaintFields;
  return {
    ...fields,
    id: r.id as string,
    officeCode: r.office_code as string,
    number: r.number as string,
    status: r.status as ComplaintStatus,
    receiverName: r.receiver_name as string,
    complainedDepartmentName: r.complained_department_name as string,
    categoryName: r.category_name as string,
    version: r.version as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** Names shown beside the ids (the detail read joins them in; an intake has just looked them up). */
export interface ComplaintNames {
  receiverName: string;
  complainedDepartmentName: string;
  categoryName: string;
}

/**
 * A complaint just inserted with `insertComplaint`, as `getComplaint` would read it back: STRICT
 * columns store the strings as given, and the names are those of the referenced rows. Saves an
 * intake the read-back with its three joins.
 */
export function newComplaint(row: NewComplaintRow, names: ComplaintNames): Complaint {
  const f = row.fields;
  // Spelled out (not copied in a loop) so that the object is built in one shape, like toComplaint's.
  return {
    receivedAt: f.receivedAt,
    channel: f.channel,
    receiverId: f.receiverId,
    complainantName: f.complainantName,
    building: f.building,
    unit: f.unit,
    room: f.room,
    phone: f.phone,
    contactOther: f.contactOther,
    eventTime: f.eventTime,
    eventPlace: f.eventPlace,
    complainedDepartmentId: f.complainedDepartmentId,
    complainedPerson: f.complainedPerson,
    categoryId: f.categoryId,
    description: f.description,
    ownerWords: f.ownerWords,
    request: f.request,
    requestedReplyAt: f.requestedReplyAt,
    validity: f.validity,
    invalidReason: f.invalidReason,
    severity: f.severity,
    urgency: f.urgency,
    id: row.id,
    officeCode: row.officeCode,
    number: row.number,
    status: row.status,
    receiverName: names.receiverName,
    complainedDepartmentName: names.complainedDepartmentName,
    categoryName: names.categoryName,
    version: 1,
    createdAt: row.at,
    updatedAt: row.at,
  };
}

export function getComplaint(db: Db, id: string): Complaint | undefined {
  const row = stmt(db, `${DETAIL_SELECT} WHERE c.id = ?`).get(id) as DetailRow | undefined;
  return row && toComplaint(row);
}

export type ComplaintListFilter = z.output<typeof complaintListSchema>;

/** Rank of each value in the procedure's own order, so sorting reads 轻微 → 重大, 已登记 → 已办结. */
const rankOf = (column: string, values: readonly string[]) =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END`;

/**
 * Each sort key's ORDER BY terms, every one in the chosen direction. Names sort by code point (no
 * ICU in better-sqlite3's SQLite, so no pinyin); rooms by their numbers (CAST takes the leading
 * digits, so 3栋 sorts before 12栋) and then their text.
 */
const SORT_COLUMNS: Record<ComplaintListFilter['sort'], string[]> = {
  receivedAt: ['c.received_at'],
  number: ['c.number'],
  complainantName: ['c.complainant_name'],
  room: ['CAST(c.building AS INTEGER)', 'c.building', 'CAST(c.unit AS INTEGER)', 'c.unit', 'CAST(c.room AS INTEGER)', 'c.room'],
  categoryName: ['k.name'],
  departmentName: ["COALESCE(d.name, '')"],
  status: [rankOf('c.status', STATUSES)],
  severity: [rankOf('c.severity', SEVERITIES)],
};
const orderBy = (sort: ComplaintListFilter['sort'], direction: 'ASC' | 'DESC') =>
  [...SORT_COLUMNS[sort], 'c.id'].map((column) => `${column} ${direction}`).join(', ');

/**
 * A search text as the indexes answer it (search-query.ts): its terms grouped by index, each
 * group one MATCH of its terms joined with AND; terms no index answers are scanned (LIKE).
 */
interface TextSearch {
  terms: SearchTerm[];
  indexed: { index: SearchIndex; match: string }[];
  scanned: SearchTerm[];
}

function textSearch(raw: string | undefined): TextSearch | undefined {
  const terms = searchTerms(raw);
  if (terms.length === 0) return undefined;
  const indexed = (['complaints_fts', 'complaints_bigrams'] as const)
    .map((index) => ({ index, match: terms.filter((t) => t.index === index).map((t) => t.match).join(' AND ') }))
    .filter((group) => group.match !== '');
  return { terms, indexed, scanned: terms.filter((t) => !t.index) };
}

/** Above this many matches, walking the date index beats sorting the matches (bench: 19 → 4 ms). */
const WALK_INDEX_ABOVE = 300;

/** The register's column filters (not the text, not the office). */
const hasColumnFilters = (f: ComplaintListFilter) =>
  !!(f.status?.length || f.departmentId || f.categoryId || f.channel || f.severity || f.receivedFrom || f.receivedTo);

/** The register's filters other than the office: each of them has an index to start from. */
const hasOtherFilters = (f: ComplaintListFilter) => !!f.text?.trim() || hasColumnFilters(f);

/**
 * The office filter (head office, issue 5), and how SQLite may use it. The only index on office_code
 * is UNIQUE (office_code, number). Counting one office's complaints with no other filter reads just
 * that index ('index'). Everywhere else the office is checked on the rows another index already
 * leads to ('row': the unary + keeps the planner off the office index). Given the office index, the
 * page query fetched and sorted all 50,000 complaints of a big office (230 ms at 100k in four
 * offices), where walking the received-date index stops after one page (2–8 ms).
 * Unfiltered queries are unchanged. Still slow: a count of the office with a filter that matches
 * thousands (severity 轻微: 27k rows visited, ~45 ms); an index leading with office_code and holding
 * the filter columns would make it a scan of that office's entries (measured ~7 ms) — a migration.
 */
type OfficeTerm = 'index' | 'row';

/**
 * An indexed search. `walkDates`: '+c.rowid' keeps SQLite from fetching every match to sort it, so
 * it walks the received-date index in order and stops after one page (listComplaints, many matches).
 */
const indexTerm = (index: SearchIndex, walkDates: boolean) =>
  `${walkDates ? '+' : ''}c.rowid IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`;

/**
 * Complaints a bulk import wrote are in neither search index until drainSearchBacklog has run
 * (search-backlog.ts, seconds after the import returns). While any are waiting, an indexed search
 * also matches those complaints (and only those) by each term's scan (search-query.ts). Checked
 * per search (one row read) so that with the backlog empty, as nearly always, the SQL and its
 * query plans are exactly the usual ones.
 */
const hasSearchBacklog = (db: Db) =>
  (stmt(db, 'SELECT EXISTS (SELECT 1 FROM search_backlog) AS pending').get() as { pending: number }).pending === 1;

/** `backlog`: the search backlog is not empty (hasSearchBacklog); `walkDates`: see indexTerm. */
function whereClause(filter: ComplaintListFilter, officeTerm: OfficeTerm, backlog: boolean, walkDates = false): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.officeCode) {
    parts.push(officeTerm === 'index' ? 'c.office_code = ?' : '+c.office_code = ?');
    params.push(filter.officeCode);
  }
  if (filter.status?.length) {
    parts.push(`c.status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter.departmentId) {
    parts.push('c.complained_department_id = ?');
    params.push(filter.departmentId);
  }
  if (filter.categoryId) {
    parts.push('c.category_id = ?');
    params.push(filter.categoryId);
  }
  if (filter.channel) {
    parts.push('c.channel = ?');
    params.push(filter.channel);
  }
  if (filter.severity) {
    parts.push('c.severity = ?');
    params.push(filter.severity);
  }
  if (filter.receivedFrom) {
    parts.push('c.received_at >= ?');
    params.push(filter.receivedFrom);
  }
  if (filter.receivedTo) {
    // Wall times are 'YYYY-MM-DD HH:mm'; every time of the last day sorts below 'YYYY-MM-DD ~'.
    parts.push('c.received_at < ?');
    params.push(`${filter.receivedTo} ~`);
  }
  const search = textSearch(filter.text);
  if (search) {
    const indexed = search.indexed.map((group) => indexTerm(group.index, walkDates));
    const indexedParams = search.indexed.map((group) => group.match);
    if (indexed.length > 0 && !backlog) {
      parts.push(...indexed);
      params.push(...indexedParams);
    } else if (indexed.length > 0) {
      // One OR, not a UNION: a complaint in both (edited since the import) still counts once.
      const inIndexes = indexed.length === 1 ? indexed[0]! : `(${indexed.join(' AND ')})`;
      const byScan = search.terms.filter((t) => t.index);
      parts.push(`(${inIndexes} OR (c.rowid IN (SELECT complaint_rowid FROM search_backlog) AND ${byScan.map((t) => t.scan).join(' AND ')}))`);
      params.push(...indexedParams, ...byScan.flatMap((t) => t.scanParams));
    }
    for (const term of search.scanned) {
      parts.push(term.scan);
      params.push(...term.scanParams);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listComplaints(db: Db, filter: ComplaintListFilter): ComplaintPage {
  const search = textSearch(filter.text);
  // A LIKE scan reads every complaint anyway; only an indexed search can miss the backlog's.
  const backlog = !!search?.indexed.length && hasSearchBacklog(db);
  const { sql: where, params } = whereClause(filter, 'row', backlog);
  const { sql: countWhere, params: countParams } = hasOtherFilters(filter) ? { sql: where, params } : whereClause(filter, 'index', backlog);
  // Text alone, answered by one index: the index counts its own rows (one per complaint) without
  // touching the table. Not while the backlog waits: the index lacks those complaints, so the general count runs.
  const onlyIndex = search?.indexed.length === 1 && search.scanned.length === 0 ? search.indexed[0] : undefined;
  const onlyText = onlyIndex && !backlog && !filter.officeCode && !hasColumnFilters(filter);
  const total = onlyText
    ? (stmt(db, `SELECT COUNT(*) AS n FROM ${onlyIndex.index} WHERE ${onlyIndex.index} MATCH ?`).get(onlyIndex.match) as { n: number }).n
    : (stmt(db, `SELECT COUNT(*) AS n FROM complaints c ${countWhere}`).get(...countParams) as { n: number }).n;
  // Many matches: walk the received-date index and stop after one page (indexTerm). Few: fetching and sorting wins.
  const pageWhere = search?.indexed.length && total > WALK_INDEX_ABOVE ? whereClause(filter, 'row', backlog, true).sql : where;
  const direction = filter.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = stmt(db, 
      `SELECT c.id, c.office_code, c.number, c.received_at, c.channel, c.complainant_name, c.building, c.unit, c.room,
              k.name AS category_name, COALESCE(d.name, '') AS complained_department_name,
              c.severity, c.urgency, c.status
       FROM complaints c
       JOIN categories k ON k.id = c.category_id
       LEFT JOIN departments d ON d.id = c.complained_department_id
       ${pageWhere}
       ORDER BY ${orderBy(filter.sort, direction)}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as Record<string, string>[];
  const items: ComplaintListRow[] = rows.map((r) => ({
    id: r.id!,
    officeCode: r.office_code!,
    number: r.number!,
    receivedAt: r.received_at!,
    channel: r.channel as ComplaintListRow['channel'],
    complainantName: r.complainant_name!,
    building: r.building!,
    unit: r.unit!,
    room: r.room!,
    categoryName: r.category_name!,
    complainedDepartmentName: r.complained_department_name!,
    severity: r.severity as ComplaintListRow['severity'],
    urgency: r.urgency as ComplaintListRow['urgency'],
    status: r.status as ComplaintListRow['status'],
  }));
  return { items, total, page: filter.page, pageSize: filter.pageSize };
}
