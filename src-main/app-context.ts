import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/connection';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers, type HandlerEnvironment } from './ipc/handlers';
import { setLogDirectory } from './lib/log';
import type { ServiceContext } from './services/context';

export const DATABASE_FILE = 'complaints.db';

export interface AppContext extends ServiceContext {
  dispatch: Dispatch;
  close: () => void;
}

/** Everything main needs, for either transport: the data dir, the database, the dispatcher. */
export function createAppContext(dataDir: string, env: HandlerEnvironment): AppContext {
  mkdirSync(dataDir, { recursive: true });
  setLogDirectory(dataDir);
  const db: Db = openDatabase(join(dataDir, DATABASE_FILE));
  const ctx: ServiceContext = { db, dataDir };
  return { ...ctx, dispatch: createDispatch(createHandlers(ctx, env)), close: () => db.close() };
}

/** `--data-dir DIR` wins, then COMPLAINT_DESK_DATA_DIR, then the platform default given by the caller. */
export function resolveDataDir(argv: readonly string[], fallback: () => string): string {
  const i = argv.indexOf('--data-dir');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  return fromArg || process.env.COMPLAINT_DESK_DATA_DIR || fallback();
}
