/**
 * Complaint Desk benchmark (`npm run bench`).
 *
 * 1. A real office database in a temp dir (the app's openDatabase: migrations, WAL,
 *    synchronous=FULL), set up through the app's dispatcher and bulk-loaded with 100,000 realistic
 *    complaints in one transaction, each with the rows the procedure would have left: intake
 *    deadlines (the app's `intakeDeadlines` on its `dueContext`), handling rounds, holds; exactly
 *    2,000 still open, the rest closed with their deadlines met or cancelled (bench/lifecycle.ts).
 *    Then opened by createAppContext, as the app opens an office's database; everything below runs
 *    on that context.
 * 2. The deadline board at that size: `board:get` (all, by department, by severity) and
 *    `deadlines:alerts` through the dispatcher; `recomputeOpenDeadlines` (the recount after a
 *    calendar edit) with a holiday added and removed between runs so that due dates really move.
 * 3. 2,000 intakes through the dispatcher (`complaints:create`: zod validation, then the service's
 *    whole IMMEDIATE transaction — reference checks, day counter, insert, timeline event, intake
 *    deadlines — and the complaint it returns), interleaved one-for-one with two bare baselines, each into its
 *    own byte copy of the database opened with the same openDatabase, one transaction each:
 *    "complaint only" (a prepared INSERT of the complaint row) and "same rows" (prepared INSERTs of
 *    every row the service wrote for that complaint: complaint (its trigram index entry by trigger),
 *    its bigram index entry, day counter, event, deadlines).
 * 4. Register queries through `complaints:list` on the 100k database: filters and text search.
 *
 * stdout: one JSON line per figure, then a summary line. stderr: progress. Exit code 0 even when a
 * goal is missed (met:false says so); non-zero only if the benchmark itself could not run.
 *
 * Knobs (environment): BENCH_ROWS (100000), BENCH_OPEN (2000 open complaints), BENCH_CREATES (2000),
 * BENCH_QUERY_ITERATIONS (200), BENCH_QUERY_BUDGET_S (35, per query kind), BENCH_BOARD_ITERATIONS
 * (200), BENCH_BOARD_BUDGET_S (15, per board kind), BENCH_RECOMPUTE_ITERATIONS (50), BENCH_SEED,
 * BENCH_PLANS=1 (print every query plan and the board/recount breakdowns, not only those of missed
 * goals), BENCH_WHATIF=1 (also time creates with a statement cache and the proposed
 * status+department index; app code untouched), BENCH_KEEP=1 (keep the temp dir).
 */
import { closeSync, copyFileSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppContext, DATABASE_FILE, type AppContext } from '../src-main/app-context';
import { openDatabase, type Db } from '../src-main/db/connection';
import { createDispatch, createInvoke } from '../src-main/ipc/dispatch';
import { createHandlers } from '../src-main/ipc/handlers';
import { recomputeOpenDeadlines } from '../src-main/services/deadlines.service';
import { complaintBigrams } from '../src-main/db/search-text';
import { sweepAutoMajor } from '../src-main/services/lifecycle.service';
import { createDataVersions } from '../src-main/lib/data-versions';
import { calendarChanged, loadCalendar } from '../src-main/services/calendar.service';
import { isWorkingDay, addCalendarDays } from '../src-main/domain/calendar';
import type { Board, BoardColumn, Complaint, ComplaintListQuery, ComplaintPage } from '../src-preload/contract';
import { dayString, makeComplaintFields, makeHouseholds, wallTime, type Household } from './data';
import { bulkLoad, call, OFFICE_CODE, setUpOffice, type Directory } from './seed';
import { emit, makeRandom, ms, percentile, progress, summarize, sum } from './stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CREATES = Number(process.env.BENCH_CREATES ?? 2_000);
const CREATE_WARMUP = 20;
const QUERY_ITERATIONS = Number(process.env.BENCH_QUERY_ITERATIONS ?? 200);
const QUERY_WARMUP = 10;
const QUERY_BUDGET_MS = Number(process.env.BENCH_QUERY_BUDGET_S ?? 35) * 1000;
const QUERY_MIN_ITERATIONS = 30;
const SEED = Number(process.env.BENCH_SEED ?? 20261122);
const HISTORY_DAYS = 730;
const OPEN_COMPLAINTS = Number(process.env.BENCH_OPEN ?? 2_000);
const BOARD_ITERATIONS = Number(process.env.BENCH_BOARD_ITERATIONS ?? 200);
const BOARD_WARMUP = 5;
const BOARD_BUDGET_MS = Number(process.env.BENCH_BOARD_BUDGET_S ?? 15) * 1000;
const RECOMPUTE_ITERATIONS = Number(process.env.BENCH_RECOMPUTE_ITERATIONS ?? 50);
const RECOMPUTE_WARMUP = 2;

const CREATE_RATIO_GOAL = 1.5;
const LIST_P95_GOAL_MS = 20;
const BOARD_P95_GOAL_MS = 30;
const RECOMPUTE_P95_GOAL_MS = 50;

interface Goal {
  bench: string;
  goal: string;
  met: boolean;
  value: number;
}
const goals: Goal[] = [];

/**
 * The dispatcher logs every call over 40 ms as "WARN slow call" on stderr (and in the data dir's
 * logs/main.log). Those lines are counted per figure instead of flooding the console.
 */
let slowCallWarnings = 0;
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
  if (typeof chunk === 'string' && chunk.includes(' WARN slow call ')) {
    slowCallWarnings++;
    return true;
  }
  return (stderrWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
};

/** What one durable commit costs on this disk at least: 4 KiB appended + fdatasync (SQLite's WAL sync on Linux). */
function fsyncProbe(dirPath: string) {
  const fd = openSync(join(dirPath, 'fsync-probe'), 'w');
  const page = Buffer.alloc(4096, 7);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      writeSync(fd, page, 0, page.length, i * page.length);
      const t = performance.now();
      fdatasyncSync(fd);
      samples.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(join(dirPath, 'fsync-probe'));
  }
  return { fdatasync_ms_p50: ms(percentile(samples, 50)), fdatasync_ms_p95: ms(percentile(samples, 95)) };
}

const fileMb = (file: string) => {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      bytes += statSync(f).size;
    } catch {
      // no WAL right now
    }
  }
  return Number((bytes / 1024 / 1024).toFixed(1));
};

/** Which app code was measured: the commit, and whether the work tree had uncommitted changes. */
function gitRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src-main', 'src-preload'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head}+uncommitted` : head;
  } catch {
    return 'unknown';
  }
}

function pragmas(db: Db) {
  return {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }), // 2 = FULL
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
    cache_size: db.pragma('cache_size', { simple: true }),
    page_size: db.pragma('page_size', { simple: true }),
  };
}

/* ------------------------------------------------------------------ creates */

type Row = Record<string, unknown>;

/** Every row one create wrote, read back from the service's database (never inside a timed region). */
interface CreatedRows {
  complaint: Row;
  counter: Row;
  events: Row[];
  deadlines: Row[];
  /**
   * The complaint's row in the bigram search index, if the app has one (migration 0030; written by
   * the repository, not a trigger). The index is contentless, so its text cannot be read back: it is
   * cut again from the complaint row by the app's own complaintBigrams, outside the timed region.
   */
  bigrams: { rowid: number; grams: string } | null;
}

function rowReader(db: Db) {
  const complaint = db.prepare('SELECT * FROM complaints WHERE id = ?');
  const counter = db.prepare('SELECT * FROM complaint_day_counters WHERE office_code = ? AND day = ?');
  const events = db.prepare('SELECT * FROM complaint_events WHERE complaint_id = ?');
  const deadlines = db.prepare('SELECT * FROM complaint_deadlines WHERE complaint_id = ?');
  const hasBigrams = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'complaints_bigrams'").get() !== undefined;
  const rowid = db.prepare('SELECT rowid FROM complaints WHERE id = ?').pluck();
  return (id: string): CreatedRows => {
    const c = complaint.get(id) as Row;
    const number = String(c.number);
    return {
      complaint: c,
      // The number is <office>-YYYYMMDD-NNN: its day is the counter the create bumped.
      counter: counter.get(c.office_code, number.slice(String(c.office_code).length + 1, String(c.office_code).length + 9)) as Row,
      events: events.all(id) as Row[],
      deadlines: deadlines.all(id) as Row[],
      bigrams: hasBigrams ? { rowid: rowid.get(id) as number, grams: complaintBigrams((col) => String(c[col])) } : null,
    };
  };
}

/** A bare prepared INSERT of a row as read back (SELECT *): the same columns, the same values. */
function bareInsert(db: Db, table: string, row: Row, upsertKey = '') {
  const columns = Object.keys(row);
  const conflict = upsertKey
    ? ` ON CONFLICT (${upsertKey}) DO UPDATE SET ${columns.filter((c) => !upsertKey.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')}`
    : '';
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})${conflict}`);
}

interface CreateRun {
  service: number[];
  /** Bare baseline 1: the complaint row alone (FTS trigger included), in its own db copy. */
  complaintOnly: number[];
  /** Bare baseline 2: every row the service wrote for that complaint, in another db copy. */
  sameRows: number[];
  rowsPerCreate: number[];
  failures: number;
  wallMs: number;
}

/**
 * `warmup + n` rounds: one intake through the dispatcher; its rows read back (untimed); the
 * complaint row alone into `bareOnly`; then all its rows into `bareSame`. One IMMEDIATE transaction
 * each, synchronous=FULL everywhere.
 */
function runCreateRounds(
  ctx: AppContext,
  bareOnly: Db,
  bareSame: Db,
  dir: Directory,
  households: readonly Household[],
  today: number,
  n: number,
  seed: number,
): CreateRun {
  const rnd = makeRandom(seed);
  const read = rowReader(ctx.db);
  let statements: { only: Statement; complaint: Statement; counter: Statement; event: Statement; deadline: Statement; bigrams: Statement | null } | undefined;
  const run: CreateRun = { service: [], complaintOnly: [], sameRows: [], rowsPerCreate: [], failures: 0, wallMs: 0 };
  const started = performance.now();
  for (let i = 0; i < CREATE_WARMUP + n; i++) {
    // Intake of the last ten days: those days already have numbers, so the counters must continue.
    const input = makeComplaintFields(rnd, dir, households, wallTime(rnd, today - 1 - (i % 10)));

    let t = performance.now();
    const result = ctx.dispatch('complaints:create', input);
    const serviceMs = performance.now() - t;
    if (!result.ok) {
      run.failures++;
      if (run.failures <= 3) progress(`create failed: ${JSON.stringify(result.error)}`);
      continue;
    }
    const rows = read((result.value as Complaint).id);
    if (!statements) {
      const deadline = rows.deadlines[0];
      if (!deadline) throw new Error('the service wrote no deadline rows for a create');
      statements = {
        only: bareInsert(bareOnly, 'complaints', rows.complaint),
        complaint: bareInsert(bareSame, 'complaints', rows.complaint),
        counter: bareInsert(bareSame, 'complaint_day_counters', rows.counter, 'office_code, day'),
        event: bareInsert(bareSame, 'complaint_events', rows.events[0]!),
        deadline: bareInsert(bareSame, 'complaint_deadlines', deadline),
        bigrams: rows.bigrams && bareSame.prepare('INSERT INTO complaints_bigrams (rowid, grams) VALUES (@rowid, @grams)'),
      };
    }
    const s = statements;
    const onlyTx = bareOnly.transaction(() => s.only.run(rows.complaint));
    const sameTx = bareSame.transaction(() => {
      s.complaint.run(rows.complaint);
      if (s.bigrams && rows.bigrams) s.bigrams.run(rows.bigrams);
      s.counter.run(rows.counter);
      for (const e of rows.events) s.event.run(e);
      for (const d of rows.deadlines) s.deadline.run(d);
    });

    t = performance.now();
    onlyTx.immediate();
    const onlyMs = performance.now() - t;

    t = performance.now();
    sameTx.immediate();
    const sameMs = performance.now() - t;

    if (i >= CREATE_WARMUP) {
      run.service.push(serviceMs);
      run.complaintOnly.push(onlyMs);
      run.sameRows.push(sameMs);
      run.rowsPerCreate.push(2 + rows.events.length + rows.deadlines.length + (rows.bigrams ? 1 : 0));
    }
    if ((i + 1) % 500 === 0) progress(`creates: ${i + 1}/${CREATE_WARMUP + n}`);
  }
  run.wallMs = performance.now() - started;
  return run;
}

function createFigures(service: number[], bare: number[]) {
  const s = summarize(service);
  const b = summarize(bare);
  return {
    n: service.length,
    warmup: CREATE_WARMUP,
    service_total_ms: s.total_ms,
    bare_total_ms: b.total_ms,
    service_ms_mean: s.mean_ms,
    service_ms_p50: s.p50_ms,
    service_ms_p95: s.p95_ms,
    service_ms_p99: s.p99_ms,
    service_ms_max: s.max_ms,
    bare_ms_mean: b.mean_ms,
    bare_ms_p50: b.p50_ms,
    bare_ms_p95: b.p95_ms,
    bare_ms_p99: b.p99_ms,
    bare_ms_max: b.max_ms,
    ratio: Number((sum(service) / sum(bare)).toFixed(3)),
    ratio_p50: Number((percentile(service, 50) / percentile(bare, 50)).toFixed(3)),
    ratio_p95: Number((percentile(service, 95) / percentile(bare, 95)).toFixed(3)),
    overhead_ms_mean: ms((sum(service) - sum(bare)) / service.length),
  };
}

function benchCreates(ctx: AppContext, bareOnly: Db, bareSame: Db, dir: Directory, households: readonly Household[], today: number) {
  const warningsBefore = slowCallWarnings;
  const run = runCreateRounds(ctx, bareOnly, bareSame, dir, households, today, CREATES, SEED + 1);
  const common = {
    failures: run.failures,
    rows_per_create_mean: Number((sum(run.rowsPerCreate) / run.rowsPerCreate.length).toFixed(2)),
    wall_s: Number((run.wallMs / 1000).toFixed(1)),
    slow_call_warnings: slowCallWarnings - warningsBefore,
  };
  // The goal is on the same-rows ratio: it is the service layer's overhead over the bare writes a create must do anyway.
  const same = createFigures(run.service, run.sameRows);
  const met = run.failures === 0 && same.ratio <= CREATE_RATIO_GOAL;
  goals.push({ bench: 'create:same_rows', goal: `ratio<=${CREATE_RATIO_GOAL}`, met, value: same.ratio });
  emit({
    bench: 'create',
    baseline: 'same_rows',
    path: "dispatch('complaints:create') vs prepared INSERTs of every row it wrote (complaint + trigram FTS trigger, bigram index row, day counter, 'created' event, deadlines) into an identical db copy; interleaved 1:1:1; one transaction each; synchronous=FULL",
    ...same,
    ...common,
    goal: `<=${CREATE_RATIO_GOAL}`,
    met,
  });
  emit({
    bench: 'create',
    baseline: 'complaint_only',
    path: "dispatch('complaints:create') vs a prepared INSERT of the complaint row alone (FTS trigger included) into another identical db copy; same rounds",
    ...createFigures(run.service, run.complaintOnly),
    ...common,
    goal: 'info',
  });
}

/**
 * BENCH_WHATIF=1: the same interleaved run with the service connection's db.prepare memoized
 * (one compiled statement per SQL text), i.e. what a prepared-statement cache in the repositories
 * would give. Not app behaviour and not a goal: `create_whatif`.
 */
function whatIfStatementCache(ctx: AppContext, bareOnly: Db, bareSame: Db, dir: Directory, households: readonly Household[], today: number) {
  const db = ctx.db as Db & { prepare: Db['prepare'] };
  const original = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = original(sql)));
    return stmt;
  }) as Db['prepare'];
  try {
    const run = runCreateRounds(ctx, bareOnly, bareSame, dir, households, today, Math.min(CREATES, 1000), SEED + 2);
    const same = createFigures(run.service, run.sameRows);
    emit({
      bench: 'create_whatif',
      change: 'service connection with db.prepare memoized (statement cache); app code unchanged',
      ...same,
      ratio_complaint_only: createFigures(run.service, run.complaintOnly).ratio,
      failures: run.failures,
      cached_statements: cache.size,
    });
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
}

/**
 * The same-rows copy must hold what the service database holds: the same row count in every table
 * (search indexes included, their shadow tables not). A table the service writes that the baseline
 * does not would show here.
 */
function sameRowsMatch(ctx: AppContext, bareSame: Db): { ok: boolean; differing: string[] } {
  const tables = ctx.db
    .prepare(
      `SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')`,
    )
    .pluck()
    .all() as string[];
  const count = (db: Db, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const differing = tables.filter((t) => count(ctx.db, t) !== count(bareSame, t)).map((t) => `${t}: ${count(ctx.db, t)} vs ${count(bareSame, t)}`);
  return { ok: differing.length === 0, differing };
}

/** Numbers stay gap-free and unique: each day's counter equals that day's complaint count. */
function checkIntegrity(db: Db, sameRowsCopy: { ok: boolean; differing: string[] }) {
  const r = db
    .prepare(
      `WITH per_day AS (
         SELECT office_code, substr(number, length(office_code) + 2, 8) AS day, COUNT(*) AS n,
                MAX(CAST(substr(number, length(office_code) + 11) AS INTEGER)) AS max_seq
         FROM complaints GROUP BY 1, 2)
       SELECT COUNT(*) AS days,
              SUM(k.last_seq IS NULL OR k.last_seq <> p.n OR k.last_seq <> p.max_seq) AS mismatched,
              (SELECT COUNT(*) FROM complaints) AS complaints,
              (SELECT COUNT(*) FROM complaint_events WHERE kind = 'created') AS created_events,
              (SELECT COUNT(*) FROM (SELECT number FROM complaints GROUP BY office_code, number HAVING COUNT(*) > 1)) AS duplicate_numbers
       FROM per_day p LEFT JOIN complaint_day_counters k ON k.office_code = p.office_code AND k.day = p.day`,
    )
    .get() as { days: number; mismatched: number; complaints: number; created_events: number; duplicate_numbers: number };
  const ok = r.mismatched === 0 && r.duplicate_numbers === 0 && r.complaints === r.created_events && sameRowsCopy.ok;
  emit({ bench: 'integrity', ...r, same_rows_copy_matches: sameRowsCopy.ok, same_rows_copy_differing: sameRowsCopy.differing, ok });
  if (!ok) progress('INTEGRITY CHECK FAILED: numbering, events or the same-rows copy do not add up');
}

/* ------------------------------------------------------------------ list queries */

interface QueryKind {
  name: string;
  /**
   * filter: indexed columns only; like: text < 3 characters (bigram index); fts: text of 3+
   * characters (trigram index); terms: several terms, address or phone forms (search-query.ts).
   */
  path: 'filter' | 'like' | 'fts' | 'terms';
  inputs: ComplaintListQuery[];
}

function queryKinds(dir: Directory, households: readonly Household[], today: number): QueryKind[] {
  const dept = (n: string) => dir.departmentId(n);
  const cat = (n: string) => dir.categoryId(n);
  const open = ['registered', 'dispatched', 'in_progress'] as const;
  const quarter = (k: number) => ({ receivedFrom: dayString(today - 90 * (k + 1)), receivedTo: dayString(today - 90 * k - 1) });
  // Regulars: data.ts sends a tenth of all complaints to the first 300 households.
  const regulars = households.slice(0, 8);
  return [
    { name: 'first_page_no_filter', path: 'filter', inputs: [{}] },
    {
      name: 'status+department',
      path: 'filter',
      inputs: [
        { status: [...open], departmentId: dept('工程部') },
        { status: [...open], departmentId: dept('秩序维护部') },
        { status: ['closed'], departmentId: dept('环境部') },
        { status: ['handled', 'followed_up'], departmentId: dept('财务部') },
        { status: [...open], departmentId: dept('客服中心') },
      ],
    },
    {
      name: 'category+date_range',
      path: 'filter',
      inputs: [
        { categoryId: cat('工程质量'), ...quarter(0) },
        { categoryId: cat('环境卫生'), ...quarter(2) },
        { categoryId: cat('收费'), ...quarter(4) },
        { categoryId: cat('设施设备'), ...quarter(6) },
        { categoryId: cat('装修'), ...quarter(1) },
      ],
    },
    {
      name: 'severity',
      path: 'filter',
      inputs: [{ severity: 'major' }, { severity: 'important' }, { severity: 'minor' }],
    },
    {
      name: 'text_name_2char',
      path: 'like',
      inputs: [{ text: '张伟' }, { text: '王芳' }, { text: '李娜' }, { text: '刘洋' }],
    },
    {
      name: 'text_keyword_2char',
      path: 'like',
      inputs: [{ text: '漏水' }, { text: '电梯' }, { text: '噪音' }],
    },
    {
      name: 'text_phrase_3plus',
      path: 'fts',
      inputs: [{ text: '消防通道' }, { text: '卫生间天花板' }, { text: '物业费发票' }, { text: '电梯运行时有异响' }],
    },
    {
      name: 'text_room',
      path: 'fts',
      inputs: regulars.slice(0, 4).map((h) => ({ text: h.room })),
    },
    {
      name: 'text_phone_fragment',
      path: 'fts',
      inputs: [
        ...regulars.slice(0, 3).map((h) => ({ text: h.phone.slice(-4) })), // "尾号 5678"
        ...regulars.slice(3, 5).map((h) => ({ text: h.phone.slice(0, 7) })),
      ],
    },
    {
      // Issue 13 point 17: a flat typed as the desk types it (address keys in the trigram index).
      name: 'text_address_forms',
      path: 'terms',
      inputs: regulars.slice(0, 4).flatMap((h) => {
        const [b, u] = [h.building.replace('栋', ''), h.unit.replace('单元', '')];
        return [{ text: `${b}-${u}-${h.room}` }, { text: `${b}栋${h.room}` }, { text: `${h.building}${h.unit}${h.room}` }];
      }),
    },
    {
      name: 'text_name_and_room',
      path: 'terms',
      inputs: regulars.slice(0, 4).map((h) => ({ text: `${h.name} ${h.room}` })),
    },
    {
      name: 'text_phone_typed',
      path: 'terms',
      inputs: regulars.slice(0, 4).map((h) => ({ text: h.phone.startsWith('1') ? `${h.phone.slice(0, 3)} ${h.phone.slice(3, 7)} ${h.phone.slice(7)}` : h.phone })),
    },
    {
      name: 'text_address_2char',
      path: 'like',
      inputs: [{ text: '栋3' }, { text: '元1' }],
    },
  ];
}

interface Captured {
  sql: string;
  params: unknown[];
}

type Statement = ReturnType<Db['prepare']>;
const EXECUTE = ['get', 'all', 'run', 'iterate'] as const;

/**
 * Run `work` with every statement execution recorded (SQL text and parameters), to get the exact SQL
 * the app's code ran. Executions, not prepares: the repositories keep compiled statements per
 * connection, so a warm call prepares nothing. Also counts what `work` compiled.
 */
function captureSql(ctx: AppContext, work: () => void): Captured[] & { prepared?: number } {
  const proto = Object.getPrototypeOf(ctx.db.prepare('SELECT 1')) as Record<(typeof EXECUTE)[number], (...args: unknown[]) => unknown>;
  const originals = EXECUTE.map((method) => [method, proto[method]] as const);
  const captured: Captured[] & { prepared?: number } = [];
  for (const [method, fn] of originals) {
    proto[method] = function (this: Statement, ...args: unknown[]) {
      captured.push({ sql: this.source, params: args });
      return fn.apply(this, args);
    };
  }
  const db = ctx.db as Db & { prepare: Db['prepare'] };
  const prepare = db.prepare.bind(db);
  let prepared = 0;
  db.prepare = (sql: string) => {
    prepared++;
    return prepare(sql);
  };
  try {
    work();
  } finally {
    for (const [method, fn] of originals) proto[method] = fn;
    delete (db as { prepare?: unknown }).prepare; // back to the prototype's method
  }
  captured.prepared = prepared;
  return captured;
}

function queryPlan(db: Db, c: Captured): string[] {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, -1]]);
  return plan.map((p) => {
    const d = (depth.get(p.parent) ?? 0) + 1;
    depth.set(p.id, d);
    return `${'  '.repeat(d)}${p.detail}`;
  });
}

function explain(ctx: AppContext, kind: QueryKind) {
  const input = kind.inputs[0]!;
  const statements = captureSql(ctx, () => call(ctx, 'complaints:list', input)).filter((c) => /^\s*SELECT/i.test(c.sql) && !/FROM settings/.test(c.sql));
  for (const c of statements) {
    const lines = queryPlan(ctx.db, c);
    // Time the statement alone too: which half of the call (COUNT or page) costs what.
    const stmt = ctx.db.prepare(c.sql);
    const samples: number[] = [];
    for (let k = 0; k < 15; k++) {
      const t = performance.now();
      stmt.all(...c.params);
      samples.push(performance.now() - t);
    }
    emit({
      bench: 'plan',
      query: kind.name,
      input,
      statement: /^\s*SELECT COUNT\(\*\)/i.test(c.sql) ? 'count' : 'page',
      ms_p50: ms(percentile(samples, 50)),
      plan: lines,
    });
  }
}

/** Warm up, then time up to QUERY_ITERATIONS calls (or QUERY_BUDGET_MS), rotating through the kind's inputs. */
function timeKind(ctx: AppContext, kind: QueryKind) {
  const matches = kind.inputs.map((input) => call<ComplaintPage>(ctx, 'complaints:list', input).total);
  for (let i = 0; i < QUERY_WARMUP; i++) call(ctx, 'complaints:list', kind.inputs[i % kind.inputs.length]);
  const samples: number[] = [];
  const warningsBefore = slowCallWarnings;
  const started = performance.now();
  for (let i = 0; i < QUERY_ITERATIONS; i++) {
    const input = kind.inputs[i % kind.inputs.length]!;
    const t = performance.now();
    const result = ctx.dispatch('complaints:list', input);
    samples.push(performance.now() - t);
    if (!result.ok) throw new Error(`complaints:list failed: ${JSON.stringify(result.error)}`);
    if (i + 1 >= QUERY_MIN_ITERATIONS && performance.now() - started > QUERY_BUDGET_MS) break;
  }
  const s = summarize(samples);
  return {
    query: kind.name,
    path: kind.path,
    variants: kind.inputs.length,
    matches,
    iterations: s.n,
    ms_mean: s.mean_ms,
    ms_p50: s.p50_ms,
    ms_p95: s.p95_ms,
    ms_max: s.max_ms,
    slow_call_warnings: slowCallWarnings - warningsBefore,
  };
}

function benchQueries(ctx: AppContext, dir: Directory, households: readonly Household[], today: number) {
  const showAllPlans = process.env.BENCH_PLANS === '1';
  const kinds = queryKinds(dir, households, today);
  for (const kind of kinds) {
    const figures = timeKind(ctx, kind);
    const met = figures.ms_p95 <= LIST_P95_GOAL_MS;
    goals.push({ bench: `list:${kind.name}`, goal: `p95<=${LIST_P95_GOAL_MS}ms`, met, value: figures.ms_p95 });
    emit({ bench: 'list', ...figures, goal: `p95<=${LIST_P95_GOAL_MS}ms`, met });
    progress(`list ${kind.name}: p50 ${figures.ms_p50} ms, p95 ${figures.ms_p95} ms over ${figures.iterations}`);
    if (!met || showAllPlans) explain(ctx, kind);
  }
  if (process.env.BENCH_WHATIF === '1') {
    // The proposed index for status + department, on this temp database only (a no-op once the app has it).
    const ddl = 'CREATE INDEX IF NOT EXISTS complaints_department_status ON complaints (complained_department_id, status, received_at)';
    const existed = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'complaints_department_status'").get() !== undefined;
    ctx.db.exec(ddl);
    const kind = kinds.find((k) => k.name === 'status+department')!;
    emit({ bench: 'list_whatif', change: ddl, already_in_app: existed, ...timeKind(ctx, kind) });
    explain(ctx, kind);
  }
}

/* ------------------------------------------------------------------ deadline board */

/**
 * What the bulk load left on the board, after the app's auto-major sweep (the app runs it every
 * minute and before each board read; run once here so that the timed calls find it done).
 */
function lifecycleFigures(ctx: AppContext, load: ReturnType<typeof bulkLoad>) {
  const upgraded = sweepAutoMajor(ctx);
  const r = ctx.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM complaints WHERE status <> 'closed') AS open_complaints,
              (SELECT COUNT(*) FROM complaint_deadlines) AS deadlines,
              (SELECT COUNT(*) FROM complaint_deadlines WHERE completed_at = '' AND cancelled_at = '') AS open_deadlines,
              (SELECT COUNT(DISTINCT complaint_id) FROM complaint_deadlines WHERE completed_at = '' AND cancelled_at = '') AS complaints_with_open_deadlines,
              (SELECT COUNT(*) FROM handling_rounds) AS handling_rounds,
              (SELECT COUNT(*) FROM holds) AS holds`,
    )
    .get() as { open_complaints: number; deadlines: number; open_deadlines: number };
  const ok = r.open_complaints === OPEN_COMPLAINTS;
  emit({ bench: 'lifecycle', ...r, open_by_status: load.open, auto_major_upgraded: upgraded, open_target: OPEN_COMPLAINTS, ok });
  if (!ok) progress(`open complaints: ${r.open_complaints}, not ${OPEN_COMPLAINTS} (too few young enough complaints for BENCH_OPEN?)`);
}

interface CallKind {
  name: string;
  channel: 'board:get' | 'deadlines:alerts';
  inputs: unknown[];
}

function boardKinds(dir: Directory): CallKind[] {
  return [
    { name: 'board_all', channel: 'board:get', inputs: [{}] },
    {
      name: 'board_department',
      channel: 'board:get',
      inputs: ['工程部', '秩序维护部', '环境部', '客服中心'].map((n) => ({ departmentId: dir.departmentId(n) })),
    },
    { name: 'board_severity', channel: 'board:get', inputs: [{ severity: 'important' }, { severity: 'major' }, { severity: 'ordinary' }] },
    { name: 'alerts', channel: 'deadlines:alerts', inputs: [{}] },
  ];
}

const boardCards = (b: Board) => Object.fromEntries(Object.entries(b.columns).map(([col, cards]) => [col, cards.length])) as Record<BoardColumn, number>;

/** Warm up, then time up to BOARD_ITERATIONS calls (or BOARD_BUDGET_MS), rotating through the kind's inputs. */
function timeCalls(ctx: AppContext, kind: CallKind) {
  const results = kind.inputs.map((input) => call<Board | unknown[]>(ctx, kind.channel, input));
  for (let i = 0; i < BOARD_WARMUP; i++) call(ctx, kind.channel, kind.inputs[i % kind.inputs.length]);
  const samples: number[] = [];
  const warningsBefore = slowCallWarnings;
  const started = performance.now();
  for (let i = 0; i < BOARD_ITERATIONS; i++) {
    const input = kind.inputs[i % kind.inputs.length];
    const t = performance.now();
    const result = ctx.dispatch(kind.channel, input);
    samples.push(performance.now() - t);
    if (!result.ok) throw new Error(`${kind.channel} failed: ${JSON.stringify(result.error)}`);
    if (i + 1 >= QUERY_MIN_ITERATIONS && performance.now() - started > BOARD_BUDGET_MS) break;
  }
  const s = summarize(samples);
  const shape =
    kind.channel === 'board:get'
      ? { cards: results.map((b) => sum(Object.values(boardCards(b as Board)))), columns: boardCards(results[0] as Board) }
      : { alerts: (results[0] as unknown[]).length };
  return {
    name: kind.name,
    channel: kind.channel,
    inputs: kind.inputs,
    ...shape,
    iterations: s.n,
    ms_mean: s.mean_ms,
    ms_p50: s.p50_ms,
    ms_p95: s.p95_ms,
    ms_max: s.max_ms,
    slow_call_warnings: slowCallWarnings - warningsBefore,
  };
}

/**
 * Where one board:get {} spends its time: every statement it prepared, timed alone (p50 of 15), with
 * its plan and row count; what is left of the call is JavaScript (row mapping, deadline arithmetic).
 */
function boardBreakdown(ctx: AppContext, callP50: number) {
  const captured = captureSql(ctx, () => call(ctx, 'board:get', {}));
  const bySql = new Map<string, { c: Captured; count: number }>();
  for (const c of captured) {
    const entry = bySql.get(c.sql);
    if (entry) entry.count++;
    else bySql.set(c.sql, { c, count: 1 });
  }
  let sqlMs = 0;
  const statements = [...bySql.values()].map(({ c, count }) => {
    const stmt = ctx.db.prepare(c.sql);
    const samples: number[] = [];
    let rows = 0;
    for (let k = 0; k < 15; k++) {
      const t = performance.now();
      rows = stmt.reader ? stmt.all(...c.params).length : (stmt.run(...c.params), 0);
      samples.push(performance.now() - t);
    }
    const p50 = percentile(samples, 50);
    sqlMs += p50 * count;
    return { sql: c.sql.replace(/\s+/g, ' ').trim().slice(0, 160), times_per_call: count, rows, ms_p50: ms(p50), plan: queryPlan(ctx.db, c) };
  });
  emit({
    bench: 'board_breakdown',
    input: {},
    call_ms_p50: ms(callP50),
    statements_run: captured.length,
    statements_prepared: captured.prepared,
    sql_ms: ms(sqlMs),
    js_ms_estimate: ms(callP50 - sqlMs),
    statements,
  });
}

function benchBoard(ctx: AppContext, dir: Directory) {
  const showAll = process.env.BENCH_PLANS === '1';
  for (const kind of boardKinds(dir)) {
    const figures = timeCalls(ctx, kind);
    progress(`${kind.name}: p50 ${figures.ms_p50} ms, p95 ${figures.ms_p95} ms over ${figures.iterations}`);
    if (kind.channel === 'deadlines:alerts') {
      emit({ bench: 'alerts', ...figures, goal: 'info' });
      continue;
    }
    const met = figures.ms_p95 <= BOARD_P95_GOAL_MS;
    goals.push({ bench: kind.name, goal: `p95<=${BOARD_P95_GOAL_MS}ms`, met, value: figures.ms_p95 });
    emit({ bench: 'board', ...figures, goal: `p95<=${BOARD_P95_GOAL_MS}ms`, met });
    if (kind.name === 'board_all' && (!met || showAll)) boardBreakdown(ctx, figures.ms_p50);
  }
}

interface OpenDeadlineDates {
  startedAt: string;
  dueAt: string;
  rule: string | null;
}

/**
 * The working day that the most open working-day deadlines count through (start day excluded, due
 * day included) and that the calendar does not mention yet: made a holiday, it moves all of those.
 */
function pickHoliday(ctx: AppContext) {
  const rows = ctx.db
    .prepare(`SELECT started_at AS startedAt, due_at AS dueAt, rule FROM complaint_deadlines WHERE completed_at = '' AND cancelled_at = ''`)
    .all() as OpenDeadlineDates[];
  const calendar = loadCalendar(ctx);
  const through = new Map<string, number>();
  let workingDay = 0;
  for (const r of rows) {
    if (!r.rule || (JSON.parse(r.rule) as { unit: string }).unit !== 'working_days') continue;
    workingDay++;
    for (let d = addCalendarDays(r.startedAt.slice(0, 10), 1); d <= r.dueAt.slice(0, 10); d = addCalendarDays(d, 1)) through.set(d, (through.get(d) ?? 0) + 1);
  }
  let best = { date: '', covers: -1 };
  for (const [date, covers] of through) {
    if (covers > best.covers && isWorkingDay(calendar, date) && !calendar.days.has(date)) best = { date, covers };
  }
  if (!best.date) throw new Error('no working day to turn into a holiday');
  return { openDeadlines: rows.length, workingDayDeadlines: workingDay, ...best };
}

/**
 * recomputeOpenDeadlines — what a calendar edit costs — timed alone, with one holiday row added and
 * removed between runs (plain SQL, untimed), so every run really moves due dates; then a few runs on
 * an unchanged calendar (nothing moves). The calendar is left as it was.
 */
function benchRecompute(ctx: AppContext) {
  const holiday = pickHoliday(ctx);
  const add = ctx.db.prepare(`INSERT INTO calendar_days (date, kind, name) VALUES (?, 'holiday', '基准测试假日')`);
  const remove = ctx.db.prepare('DELETE FROM calendar_days WHERE date = ?');
  let present = false;
  // Plain SQL, as another process's edit would be: the app's built calendar must be told.
  const toggle = () => {
    if (present) remove.run(holiday.date);
    else add.run(holiday.date);
    present = !present;
    calendarChanged(ctx);
  };
  const samples: number[] = [];
  const moved: number[] = [];
  const unchanged: number[] = [];
  let statements: { run: number; prepared: number };
  try {
    for (let i = 0; i < RECOMPUTE_WARMUP + RECOMPUTE_ITERATIONS; i++) {
      toggle();
      const t = performance.now();
      const m = recomputeOpenDeadlines(ctx);
      const dt = performance.now() - t;
      if (i >= RECOMPUTE_WARMUP) {
        samples.push(dt);
        moved.push(m);
      }
    }
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      recomputeOpenDeadlines(ctx);
      unchanged.push(performance.now() - t);
    }
    // How many statements one moving run executes and compiles.
    toggle();
    const captured = captureSql(ctx, () => recomputeOpenDeadlines(ctx));
    statements = { run: captured.length, prepared: captured.prepared ?? 0 };
  } finally {
    if (present) {
      toggle();
      recomputeOpenDeadlines(ctx);
    }
  }
  const s = summarize(samples);
  const met = s.p95_ms <= RECOMPUTE_P95_GOAL_MS;
  goals.push({ bench: 'recompute', goal: `p95<=${RECOMPUTE_P95_GOAL_MS}ms`, met, value: s.p95_ms });
  emit({
    bench: 'recompute',
    path: 'recomputeOpenDeadlines(ctx) after a one-row calendar edit (holiday added / removed, untimed), one IMMEDIATE transaction, synchronous=FULL',
    holiday: holiday.date,
    open_deadlines: holiday.openDeadlines,
    working_day_deadlines: holiday.workingDayDeadlines,
    moved_per_run_min: Math.min(...moved),
    moved_per_run_max: Math.max(...moved),
    moved_per_run_mean: Number((sum(moved) / moved.length).toFixed(1)),
    statements_run_per_run: statements.run,
    statements_prepared_per_run: statements.prepared,
    iterations: s.n,
    ms_mean: s.mean_ms,
    ms_p50: s.p50_ms,
    ms_p95: s.p95_ms,
    ms_max: s.max_ms,
    unchanged_ms_p50: ms(percentile(unchanged, 50)),
    goal: `p95<=${RECOMPUTE_P95_GOAL_MS}ms`,
    met,
  });
  progress(`recompute: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, ${Math.max(...moved)} deadlines moved per run`);
}

/* ------------------------------------------------------------------ main */

function main(): void {
  const runStarted = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'complaint-desk-bench-'));
  let ctx: AppContext | undefined;
  const bares: Db[] = [];
  const cleanup = () => {
    try {
      for (const db of bares.splice(0)) db.close();
      ctx?.close();
    } catch {
      // already closed
    }
    if (process.env.BENCH_KEEP === '1') progress(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  try {
    const probe = new Database(':memory:');
    emit({
      bench: 'env',
      revision: gitRevision(),
      node: process.version,
      sqlite: (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      tmpdir: root,
      rows: ROWS,
      open_complaints: OPEN_COMPLAINTS,
      creates: CREATES,
      seed: SEED,
      ...fsyncProbe(root),
    });
    probe.close();

    const officeDir = join(root, 'office');
    const officeDb = join(officeDir, DATABASE_FILE);
    const rnd = makeRandom(SEED);
    const households = makeHouseholds(rnd, 3000);
    const today = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000); // the office's calendar day (UTC+8)

    // First-run setup and the history go through a connection of their own: the app's openDatabase
    // and its own dispatcher, with a cache big enough for the whole load. Then the app opens the
    // office's database as it does every morning (createAppContext), so its open-time work (planner
    // statistics, PRAGMA optimize) sees 100k complaints. Not createAppContext for the load: its
    // optimize on the still-empty register made the bulk INSERTs about twice as slow (60k rows:
    // 113 s vs 55 s), even with the statistics deleted again before loading.
    progress(`bulk-loading ${ROWS} complaints (${OPEN_COMPLAINTS} open) with their deadlines in one transaction ...`);
    mkdirSync(officeDir, { recursive: true });
    const loader = openDatabase(officeDb);
    let dir: Directory;
    let load: ReturnType<typeof bulkLoad>;
    try {
      const loaderCtx = { db: loader, dataDir: officeDir };
      const handlers = createHandlers(loaderCtx, { version: 'bench', mode: 'web' });
      // No scheduler while loading: the bulk load is the only writer.
      const setupApp: AppContext = { ...loaderCtx, dispatch: createDispatch(handlers), invoke: createInvoke(handlers), versions: createDataVersions(), scheduler: { tick: () => 0, stop: () => undefined }, close: () => loader.close() };
      dir = setUpOffice(setupApp);
      loader.pragma('cache_size = -1048576');
      load = bulkLoad(loaderCtx, dir, households, rnd, ROWS, HISTORY_DAYS, today, OPEN_COMPLAINTS, makeRandom(SEED + 3));
      loader.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      loader.close();
    }
    const opening = performance.now();
    ctx = createAppContext(officeDir, { version: 'bench', mode: 'web' }, { schedulerIntervalMs: null });
    const openMs = performance.now() - opening;
    emit({
      bench: 'load',
      rows: load.rows,
      events: load.events,
      deadlines: load.deadlines,
      open_deadlines: load.openDeadlines,
      handling_rounds: load.handlingRounds,
      holds: load.holds,
      days: load.days,
      first_day: load.firstDay,
      last_day: load.lastDay,
      max_seq_per_day: load.maxSeqPerDay,
      ms: ms(load.ms),
      rows_per_s: Math.round(load.rows / (load.ms / 1000)),
      db_mb: fileMb(officeDb),
      app_open_ms: ms(openMs),
    });

    progress('deadline board and recount ...');
    lifecycleFigures(ctx, load);
    benchBoard(ctx, dir);
    benchRecompute(ctx);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');

    // The bare sides: byte copies of the checkpointed database, opened by the app's own openDatabase.
    const openCopy = (name: string) => {
      mkdirSync(join(root, name));
      copyFileSync(officeDb, join(root, name, DATABASE_FILE));
      const db = openDatabase(join(root, name, DATABASE_FILE));
      bares.push(db);
      return db;
    };
    const bareOnly = openCopy('bare-complaint-only');
    const bareSame = openCopy('bare-same-rows');
    emit({ bench: 'config', service_db: pragmas(ctx.db), bare_complaint_only_db: pragmas(bareOnly), bare_same_rows_db: pragmas(bareSame) });

    progress(`creates: ${CREATES} service + ${CREATES} complaint-only + ${CREATES} same-rows, interleaved ...`);
    benchCreates(ctx, bareOnly, bareSame, dir, households, today);
    if (process.env.BENCH_WHATIF === '1') whatIfStatementCache(ctx, bareOnly, bareSame, dir, households, today);
    checkIntegrity(ctx.db, sameRowsMatch(ctx, bareSame));
    for (const db of bares.splice(0)) db.close();

    progress('register queries ...');
    benchQueries(ctx, dir, households, today);

    const missed = goals.filter((g) => !g.met);
    emit({
      bench: 'summary',
      goals_total: goals.length,
      goals_met: goals.length - missed.length,
      all_met: missed.length === 0,
      goals: goals.map((g) => ({ bench: g.bench, goal: g.goal, value: g.value, met: g.met })),
      missed: missed.map((g) => ({ bench: g.bench, goal: g.goal, value: g.value })),
      office_code: OFFICE_CODE,
      db_mb: fileMb(officeDb),
      runtime_s: Number(((performance.now() - runStarted) / 1000).toFixed(1)),
    });
  } finally {
    cleanup();
  }
}

main();
