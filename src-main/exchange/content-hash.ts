/**
 * A content hash of the records: the same rows give the same hash in any file (an export, the
 * database it came from, head office's database after the merge), whatever the page layout, row
 * order on disk or indexes. Like SQLite's dbhash, but over named tables and with SHA-512.
 *
 * Definition (cdx-content-v2):
 *   per table, its digest = SHA-512 of
 *     "table <name>\n" + JSON(column names, declared order) + "\n"
 *     + for each row, ordered by `id`: SQLite's json_array(every column, declared order) + "\n"
 *   the content hash = SHA-512 of "cdx-content-v2\n" + for each table, in the order given: "<name> <digest hex>\n"
 * json_array gives integers as numbers, text as JSON strings (UTF-8), NULL as null; the record
 * tables are STRICT and hold no blobs. Attachment bytes are not part of it: they are named by their
 * SHA-256 in `attachments.sha256`, and each byte string is checked against that name.
 * A digest per table (v2; v1 was one stream over all tables) lets an export hash its tables on
 * worker threads side by side (export.service.ts), while the same value can be computed here in
 * one pass by the tests.
 *
 * Speed (100k complaints is ~500 MB of rows): SQLite builds each chunk's text in C and hands it
 * over as one Buffer (no JavaScript string per row or per value); JavaScript only checks the order
 * of the chunk's ids (a group_concat over an ordered subquery keeps that order in practice, but SQLite
 * does not promise it; a chunk out of order is rebuilt with ORDER BY inside the aggregate, which
 * is slower but guaranteed). SHA-512 rather than SHA-256: twice as fast on CPUs without SHA
 * extensions (office PCs), and present in Electron's BoringSSL.
 */
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { throwIfAborted } from './exchange-error';

export const CONTENT_HASH_ALGORITHM = 'cdx-content-v2/sha512';
/** Length of a content hash in hex (SHA-512): the export keeps the manifest's place before the hash is known. */
export const CONTENT_HASH_HEX_LENGTH = 128;

/** The rows of one table that the hash covers: all, or those matching `where` (an SQL condition on the table's columns, with `params`). */
export interface TableSelection {
  table: string;
  where?: string;
  params?: unknown[];
}

export interface ContentHashOptions {
  /** Schema to read (`main`, or an attached name). */
  schema?: string;
  /** Rows hashed so far (of this call), after each chunk. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
  /**
   * Let the event loop run between chunks (progress, cancel). Only on a connection nothing else
   * uses meanwhile: leave it off on the app's shared connection.
   */
  yieldBetweenChunks?: boolean;
}

const CHUNK_ROWS = 5000;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** True when the chunk's lines start with `["<id>"` in strictly rising id order, all after `after`. */
export function inIdOrder(chunk: Buffer, after: string): boolean {
  let previous = after;
  let start = 0;
  while (start < chunk.length) {
    // Every line starts with `["`: the first column is the id, a ULID (ASCII, no escapes).
    const close = chunk.indexOf(QUOTE, start + 2);
    const id = chunk.toString('latin1', start + 2, close);
    if (close < 0 || id.includes('\\') || !(id > previous)) return false; // an escaped id: let SQLite order it
    previous = id;
    const end = chunk.indexOf(NEWLINE, close);
    start = end < 0 ? chunk.length : end + 1;
  }
  return true;
}

/** The digest of one table (see the header), and how many rows it covered. */
export async function tableDigest(db: Database, selection: TableSelection, options: ContentHashOptions = {}): Promise<{ digest: string; rows: number }> {
  const schema = options.schema ?? 'main';
  const { table } = selection;
  const hash = createHash('sha512');
  const columns = db.prepare('SELECT name FROM pragma_table_info(?, ?)').pluck().all(table, schema) as string[];
  if (columns[0] !== 'id') throw new Error(`content hash: ${table} does not start with an id column`);
  hash.update(`table ${table}\n${JSON.stringify(columns)}\n`);
  const line = `json_array(${columns.map((c) => `"${c}"`).join(', ')}) || char(10)`;
  const filter = selection.where ? `AND (${selection.where})` : '';
  const from = `(SELECT * FROM "${schema}"."${table}" WHERE id > ? ${filter} ORDER BY id LIMIT ${CHUNK_ROWS})`;
  const fast = db.prepare(`SELECT CAST(group_concat(${line}, '') AS BLOB), max(id), count(*) FROM ${from}`).raw(true);
  const ordered = db.prepare(`SELECT CAST(group_concat(${line}, '' ORDER BY id) AS BLOB) FROM ${from}`).pluck();
  const params = selection.params ?? [];
  let after = '';
  let rows = 0;
  for (;;) {
    const [chunk, last, count] = fast.get(after, ...params) as [Buffer | null, string | null, number];
    if (count === 0 || !chunk || last === null) break;
    hash.update(inIdOrder(chunk, after) ? chunk : (ordered.get(after, ...params) as Buffer));
    after = last;
    rows += count;
    options.onProgress?.(rows);
    if (options.yieldBetweenChunks) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
    }
  }
  return { digest: hash.digest('hex'), rows };
}

/** The content hash from the tables' digests, in the order of `tables`. */
export function combineDigests(tables: readonly string[], digests: Readonly<Record<string, string>>): string {
  const hash = createHash('sha512');
  hash.update('cdx-content-v2\n');
  for (const table of tables) {
    const digest = digests[table];
    if (!digest) throw new Error(`content hash: no digest for ${table}`);
    hash.update(`${table} ${digest}\n`);
  }
  return hash.digest('hex');
}

/** The content hash of whole tables, in this thread (tests, and the import's optional check). */
export async function contentHash(db: Database, tables: readonly string[], options: ContentHashOptions = {}): Promise<string> {
  const digests: Record<string, string> = {};
  let done = 0;
  for (const table of tables) {
    const before = done;
    const { digest, rows } = await tableDigest(db, { table }, { ...options, onProgress: (n) => options.onProgress?.(before + n) });
    digests[table] = digest;
    done += rows;
  }
  return combineDigests(tables, digests);
}
