import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/connection';
import { resumeSearchBacklog } from './db/search-backlog';
import { createDispatch, createInvoke, type Dispatch, type Invoke } from './ipc/dispatch';
import { createHandlers, type HandlerEnvironment } from './ipc/handlers';
import { createExchangeJobs } from './exchange/exchange-jobs';
import { setLogDirectory } from './lib/log';
import type { ServiceContext } from './services/context';
import { createDataVersions, type DataVersions } from './lib/data-versions';
import { startScheduler, type Scheduler } from './scheduler/scheduler';

export const DATABASE_FILE = 'complaints.db';

export interface AppContext extends ServiceContext {
  /** Synchronous calls (tests, benchmark, timers). */
  dispatch: Dispatch;
  /** Every call, as the transports make them: PDF rendering answers later. */
  invoke: Invoke;
  /** What changed, per kind of data: every window polls it (app:pulse) to refresh its screens. */
  versions: DataVersions;
  /** The time-driven rules (automatic major upgrade); ticks every minute on main's clock. */
  scheduler: Scheduler;
  close: () => void;
}

export interface AppContextOptions {
  /** Minutes between the scheduler's ticks, in ms; null: only explicit ticks (integration tests). */
  schedulerIntervalMs?: number | null;
}

/** Everything main needs, for either transport: the data dir, the database, the dispatcher. */
export function createAppContext(dataDir: string, env: HandlerEnvironment, options: AppContextOptions = {}): AppContext {
  mkdirSync(dataDir, { recursive: true });
  setLogDirectory(dataDir);
  const db: Db = openDatabase(join(dataDir, DATABASE_FILE));
  // The app keeps its connection for hours: SQLite's advice is to refresh the planner's statistics
  // at open (0x10002: only tables that need it, with a work limit) and again before closing.
  db.pragma('optimize = 0x10002');
  resumeSearchBacklog(db);
  const ctx: ServiceContext = { db, dataDir };
  const versions = createDataVersions();
  const exchangeJobs = createExchangeJobs(ctx, { onDataChanged: (topics) => versions.bump(topics) });
  const scheduler = startScheduler(ctx, versions, options.schedulerIntervalMs);
  const close = () => {
    if (!db.open) return;
    scheduler.stop();
    // A running export or import stops first: the export removes its part file, the import rolls back.
    exchangeJobs.abortAll();
    db.pragma('optimize');
    db.close();
  };
  const handlers = createHandlers(ctx, env, exchangeJobs, { versions, scheduler });
  const guard = { db, versions };
  return { ...ctx, dispatch: createDispatch(handlers, guard), invoke: createInvoke(handlers, guard), versions, scheduler, close };
}

/** `--data-dir DIR` wins, then COMPLAINT_DESK_DATA_DIR, then the platform default given by the caller. */
export function resolveDataDir(argv: readonly string[], fallback: () => string): string {
  const i = argv.indexOf('--data-dir');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  return fromArg || process.env.COMPLAINT_DESK_DATA_DIR || fallback();
}
