/**
 * Opens a data directory as main does, merges one .cdx file into it, and stops just before the
 * merge's COMMIT: prints `merging` and waits there until killed (the crash test's
 * kill -9 lands inside the merge's transaction, after every row was written).
 *
 *   merge-and-hang.ts <dataDir> <cdxPath> <passphrase>
 */
import { createAppContext } from '../../../src-main/app-context';
import { openImport } from '../../../src-main/exchange/import-open';
import { mergeImport } from '../../../src-main/exchange/merge';

const [dataDir, cdxPath, passphrase] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<void> {
  const app = createAppContext(dataDir, { version: 'test', mode: 'web' }, { schedulerIntervalMs: null });
  const opened = await openImport(app.dataDir, cdxPath, passphrase);
  await mergeImport(app, opened, {
    actorName: '测试',
    fileName: 'crash.cdx',
    beforeCommit: () => {
      process.stdout.write('merging\n');
      return new Promise<void>(() => undefined); // never: the parent kills this process here
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`merge failed: ${(error as Error).message}\n`);
  process.exit(1);
});
