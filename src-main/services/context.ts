import type { Db } from '../db/connection';

/** What every service needs: the open database and where files (attachments, logs) live. */
export interface ServiceContext {
  db: Db;
  dataDir: string;
}
