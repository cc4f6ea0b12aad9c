/**
 * Opens a data directory as main does (createAppContext), then lists the departments.
 * Prints `opening` just before opening, then `departments <n>`; on failure prints the error to stderr and exits 1.
 *
 *   open-data-dir.ts <dataDir>
 */
import { createAppContext } from '../../../src-main/app-context';

const dataDir = process.argv[2]!;
process.stdout.write('opening\n');
try {
  const app = createAppContext(dataDir, { version: 'test', mode: 'web' }, { schedulerIntervalMs: null });
  const result = app.dispatch('departments:list', {});
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  process.stdout.write(`departments ${(result.value as unknown[]).length}\n`);
  app.close();
} catch (error) {
  process.stderr.write(`open failed: ${(error as Error).message}\n`);
  process.exit(1);
}
