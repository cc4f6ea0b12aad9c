import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

let logFile: string | undefined;

/** Log to `<data dir>/logs/main.log` as well as stderr; stacks stay here, never in replies. */
export function setLogDirectory(dataDir: string): void {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  logFile = join(dir, 'main.log');
}

function write(level: string, message: string, detail?: unknown): void {
  const extra = detail instanceof Error ? `\n${detail.stack ?? detail.message}` : detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
  const line = `${new Date().toISOString()} ${level} ${message}${extra}\n`;
  if (level !== 'INFO' || process.env.COMPLAINT_DESK_VERBOSE) process.stderr.write(line);
  if (logFile) {
    try {
      appendFileSync(logFile, line);
    } catch {
      // Logging must never take the app down (e.g. a full disk); stderr already has the line.
    }
  }
}

export const log = {
  info: (message: string, detail?: unknown) => write('INFO', message, detail),
  warn: (message: string, detail?: unknown) => write('WARN', message, detail),
  error: (message: string, detail?: unknown) => write('ERROR', message, detail),
};
