/**
 * Complaint Desk benchmark (`npm run bench`).
 *
 * 1. A real office database in a temp dir, opened through createAppContext (the app's own pragmas
 *    and migrations: WAL, synchronous=FULL), bulk-loaded with 100,000 realistic complaints in one
 *    transaction.
 * 2. 2,000 intakes through the dispatcher (`complaints:create`: zod validation, reference checks,
 *    day counter, insert, timeline event, read-back — one IMMEDIATE transaction each) interleaved
 *    one-for-one with 2,000 bare prepared INSERTs of the very same rows into an identical copy of
 *    the database (same file contents, opened with the same openDatabase), one transaction each.
 * 3. Register queries through `complaints:list` on the 100k database: filters and text search.
 *
 * stdout: one JSON line per figure, then a summary line. stderr: progress. Exit code 0 even when a
 * goal is missed (met:false says so); non-zero only if the benchmark itself could not run.
 *
 * Knobs (environment): BENCH_ROWS (100000), BENCH_CREATES (2000), BENCH_QUERY_ITERATIONS (200),
 * BENCH_QUERY_BUDGET_S (20, per query kind), BENCH_SEED, BENCH_PLANS=1 (print every query plan,
 * not only those of missed goals), BENCH_KEEP=1 (keep the temp dir).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppContext, DATABASE_FILE, type AppContext } from '../src-main/app-context';
import { openDatabase, type Db } from '../src-main/db/connection';
import type { Complaint, ComplaintListQuery, ComplaintPage } from '../src-preload/contract';
import { dayString, makeComplaintFields, makeHouseholds, wallTime, type Household } from './data';
import { bulkLoad, call, OFFICE_CODE, setUpOffice, type Directory } from './seed';
import { emit, makeRandom, ms, percentile, progress, summarize, sum } from './stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CREATES = Number(process.env.BENCH_CREATES ?? 2_000);
const CREATE_WARMUP = 20;
const QUERY_ITERATIONS = Number(process.env.BENCH_QUERY_ITERATIONS ?? 200);
const QUERY_WARMUP = 10;
const QUERY_BUDGET_MS = Number(process.env.BENCH_QUERY_BUDGET_S ?? 20) * 1000;
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

function benchCreates(ctx: AppContext, bare: Db, dir: Directory, households: readonly Household[], today: number) {
  const rnd = makeRandom(SEED + 1);
  const insert = bare.prepare(BARE_INSERT);
  const bareInsert = bare.transaction((row: Record<string, unknown>) => insert.run(row));
  const service: number[] = [];
  const plain: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < CREATE_WARMUP + CREATES; i++) {
    // Intake of the last ten days: those days already have numbers, so the counters must continue.
    const input = makeComplaintFields(rnd, dir, households, wallTime(rnd, today - 1 - (i % 10)));

    let t = performance.now();
    const result = ctx.dispatch('complaints:create', input);
    const serviceMs = performance.now() - t;
    if (!result.ok) {
      failures++;
      if (failures <= 3) progress(`create failed: ${JSON.stringify(result.error)}`);
      continue;
    }
    const c = result.value as Complaint;
    const row = { ...c, dept: c.complainedDepartmentId || null };

    t = performance.now();
    bareInsert.immediate(row);
    const bareMs = performance.now() - t;

    if (i >= CREATE_WARMUP) {
      service.push(serviceMs);
      plain.push(bareMs);
    }
    if ((i + 1) % 500 === 0) progress(`creates: ${i + 1}/${CREATE_WARMUP + CREATES}`);
  }
  const wallMs = performance.now() - started;
  const s = summarize(service);
  const b = summarize(plain);
  const ratio = sum(service) / sum(plain);
  const met = failures === 0 && ratio <= CREATE_RATIO_GOAL;
  goals.push({ bench: 'create', goal: `ratio<=${CREATE_RATIO_GOAL}`, met, value: Number(ratio.toFixed(3)) });
  emit({
    bench: 'create',
    path: "dispatch('complaints:create') vs prepared INSERT into an identical db copy, interleaved 1:1, one transaction each, synchronous=FULL",
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
    goal: `<=${CREATE_RATIO_GOAL}`,
    met,
  });
}

/** Numbers stay gap-free and unique: each day's counter equals that day's complaint count. */
function checkIntegrity(db: Db) {
  const r = db
    .prepare(
      `WITH per_day AS (
         SELECT office_code, replace(substr(received_at, 1, 10), '-', '') AS day, COUNT(*) AS n, MAX(CAST(substr(number, -3) AS INTEGER)) AS max_seq
         FROM complaints GROUP BY 1, 2)
       SELECT COUNT(*) AS days,
              SUM(k.last_seq <> p.n OR k.last_seq <> p.max_seq) AS mismatched,
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
  // Households that complain often (the skew in data.ts favours the first ones).
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
  const original = db.prepare;
  const captured: Captured[] = [];
  const wrapped = ((sql: string) => {
    const stmt = original.call(db, sql);
    const rec: Captured = { sql, params: [] };
    captured.push(rec);
    for (const method of ['get', 'all'] as const) {
      const fn = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
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

function benchQueries(ctx: AppContext, dir: Directory, households: readonly Household[], today: number) {
  const showAllPlans = process.env.BENCH_PLANS === '1';
  for (const kind of queryKinds(dir, households, today)) {
    const totals = kind.inputs.map((input) => call<ComplaintPage>(ctx, 'complaints:list', input).total);
    for (let i = 0; i < QUERY_WARMUP; i++) call(ctx, 'complaints:list', kind.inputs[i % kind.inputs.length]);
    const samples: number[] = [];
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
    const met = s.p95_ms <= LIST_P95_GOAL_MS;
    goals.push({ bench: `list:${kind.name}`, goal: `p95<=${LIST_P95_GOAL_MS}ms`, met, value: s.p95_ms });
    emit({
      bench: 'list',
      query: kind.name,
      path: kind.path,
      variants: kind.inputs.length,
      matches: totals,
      iterations: s.n,
      ms_mean: s.mean_ms,
      ms_p50: s.p50_ms,
      ms_p95: s.p95_ms,
      ms_max: s.max_ms,
      goal: `p95<=${LIST_P95_GOAL_MS}ms`,
      met,
    });
    progress(`list ${kind.name}: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms over ${s.n}`);
    if (!met || showAllPlans) explain(ctx, kind);
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
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  try {
    const probe = new Database(':memory:');
    emit({
      bench: 'env',
      node: process.version,
      sqlite: (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      tmpdir: root,
      rows: ROWS,
      creates: CREATES,
      seed: SEED,
    });
    probe.close();

    const officeDir = join(root, 'office');
    ctx = createAppContext(officeDir, { version: 'bench', mode: 'web' });
    const dir = setUpOffice(ctx);
    const rnd = makeRandom(SEED);
    const households = makeHouseholds(rnd, 6000);
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
