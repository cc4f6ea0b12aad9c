import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A TypeScript helper script from `test/helpers/children/`. */
export const childScript = (name: string) => fileURLToPath(new URL(`./children/${name}`, import.meta.url));

export interface RunningChild {
  process: ChildProcess;
  /** Complete stdout lines so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves once some stdout line satisfies `predicate` (checked on every new line). */
  waitFor: (predicate: (lines: string[]) => boolean, what: string, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Run a TypeScript script in a separate Node process (through tsx), as a second app instance would be. */
export function startChild(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );

  const waitFor = (predicate: (lines: string[]) => boolean, what: string, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (predicate(lines)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`child did not ${what} within ${timeoutMs} ms; stdout: ${lines.join(' | ')}; stderr: ${stderr}`));
      }, timeoutMs);
      void exited.then(() => {
        if (!predicate(lines)) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`child exited before it could ${what}; stdout: ${lines.join(' | ')}; stderr: ${stderr}`));
        }
      });
      listeners.add(check);
      check();
    });

  return { process: child, lines, stderr: () => stderr, waitFor, exited };
}

/** Numbers a `create-complaints` child reported as committed. */
export const createdNumbers = (lines: string[]) => lines.filter((l) => l.startsWith('created ')).map((l) => l.slice('created '.length));
