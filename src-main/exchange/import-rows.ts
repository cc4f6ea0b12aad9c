/**
 * Validation of an import's rows before the merge writes them (issue 5 point 2).
 *
 * Two layers, both built from the contract:
 * 1. Every column of every table has a rule (below): ids are ULIDs, times are wall times
 *    `YYYY-MM-DD HH:mm` or UTC instants as the app writes them, enums take the values of the
 *    contract's own enum schemas, counts are not negative, texts have a bound, JSON columns hold the
 *    shape the app writes; plus what only an import can get wrong: the complaint's office and
 *    number prefix are the manifest's office, and directory rows are the sender's own (office_code
 *    ''). The rules are compiled into one SQL expression per table and run in SQLite
 *    (`ruleProblems`; at 100k complaints, 1.2 M rows: reading each row into JavaScript for zod
 *    would alone take longer than the whole import may).
 * 2. A complaint's intake fields go through the contract's intake schema itself
 *    (`complaintCreateSchema`, as the desk would have taken them), in JavaScript (`intakeProblems`).
 *
 * The STRICT tables, NOT NULL and CHECK constraints were verified when the file was opened
 * (quick_check), so a rule never sees a value of the wrong storage type. Both run either in the
 * merge over the rows it is about to write, or on worker threads over the whole file
 * (import-checks.ts); the merge refuses only rows it would write, with the reason given here.
 */
import {
  CHANNELS,
  compensationKindSchema,
  complaintCreateSchema,
  contactMethodSchema,
  DEADLINE_KINDS,
  escalationLevelSchema,
  NOTE_TEXTS_ZH,
  PRINT_FORMS,
  satisfactionSchema,
  staffRoleSchema,
  statusSchema,
} from '../../src-preload/contract';
import { ULID_PATTERN } from '../../src-preload/contract/common.schema';
import { isRealWallTime, WALL_TIME_PATTERN } from '../../src-preload/contract/wall-time';
import type { z } from '../../src-preload/contract/zod';
import type Database from 'better-sqlite3';
import { COLUMN_OF } from '../db/complaints.repo';
import type { ExportManifest } from './manifest';

const TEXT_MAX = 10_000;

/** What a column may hold. `empty`: '' is allowed too (an optional field); `nullable`: NULL is. */
type Rule =
  | { kind: 'id'; empty?: boolean; nullable?: boolean }
  | { kind: 'wall'; empty?: boolean }
  | { kind: 'instant'; nullable?: boolean }
  | { kind: 'day' }
  | { kind: 'enum'; values: readonly string[]; empty?: boolean }
  | { kind: 'count'; min?: number }
  | { kind: 'int' }
  | { kind: 'flag' }
  | { kind: 'text'; required?: boolean; max?: number }
  | { kind: 'literal'; value: string; message: string }
  | { kind: 'sql'; check: (column: string) => string; message: string };

const ID: Rule = { kind: 'id' };
const OPTIONAL_ID: Rule = { kind: 'id', empty: true, nullable: true };
const WALL: Rule = { kind: 'wall' };
const OPTIONAL_WALL: Rule = { kind: 'wall', empty: true };
const INSTANT: Rule = { kind: 'instant' };
const COUNT: Rule = { kind: 'count' };
const TEXT: Rule = { kind: 'text' };
const NAME: Rule = { kind: 'text', required: true, max: 100 };
const OWN_OFFICE: Rule = { kind: 'literal', value: '', message: '只能导入本中心自己的目录记录' };
const enumOf = (schema: z.ZodEnum, empty = false): Rule => ({ kind: 'enum', values: schema.options as string[], empty });

/** A JSON check run only on valid JSON: SQLite's AND does not short-circuit, and json_type() throws on malformed text. */
const ifJson = (c: string, check: string) => `CASE WHEN json_valid(${c}) THEN ${check} ELSE FALSE END`;

/** JSON the app writes: an array of change objects, each naming its field. */
// An array, as the timeline reads it; its elements are not walked (json_each per row cost ~15 µs,
// longer than all the other checks of an event together; the timeline shows whatever they hold as text).
const CHANGES_JSON: Rule = {
  kind: 'sql',
  check: (c) => ifJson(c, `json_type(${c}) = 'array'`),
  message: '内容格式无效',
};
const RULE_JSON: Rule = {
  kind: 'sql',
  check: (c) => `${c} IS NULL OR ${ifJson(c, `json_type(${c}, '$.unit') = 'text' AND json_type(${c}, '$.amount') IN ('integer', 'real')`)}`,
  message: '内容格式无效',
};
const TEXT_ARRAY_JSON: Rule = {
  kind: 'sql',
  check: (c) => ifJson(c, `json_type(${c}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each(${c}) WHERE type <> 'text')`),
  message: '内容格式无效',
};

/** A note's parameters: one JSON object, of a bounded size (its values are shown as text). */
const NOTE_PARAMS_JSON: Rule = {
  kind: 'sql',
  check: (c) => `length(${c}) <= ${TEXT_MAX} AND ${ifJson(c, `json_type(${c}) = 'object'`)}`,
  message: '内容格式无效',
};

const DIRECTORY_ENTRY: Record<string, Rule> = {
  id: ID,
  name: NAME,
  sort_order: { kind: 'int' },
  active: { kind: 'flag' },
  created_at: INSTANT,
  updated_at: INSTANT,
  office_code: OWN_OFFICE,
};


/** A complaint's columns; its intake fields also go through the intake schema (complaintIntakeProblem). */
const complaintRules = (officeCode: string): Record<string, Rule> => ({
  id: ID,
  office_code: { kind: 'literal', value: officeCode, message: '服务中心代码与导出文件不符' },
  number: {
    kind: 'sql',
    // <office>-YYYYMMDD-NNN…: the office's prefix, eight digits, three or more digits.
    check: (c) => `substr(${c}, 1, ${officeCode.length + 1}) = ${quote(`${officeCode}-`)} AND substr(${c}, ${officeCode.length + 2}) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]*' AND substr(${c}, ${officeCode.length + 12}) NOT GLOB '*[^0-9]*'`,
    message: '投诉编号格式不符',
  },
  status: enumOf(statusSchema),
  version: { kind: 'count', min: 1 },
  created_at: INSTANT,
  updated_at: INSTANT,
  round: COUNT,
  held_from_status: enumOf(statusSchema, true),
  summary: TEXT,
  improvement: TEXT,
  invalid_noticed_at: OPTIONAL_WALL,
  invalid_notice_method: enumOf(contactMethodSchema, true),
  closed_at: OPTIONAL_WALL,
  // Intake columns: their full rules are the intake schema's (complaintIntakeProblem); here only
  // what the SQL can say cheaply, so that a hostile value never reaches JavaScript unbounded.
  ...Object.fromEntries(Object.values(COLUMN_OF).map((column) => [column, TEXT])),
  received_at: WALL,
  channel: { kind: 'enum', values: CHANNELS },
  receiver_id: ID,
  category_id: ID,
  complained_department_id: OPTIONAL_ID,
});

const RULES: Record<string, (manifest: ExportManifest) => Record<string, Rule>> = {
  departments: () => DIRECTORY_ENTRY,
  categories: () => DIRECTORY_ENTRY,
  staff: () => ({ ...DIRECTORY_ENTRY, department_id: ID, role: enumOf(staffRoleSchema), phone: { kind: 'text', max: 100 } }),
  complaints: (m) => complaintRules(m.office.code),
  complaint_events: () => ({
    id: ID,
    complaint_id: ID,
    at: INSTANT,
    actor_id: OPTIONAL_ID,
    actor_name: TEXT,
    kind: { kind: 'text', required: true, max: 40 },
    changes: CHANGES_JSON,
    note: TEXT,
    // The note's key and parameters (note-texts.ts): a key of this version, or none.
    note_key: { kind: 'enum', values: Object.keys(NOTE_TEXTS_ZH), empty: true },
    note_params: NOTE_PARAMS_JSON,
  }),
  attachments: () => ({
    id: ID,
    complaint_id: ID,
    sha256: { kind: 'sql', check: (c) => `length(${c}) = 64 AND ${c} NOT GLOB '*[^0-9a-f]*'`, message: '校验值无效' },
    file_name: { kind: 'text', required: true, max: 255 },
    mime: { kind: 'enum', values: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] },
    size: COUNT,
    created_at: INSTANT,
    removed_at: { kind: 'instant', nullable: true },
  }),
  handling_rounds: () => ({
    id: ID,
    complaint_id: ID,
    round: { kind: 'count', min: 1 },
    department_id: ID,
    handler_id: OPTIONAL_ID,
    dispatched_at: WALL,
    dispatched_by: TEXT,
    signed_by: TEXT,
    signed_at: OPTIONAL_WALL,
    measures: TEXT,
    result: TEXT,
    completed_by: TEXT,
    completed_at: OPTIONAL_WALL,
    compensation_kind: enumOf(compensationKindSchema),
    compensation_cents: COUNT,
  }),
  redispatches: () => ({
    id: ID,
    complaint_id: ID,
    round: { kind: 'count', min: 1 },
    at: WALL,
    actor: TEXT,
    reason: { kind: 'text', required: true, max: 500 },
    from_department_id: ID,
    to_department_id: ID,
    to_handler_id: OPTIONAL_ID,
    from_signed_by: TEXT,
    from_signed_at: OPTIONAL_WALL,
  }),
  replies: () => ({
    id: ID,
    complaint_id: ID,
    round: { kind: 'count', min: 1 },
    at: WALL,
    method: enumOf(contactMethodSchema),
    replier: TEXT,
    content: { kind: 'text', required: true, max: 2000 },
  }),
  follow_ups: () => ({
    id: ID,
    complaint_id: ID,
    round: COUNT,
    at: WALL,
    method: enumOf(contactMethodSchema, true),
    visitor: TEXT,
    person_visited: TEXT,
    opinion: TEXT,
    satisfaction: enumOf(satisfactionSchema, true),
    impossible_reason: TEXT,
    approved_by: TEXT,
  }),
  escalations: () => ({ id: ID, complaint_id: ID, at: WALL, level: enumOf(escalationLevelSchema), reason: TEXT, actor: TEXT }),
  holds: () => ({ id: ID, complaint_id: ID, from_at: WALL, expected_date: { kind: 'day' }, reason: TEXT, resumed_at: OPTIONAL_WALL, held_minutes: COUNT }),
  complaint_deadlines: () => ({
    id: ID,
    complaint_id: ID,
    kind: { kind: 'enum', values: DEADLINE_KINDS },
    round: COUNT,
    started_at: WALL,
    due_at: WALL,
    rule: RULE_JSON,
    policy_version: COUNT,
    paused_minutes: COUNT,
    completed_at: OPTIONAL_WALL,
    cancelled_at: OPTIONAL_WALL,
  }),
  form_prints: () => ({
    id: ID,
    complaint_id: ID,
    form: { kind: 'enum', values: PRINT_FORMS },
    version: { kind: 'count', min: 1 },
    printed_at: WALL,
    printed_by: TEXT,
    complaint_version: { kind: 'count', min: 1 },
    printed_fields: TEXT_ARRAY_JSON,
    signed_attachment_id: { kind: 'id', nullable: true },
    signed_at: OPTIONAL_WALL,
  }),
};

/** An SQL string literal. */
export const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The contract's own checks of ids and wall times, as SQL functions: `is_ulid(x)` and `is_wall(x)`.
 * Cheaper than SQL as well: a GLOB with 26 character classes cost ~1.5 µs a row, the ULID check
 * alone ~2 s of a 100k-complaint import; the regular expression through the function call, a
 * fifth of that; a wall time, ~0.2 µs against 0.3 µs (its calendar day looked up once per day).
 * Every connection that runs the rules registers them.
 */
export function registerRuleFunctions(db: Database.Database): void {
  db.function('is_ulid', { deterministic: true }, (value: unknown) => (typeof value === 'string' && ULID_PATTERN.test(value) ? 1 : 0));
  const realDays = new Map<string, boolean>();
  db.function('is_wall', { deterministic: true }, (value: unknown) => {
    if (typeof value !== 'string' || !WALL_TIME_PATTERN.test(value)) return 0;
    const day = value.slice(0, 10);
    let real = realDays.get(day);
    if (real === undefined) realDays.set(day, (real = isRealWallTime(`${day} 00:00`)));
    return real && value.slice(11, 13) < '24' && value.slice(14, 16) < '60' ? 1 : 0;
  });
}
const DAY_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'";
const INSTANT_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'";

/** The rule as an SQL condition on column expression `c` (true when the value is acceptable), and the message when it is not. */
function ruleSql(rule: Rule, c: string): { ok: string; message: string } {
  const orEmpty = (ok: string, empty?: boolean) => (empty ? `(${c} = '' OR ${ok})` : ok);
  const orNull = (ok: string, nullable?: boolean) => (nullable ? `(${c} IS NULL OR ${ok})` : ok);
  switch (rule.kind) {
    case 'id':
      return { ok: orNull(orEmpty(`is_ulid(${c})`, rule.empty), rule.nullable), message: '记录编号无效' };
    case 'wall':
      return {
        ok: orEmpty(`is_wall(${c})`, rule.empty),
        message: '时间格式应为 YYYY-MM-DD HH:mm',
      };
    case 'instant':
      // Exactly what toISOString writes, so that the merge may compare update times as text (the
      // pattern and a real day: half the cost of comparing with strftime's rewrite of the value).
      return { ok: orNull(`(${c} GLOB ${INSTANT_GLOB} AND date(substr(${c}, 1, 10)) IS substr(${c}, 1, 10) AND substr(${c}, 12, 2) < '24')`, rule.nullable), message: '时间格式无效' };
    case 'day':
      return { ok: `(${c} GLOB ${DAY_GLOB} AND date(${c}) IS ${c})`, message: '日期格式应为 YYYY-MM-DD' };
    case 'enum':
      return { ok: orEmpty(`${c} IN (${rule.values.map(quote).join(', ')})`, rule.empty), message: '不是有效的选项' };
    case 'count':
      return { ok: `${c} >= ${rule.min ?? 0}`, message: rule.min ? `应不小于 ${rule.min}` : '不能为负数' };
    case 'int':
      return { ok: 'TRUE', message: '' }; // STRICT INTEGER: nothing more to check
    case 'flag':
      return { ok: `${c} IN (0, 1)`, message: '应为 0 或 1' };
    case 'text': {
      const max = rule.max ?? TEXT_MAX;
      // Characters are never more than bytes: when the bytes fit (octet_length, no scan), so do the
      // characters, which length() counts one by one (half the cost of the text rules at 100k complaints).
      const fits = `(octet_length(${c}) <= ${max} OR length(${c}) <= ${max})`;
      return { ok: rule.required ? `(length(trim(${c})) > 0 AND ${fits})` : fits, message: rule.required ? `不能为空且不超过 ${max} 个字` : `不能超过 ${max} 个字` };
    }
    case 'literal':
      return { ok: `${c} = ${quote(rule.value)}`, message: rule.message };
    case 'sql':
      return { ok: `(${rule.check(c)})`, message: rule.message };
  }
}

/**
 * One SQL expression over the row alias `alias`: NULL when every column passes, else
 * `<column>：<reason>` for the first column that does not. Every column of the table must have a
 * rule (a new column without one is a programming error, caught by the tests).
 */
function rowProblemSql(table: string, columns: readonly string[], manifest: ExportManifest, alias: string, references: ReadonlySet<string>): string {
  const rules = RULES[table]?.(manifest);
  if (!rules) throw new Error(`not a record table: ${table}`);
  const branches = columns.map((column) => {
    const rule = rules[column];
    if (!rule) throw new Error(`import rules: ${table}.${column} has no rule`);
    // A reference needs no pattern of its own: the file's foreign_key_check (import-open.ts) made
    // it equal the id of a row in the file, whose own id rule ran, or it is refused with that row.
    if (rule.kind === 'id' && references.has(column)) return '';
    const { ok, message } = ruleSql(rule, `${alias}."${column}"`);
    return ok === 'TRUE' ? '' : `WHEN NOT coalesce(${ok}, FALSE) THEN ${quote(`${column}：${message}`)}`;
  });
  const when = branches.filter(Boolean);
  return when.length ? `CASE ${when.join(' ')} END` : 'NULL';
}


/**
 * The rows of `table` that break a column rule, as `[id, "<column>：<reason>"]`: `from` is the FROM
 * clause, naming the received rows `i`. Used by the merge on its staged rows and by the checking
 * worker on the whole file (the connection must have registerRuleFunctions).
 */
export function ruleProblems(db: Database.Database, table: string, manifest: ExportManifest, from: string): [string, string][] {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
  const references = new Set(db.prepare('SELECT "from" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]);
  const problem = rowProblemSql(table, columns, manifest, 'i', references);
  // In a subquery: a bare `reason` or `problem` in the WHERE could name a column of the table (escalations.reason).
  return db.prepare(`SELECT id, problem FROM (SELECT i.id AS id, ${problem} AS problem FROM ${from}) WHERE problem IS NOT NULL`).raw(true).all() as [string, string][];
}

/** `SELECT` list that reads a complaint row's intake fields (COLUMN_OF: the repository's own mapping), in INTAKE_FIELDS' order. */
const INTAKE_SELECT = Object.values(COLUMN_OF)
  .map((column) => (column === COLUMN_OF.complainedDepartmentId ? `coalesce(i."${column}", '')` : `i."${column}"`))
  .join(', ');
/** The contract's names of those fields. */
const INTAKE_FIELDS = Object.keys(COLUMN_OF);

/**
 * The complaints that the contract's intake schema refuses, as `[id, "<field>：<reason>"]`:
 * `from` is the FROM clause, naming the complaints `i`. Rows are read as arrays (a third cheaper
 * than as objects at 100k complaints), and each becomes the schema's input by plain assignment
 * (at 100k complaints 0.1 s, against 0.5 s through Object.fromEntries and a rest array).
 */
export function intakeProblems(db: Database.Database, from: string): [string, string][] {
  const problems: [string, string][] = [];
  const rows = db.prepare(`SELECT i.id, ${INTAKE_SELECT} FROM ${from}`).raw(true).iterate() as IterableIterator<unknown[]>;
  for (const row of rows) {
    const input: Record<string, unknown> = {};
    for (let k = 0; k < INTAKE_FIELDS.length; k++) input[INTAKE_FIELDS[k]!] = row[k + 1];
    const parsed = complaintCreateSchema.safeParse(input);
    if (parsed.success) continue;
    const issue = parsed.error.issues[0]!;
    problems.push([String(row[0]), `${issue.path.join('.') || '记录'}：${issue.message}`]);
  }
  return problems;
}
