import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { combineDigests, contentHash, inIdOrder, tableDigest } from '../../src-main/exchange/content-hash';

const DDL = `CREATE TABLE notes (id TEXT PRIMARY KEY, n INTEGER, body TEXT, extra TEXT) STRICT;
             CREATE TABLE tags (id TEXT PRIMARY KEY, note_id TEXT NOT NULL, label TEXT NOT NULL) STRICT`;
type Note = [string, number | null, string | null, string | null];

const id = (i: number) => `01J${String(i).padStart(23, '0')}`;
const notes = (count: number): Note[] =>
  Array.from({ length: count }, (_, i) => [id(i), i % 7 === 0 ? null : i, i % 5 === 0 ? null : `第${i}条 "引号" \\ 反斜杠\n换行`, i % 3 === 0 ? '' : '业主']);

function database(rows: readonly Note[], options: { pageSize?: number; reverse?: boolean } = {}): Database.Database {
  const db = new Database(':memory:');
  if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
  db.exec(DDL);
  const insert = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?)');
  const ordered = options.reverse ? [...rows].reverse() : rows;
  db.transaction(() => ordered.forEach((r) => insert.run(...r)))();
  db.prepare('INSERT INTO tags VALUES (?, ?, ?)').run(id(1), id(2), '漏水');
  return db;
}

/** The definition, written out plainly in JavaScript (JSON.stringify equals SQLite's json_array for this text). */
function reference(db: Database.Database): string {
  const sha512 = () => createHash('sha512');
  const hash = sha512().update('cdx-content-v2\n');
  for (const table of ['notes', 'tags']) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table);
    const digest = sha512().update(`table ${table}\n${JSON.stringify(columns)}\n`);
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw(true).all()) digest.update(`${JSON.stringify(row)}\n`);
    hash.update(`${table} ${digest.digest('hex')}\n`);
  }
  return hash.digest('hex');
}

describe('the content hash', () => {
  const rows = notes(12_345); // more than two chunks

  it('follows its definition', async () => {
    const db = database(rows);
    expect(await contentHash(db, ['notes', 'tags'])).toBe(reference(db));
  });

  it('is the same for the same rows in any physical order or page size', async () => {
    const a = await contentHash(database(rows), ['notes', 'tags']);
    expect(await contentHash(database(rows, { reverse: true, pageSize: 65536 }), ['notes', 'tags'])).toBe(a);
  });

  it('changes with any value, NULL against empty text, and the table order', async () => {
    const base = await contentHash(database(rows), ['notes', 'tags']);
    const changed = (edit: (r: Note[]) => void) => {
      const copy = rows.map((r) => [...r] as Note);
      edit(copy);
      return contentHash(database(copy), ['notes', 'tags']);
    };
    expect(await changed((r) => (r[9000]![2] = `${r[9000]![2]}。`))).not.toBe(base);
    expect(await changed((r) => (r[1]![3] = null))).not.toBe(base); // '' → NULL
    expect(await changed((r) => (r[4]![1] = 5))).not.toBe(base);
    expect(await changed((r) => r.pop())).not.toBe(base);
    expect(await contentHash(database(rows), ['tags', 'notes'])).not.toBe(base);
  });

  it('of a table is the same whether its rows are chosen by a condition or copied out first', async () => {
    const db = database(rows);
    const even = (r: Note) => r[1] !== null && r[1] % 2 === 0;
    const chosen = await tableDigest(db, { table: 'notes', where: 'n % ? = 0', params: [2] });
    const copied = await tableDigest(database(rows.filter(even)), { table: 'notes' });
    expect(chosen).toEqual(copied);
    expect(chosen.rows).toBe(rows.filter(even).length);
    const digests = { notes: (await tableDigest(db, { table: 'notes' })).digest, tags: (await tableDigest(db, { table: 'tags' })).digest };
    expect(combineDigests(['notes', 'tags'], digests)).toBe(await contentHash(db, ['notes', 'tags']));
  });

  it('reports progress per chunk and stops when cancelled', async () => {
    const seen: number[] = [];
    await contentHash(database(rows), ['notes', 'tags'], { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([5000, 10_000, 12_345, 12_346]); // rows so far, over the tables
    const controller = new AbortController();
    const hashing = contentHash(database(rows), ['notes'], { yieldBetweenChunks: true, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(hashing).rejects.toMatchObject({ reason: 'CANCELLED' });
  });
});

describe('the order check of a chunk', () => {
  const chunk = (...ids: string[]) => Buffer.from(ids.map((i) => `["${i}",1]\n`).join(''));
  it('accepts rising ids after the previous chunk, and nothing else', () => {
    expect(inIdOrder(chunk('A', 'B', 'C'), '')).toBe(true);
    expect(inIdOrder(chunk('B', 'C'), 'A')).toBe(true);
    expect(inIdOrder(chunk('B', 'C'), 'B')).toBe(false);
    expect(inIdOrder(chunk('A', 'C', 'B'), '')).toBe(false);
    expect(inIdOrder(chunk('A', 'A'), '')).toBe(false);
    expect(inIdOrder(Buffer.from('["A\\"B",1]\n'), '')).toBe(false); // an escaped id: SQLite orders that chunk
  });
});
