import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTask } from '../../src-main/exchange/worker/run-task';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A small WAL database like the office's, with one table to hash. */
function database(): string {
  const folder = mkdtempSync(join(tmpdir(), 'complaint-desk-worker-'));
  folders.push(folder);
  const file = join(folder, 'w.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT; INSERT INTO notes VALUES ('01A', '一'), ('01B', '二')");
  db.close();
  return file;
}

describe('a task on an exchange worker thread', () => {
  it('reports its milestones and progress, takes words from the host, and resolves with its value', async () => {
    const seen: number[] = [];
    const task = runTask('hashTables', { file: database(), cacheKiB: 1024, mapBytes: 1 << 20 }, (done) => seen.push(done));
    await task.milestone('ready');
    task.send('go', [{ table: 'notes' }]);
    await task.milestone('snapshot');
    const { digests, rows } = await task.result;
    expect(rows).toBe(2);
    expect(Object.keys(digests)).toEqual(['notes']);
    expect(digests.notes).toMatch(/^[0-9a-f]{128}$/);
    expect(seen).toEqual([2]);
    // Read without the memory map: the same digest.
    const unmapped = runTask('hashTables', { file: database(), cacheKiB: 1024, mapBytes: 0 });
    unmapped.send('go', [{ table: 'notes' }]);
    expect((await unmapped.result).digests).toEqual(digests);
  });

  it('fails with the worker’s message and SQLite’s code', async () => {
    const task = runTask('hashTables', { file: database(), cacheKiB: 1024, mapBytes: 1 << 20 });
    await task.milestone('ready');
    task.send('go', [{ table: 'notes', where: 'no_such_column = 1' }]);
    await expect(task.result).rejects.toMatchObject({ message: expect.stringMatching(/no such column/) as unknown, code: 'SQLITE_ERROR' });
    const missing = runTask('checkpoint', { file: join(tmpdir(), 'complaint-desk-no-such-dir', 'x.db') });
    await expect(missing.result).rejects.toMatchObject({ message: expect.any(String) as unknown });
  });

  it('stops when cancelled: its result and any awaited milestone reject', async () => {
    const task = runTask('hashTables', { file: database(), cacheKiB: 1024, mapBytes: 1 << 20 });
    await task.milestone('ready'); // then it waits for `go`, which never comes
    const snapshot = task.milestone('snapshot');
    task.cancel();
    await expect(task.result).rejects.toThrow(/cancelled/);
    await expect(snapshot).rejects.toThrow(/cancelled/);
    task.cancel(); // twice is harmless
  });
});
