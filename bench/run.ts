/**
 * Complaint Desk benchmark (`npm run bench`).
 *
 * 1. A real office database in a temp dir, opened through createAppContext (the app's own pragmas
 *    and migrations: WAL, synchronous=FULL), bulk-loaded with 100,000 realistic complaints in one
 *    transaction.
 * 2. 2,000 intakes through the dispatcher (`complaints:create`: zod validation, then the service's
 *    whole IMMEDIATE transaction — reference checks, day counter, insert, timeline event, intake
 *    deadlines — and the read-back) interleaved one-for-one with 2,000 bare prepared INSERTs of the
 *    very same rows into an identical copy of the database (same file contents, opened with the same
 *    openDatabase), one transaction each.
 * 3. Register queries through `complaints:list` on the 100k database: filters and text search.
 *
 * stdout: one JSON line per figure, then a summary line. stderr: progress. Exit code 0 even when a
 * goal is missed (met:false says so); non-zero only if the benchmark itself could not run.
 *
 * Knobs (environment): BENCH_ROWS (100000), BENCH_CREATES (2000), BENCH_QUERY_ITERATIONS (200),
 * BENCH_QUERY_BUDGET_S (35, per query kind), BENCH_SEED, BENCH_PLANS=1 (print every query plan,
 * not only those of missed goals), BENCH_WHATIF=1 (also time creates with a statement cache and
 * the proposed status+department index; app code untouched), BENCH_KEEP=1 (keep the temp dir).
 */
import { closeSync, copyFileSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppContext, DATABASE_FILE, type AppContext } from '../src-main/app-context';
import { openDatabase, type Db } from '../src-main/db/connection';
import { COMPLAINT_FIELD_NAMES, type Complaint, type ComplaintListQuery, type ComplaintPage } from '../src-preload/contract';
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

const CREATE_RATIO_GOAL = 1.5;
const LIST_P95_GOAL_MS = 20;

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

const BARE_INSERT = `
  INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, building, unit, room,
    phone, contact_other, event_time, event_place, complained_department_id, complained_person, category_id, description,
    owner_words, request, requested_reply_at, validity, invalid_reason, severity, urgency, status, version, created_at, updated_at)
  VALUES (@id, @officeCode, @number, @receivedAt, @channel, @receiverId, @complainantName, @building, @unit, @room,
    @phone, @contactOther, @eventTime, @eventPlace, @dept, @complainedPerson, @categoryId, @description,
    @ownerWords, @request, @requestedReplyAt, @validity, @invalidReason, @severity, @urgency, @status, @version, @createdAt, @updatedAt)`;

interface CreateRun {
  service: number[];
  plain: number[];
  /** What-if only: the bare row plus the service's other writes (day counter, 'created' event). */
  floor: number[];
  failures: number;
  wallMs: number;
}

const FLOOR_OFFICE = 'FLOR';

/**
 * `warmup + n` rounds: one intake through the dispatcher, then the same row through a bare INSERT
 * (and, with `floor`, the same row again with the counter and event writes, under another office code).
 */
function runCreatePairs(
  ctx: AppContext,
  bare: Db,
  dir: Directory,
  households: readonly Household[],
  today: number,
  n: number,
  seed: number,
  floor = false,
): CreateRun {
  const rnd = makeRandom(seed);
  const insert = bare.prepare(BARE_INSERT);
  const bareInsert = bare.transaction((row: Record<string, unknown>) => insert.run(row));
  const counter = bare.prepare(
    `INSERT INTO complaint_day_counters (office_code, day, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (office_code, day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
  );
  const event = bare.prepare(
    `INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, ?, ?, 'created', ?, '')`,
  );
  const floorInsert = bare.transaction((row: Complaint & Record<string, unknown>, changes: string) => {
    const day = row.receivedAt.slice(0, 10).replaceAll('-', '');
    const seq = (counter.get(FLOOR_OFFICE, day) as { last_seq: number }).last_seq;
    insert.run({ ...row, id: `${row.id}F`, officeCode: FLOOR_OFFICE, number: `${FLOOR_OFFICE}-${day}-${String(seq).padStart(3, '0')}` });
    event.run(`${row.id}E`, `${row.id}F`, row.createdAt, row.receiverId, row.receiverName, changes);
  });
  const run: CreateRun = { service: [], plain: [], floor: [], failures: 0, wallMs: 0 };
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
    const c = result.value as Complaint;
    const row = { ...c, dept: c.complainedDepartmentId || null };

    t = performance.now();
    bareInsert.immediate(row);
    const bareMs = performance.now() - t;

    let floorMs = 0;
    if (floor) {
      const changes = JSON.stringify(
        COMPLAINT_FIELD_NAMES.filter((f) => input[f] !== '').map((f) => ({ field: f, before: '', after: dir.nameOf(f, String(input[f])) })),
      );
      t = performance.now();
      floorInsert.immediate(row, changes);
      floorMs = performance.now() - t;
    }

    if (i >= CREATE_WARMUP) {
      run.service.push(serviceMs);
      run.plain.push(bareMs);
      if (floor) run.floor.push(floorMs);
    }
    if ((i + 1) % 500 === 0) progress(`creates: ${i + 1}/${CREATE_WARMUP + n}`);
  }
  run.wallMs = performance.now() - started;
  return run;
}

function createFigures({ service, plain, failures, wallMs }: CreateRun) {
  const s = summarize(service);
  const b = summarize(plain);
  const ratio = sum(service) / sum(plain);
  return {
    n: service.length,
    warmup: CREATE_WARMUP,
    failures,
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
    ratio: Number(ratio.toFixed(3)),
    ratio_p50: Number((percentile(service, 50) / percentile(plain, 50)).toFixed(3)),
    ratio_p95: Number((percentile(service, 95) / percentile(plain, 95)).toFixed(3)),
    overhead_ms_mean: ms((sum(service) - sum(plain)) / service.length),
    wall_s: Number((wallMs / 1000).toFixed(1)),
  };
}

function benchCreates(ctx: AppContext, bare: Db, dir: Directory, households: readonly Household[], today: number) {
  const warningsBefore = slowCallWarnings;
  const run = runCreatePairs(ctx, bare, dir, households, today, CREATES, SEED + 1);
  const figures = createFigures(run);
  const met = run.failures === 0 && figures.ratio <= CREATE_RATIO_GOAL;
  goals.push({ bench: 'create', goal: `ratio<=${CREATE_RATIO_GOAL}`, met, value: figures.ratio });
  emit({
    bench: 'create',
    path: "dispatch('complaints:create') vs prepared INSERT of the same row into an identical db copy; interleaved 1:1; one transaction each; synchronous=FULL",
    ...figures,
    slow_call_warnings: slowCallWarnings - warningsBefore,
    goal: `<=${CREATE_RATIO_GOAL}`,
    met,
  });
}

/**
 * BENCH_WHATIF=1: the same interleaved run with the service connection's db.prepare memoized
 * (one compiled statement per SQL text), i.e. what a prepared-statement cache in the repositories
 * would give; plus a third write per round, the "floor": the bare row together with the day-counter
 * upsert and the 'created' event row (not the intake deadlines, whose rows depend on the policy),
 * i.e. most of the SQL a create cannot avoid. Not app behaviour and not a goal: `create_whatif`.
 */
function whatIfStatementCache(ctx: AppContext, bare: Db, dir: Directory, households: readonly Household[], today: number) {
  const db = ctx.db as Db & { prepare: Db['prepare'] };
  const original = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = original(sql)));
    return stmt;
  }) as Db['prepare'];
  try {
    const run = runCreatePairs(ctx, bare, dir, households, today, Math.min(CREATES, 1000), SEED + 2, true);
    const f = summarize(run.floor);
    emit({
      bench: 'create_whatif',
      change: 'service connection with db.prepare memoized (statement cache); app code unchanged',
      ...createFigures(run),
      cached_statements: cache.size,
      floor_ms_mean: f.mean_ms,
      floor_ms_p50: f.p50_ms,
      floor_ms_p95: f.p95_ms,
      floor_ratio: Number((sum(run.floor) / sum(run.plain)).toFixed(3)),
    });
  } finally {
    delete (db as { prepare?: unknown }).prepare;
  }
}

/** Numbers stay gap-free and unique: each day's counter equals that day's complaint count. */
function checkIntegrity(db: Db) {
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
  const ok = r.mismatched === 0 && r.duplicate_numbers === 0 && r.complaints === r.created_events;
  emit({ bench: 'integrity', ...r, ok });
  if (!ok) progress('INTEGRITY CHECK FAILED: numbering or events do not add up');
}

/* ------------------------------------------------------------------ list queries */

interface QueryKind {
  name: string;
  /** filter: indexed columns only; like: text < 3 characters; fts: text of 3+ characters (trigram index). */
  path: 'filter' | 'like' | 'fts';
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
  ];
}

interface Captured {
  sql: string;
  params: unknown[];
}

/** Run one list call with db.prepare wrapped, to get the exact SQL and parameters the repository used. */
function captureSql(ctx: AppContext, input: ComplaintListQuery): Captured[] {
  const db = ctx.db as Db & { prepare: Db['prepare'] };
  const original = db.prepare.bind(db);
  const captured: Captured[] = [];
  const wrapped = ((sql: string) => {
    const stmt = original(sql);
    const rec: Captured = { sql, params: [] };
    captured.push(rec);
    for (const method of ['get', 'all'] as const) {
      const fn: (...args: unknown[]) => unknown = stmt[method].bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        rec.params = args;
        return fn(...args);
      };
    }
    return stmt;
  }) as Db['prepare'];
  db.prepare = wrapped;
  try {
    call(ctx, 'complaints:list', input);
  } finally {
    delete (db as { prepare?: unknown }).prepare; // back to the prototype's method
  }
  return captured;
}

function explain(ctx: AppContext, kind: QueryKind) {
  const input = kind.inputs[0]!;
  const statements = captureSql(ctx, input).filter((c) => /^\s*SELECT/i.test(c.sql) && /complaints c/.test(c.sql));
  for (const c of statements) {
    const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, -1]]);
    const lines = plan.map((p) => {
      const d = (depth.get(p.parent) ?? 0) + 1;
      depth.set(p.id, d);
      return `${'  '.repeat(d)}${p.detail}`;
    });
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
    // The proposed index for status + department, on this temp database only.
    const ddl = 'CREATE INDEX complaints_department_status ON complaints (complained_department_id, status, received_at)';
    ctx.db.exec(ddl);
    const kind = kinds.find((k) => k.name === 'status+department')!;
    emit({ bench: 'list_whatif', change: ddl, ...timeKind(ctx, kind) });
    explain(ctx, kind);
  }
}

/* ------------------------------------------------------------------ main */

function main(): void {
  const runStarted = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'complaint-desk-bench-'));
  let ctx: AppContext | undefined;
  let bare: Db | undefined;
  const cleanup = () => {
    try {
      bare?.close();
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
      creates: CREATES,
      seed: SEED,
      ...fsyncProbe(root),
    });
    probe.close();

    const officeDir = join(root, 'office');
    ctx = createAppContext(officeDir, { version: 'bench', mode: 'web' });
    const dir = setUpOffice(ctx);
    const rnd = makeRandom(SEED);
    const households = makeHouseholds(rnd, 3000);
    const today = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000); // the office's calendar day (UTC+8)

    progress(`bulk-loading ${ROWS} complaints in one transaction ...`);
    const load = bulkLoad(ctx, dir, households, rnd, ROWS, HISTORY_DAYS, today);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const officeDb = join(officeDir, DATABASE_FILE);
    emit({
      bench: 'load',
      rows: load.rows,
      events: load.events,
      days: load.days,
      first_day: load.firstDay,
      last_day: load.lastDay,
      max_seq_per_day: load.maxSeqPerDay,
      ms: ms(load.ms),
      rows_per_s: Math.round(load.rows / (load.ms / 1000)),
      db_mb: fileMb(officeDb),
    });

    // The bare side: a byte copy of the checkpointed database, opened by the app's own openDatabase.
    const bareDir = join(root, 'bare');
    mkdirSync(bareDir);
    copyFileSync(officeDb, join(bareDir, DATABASE_FILE));
    bare = openDatabase(join(bareDir, DATABASE_FILE));
    emit({ bench: 'config', service_db: pragmas(ctx.db), bare_db: pragmas(bare) });

    progress(`creates: ${CREATES} service + ${CREATES} bare, interleaved ...`);
    benchCreates(ctx, bare, dir, households, today);
    if (process.env.BENCH_WHATIF === '1') whatIfStatementCache(ctx, bare, dir, households, today);
    checkIntegrity(ctx.db);
    bare.close();
    bare = undefined;

    progress('register queries ...');
    benchQueries(ctx, dir, households, today);

    const missed = goals.filter((g) => !g.met);
    emit({
      bench: 'summary',
      goals_total: goals.length,
      goals_met: goals.length - missed.length,
      all_met: missed.length === 0,
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
