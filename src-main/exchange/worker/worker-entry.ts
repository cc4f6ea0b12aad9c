/** The exchange worker thread (run-task.ts): runs the task it was started for and posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from './run-task';
import { TASKS, type TaskName } from './worker-tasks';

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const { task, input } = workerData as { task: TaskName; input: never };

/** Words from the host (run-task.ts `send`), with their payloads, and the task's waits for them. */
const words = new Map<string, unknown>();
const wordWaiters = new Map<string, (payload: unknown) => void>();
port.on('message', ({ word, payload }: { word: string; payload: unknown }) => {
  words.set(word, payload);
  wordWaiters.get(word)?.(payload);
});

const context = {
  milestone: (name: string) => post({ kind: 'milestone', name }),
  progress: (done: number) => post({ kind: 'progress', done }),
  waitFor: (word: string) => (words.has(word) ? Promise.resolve(words.get(word)) : new Promise<unknown>((resolve) => wordWaiters.set(word, resolve))),
};

Promise.resolve()
  .then((): unknown => TASKS[task](input, context))
  .then(
  (value) => {
    post({ kind: 'result', value });
    port.close();
  },
  (error: unknown) => {
    const e = error as { message?: string; code?: unknown };
    post({ kind: 'failure', message: e.message ?? String(error), code: typeof e.code === 'string' ? e.code : undefined });
    port.close();
  },
);
