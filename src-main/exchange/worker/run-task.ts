/**
 * Runs one exchange task on a worker thread, so that an export or an import can use a second CPU
 * core: better-sqlite3 is synchronous, and a query runs on the thread that calls it. The export
 * hashes the office's rows while its snapshot is copied; the import checks and validates the
 * received file while the merge writes (export.service.ts, merge.ts). Each task gets a fresh
 * worker that ends with it (a few tens of milliseconds to start, against seconds of work).
 *
 * The worker's code is `worker-entry.ts`. In the built app electron-vite bundles it beside the
 * main bundle as `exchange-worker.js` (electron.vite.config.ts); tests run the sources, and the
 * worker then loads the TypeScript entry through tsx (compiling it costs ~0.3 s per worker, which
 * is why the benchmark uses the built worker).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TaskInput, TaskName, TaskOutput } from './worker-tasks';

/** What a worker posts to its host. */
export type WorkerMessage =
  | { kind: 'milestone'; name: string }
  | { kind: 'progress'; done: number }
  | { kind: 'result'; value: unknown }
  | { kind: 'failure'; message: string; code?: string };

export interface TaskHandle<T> {
  /** The task's value; rejects with the worker's error (its SQLite `code` kept) or on cancel. */
  result: Promise<T>;
  /** Resolves when the worker reports `name` (see worker-tasks.ts for which tasks report what). */
  milestone: (name: string) => Promise<void>;
  /** A word for the worker, with a payload (a task that waits for one, e.g. `go`). */
  send: (word: string, payload?: unknown) => void;
  /** Stop the worker; `result` rejects. Safe to call after the end. */
  cancel: () => void;
}

function workerEntry(): { file: string; execArgv?: string[] } {
  // The benchmark runs the sources but times the worker as built (bench/exchange.ts builds it first).
  const chosen = process.env.COMPLAINT_DESK_EXCHANGE_WORKER;
  if (chosen) return { file: chosen };
  // Built: this module sits in out/main or out/main/chunks; the entry is out/main/exchange-worker.js.
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const file = join(dir, 'exchange-worker.js');
    if (existsSync(file)) return { file };
  }
  return { file: join(__dirname, 'worker-entry.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

export function runTask<K extends TaskName>(task: K, input: TaskInput<K>, onProgress?: (done: number) => void): TaskHandle<TaskOutput<K>> {
  const entry = workerEntry();
  // No inherited flags (a debugging flag of the main process would make the Worker refuse to start).
  const worker = new Worker(entry.file, { workerData: { task, input }, execArgv: entry.execArgv ?? [] });
  const reached = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  let finished = false;
  let rejectResult: (error: Error) => void = () => undefined;
  const result = new Promise<TaskOutput<K>>((resolve, reject) => {
    rejectResult = reject;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'milestone') {
        reached.add(message.name);
        for (const wake of waiting.get(message.name) ?? []) wake();
        waiting.delete(message.name);
      } else if (message.kind === 'progress') onProgress?.(message.done);
      else if (message.kind === 'result') {
        finished = true;
        resolve(message.value as TaskOutput<K>);
      } else {
        finished = true;
        reject(Object.assign(new Error(message.message), { code: message.code }));
      }
    });
    worker.on('error', (error: Error) => {
      finished = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!finished) reject(new Error(`exchange worker (${task}) stopped with code ${code}`));
      finished = true;
    });
  });
  result.catch(() => undefined); // the caller awaits it, or cancels and no longer cares
  return {
    result,
    milestone: (name) =>
      reached.has(name)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve])),
            result.then(() => {
              throw new Error(`exchange worker (${task}) ended before ${name}`);
            }),
          ]),
    send: (word, payload) => worker.postMessage({ word, payload }),
    cancel: () => {
      if (!finished) rejectResult(new Error(`exchange worker (${task}) cancelled`));
      finished = true;
      void worker.terminate();
    },
  };
}
