/**
 * Export, import and re-import at a realistic size, with the app's real scrypt parameters: the
 * benchmark's office (bench/seed.ts: complaints with their events, deadlines, rounds, holds) bulk-loaded,
 * exported whole, merged into head office, then merged again. Prints the time of each step.
 * EXCHANGE_ROWS (default 2000) sets the number of complaints, e.g. EXCHANGE_ROWS=100000 for the
 * issue's benchmark size.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_SCRYPT } from '../../src-main/exchange/cdx-format';
import { contentHash } from '../../src-main/exchange/content-hash';
import { exportToFolder } from '../../src-main/exchange/export.service';
import { importFiles } from '../../src-main/exchange/import.service';
import { snapshotSchema } from '../../src-main/exchange/snapshot-schema';
import { bulkLoad, setUpOffice } from '../../bench/seed';
import { makeHouseholds } from '../../bench/data';
import { makeRandom } from '../../bench/stats';
import { openTestApp, setUpOffice as setUpHeadOffice, type TestApp } from '../helpers/app';
import { makeFolder, PASSPHRASE, scratchFiles } from '../helpers/exchange';

const ROWS = Number(process.env.EXCHANGE_ROWS ?? 2000);

let app: TestApp;
let hq: TestApp;
let stick: string;
let hqActor: string;

beforeAll(() => {
  app = openTestApp();
  hq = openTestApp();
  hqActor = setUpHeadOffice(hq, 'ZB01').receiverId;
  stick = makeFolder();
  const dir = setUpOffice(app.ctx);
  const rnd = makeRandom(20261122);
  const today = Math.floor((Date.now() + 8 * 3_600_000) / 86_400_000);
  bulkLoad(app.ctx, dir, makeHouseholds(rnd, 500), rnd, ROWS, 365, today, Math.min(200, ROWS / 10), makeRandom(7));
}, 600_000);
afterAll(() => {
  app.close();
  hq.close();
  rmSync(stick, { recursive: true, force: true });
});

it(`exports ${ROWS} complaints, merges them into head office, and merges them again without a change`, async () => {
  const exported = await exportToFolder(app.ctx, { folder: stick, passphrase: PASSPHRASE }, { kdf: DEFAULT_SCRYPT });
  expect(exported.manifest.counts.complaints).toBe(ROWS);
  expect(await contentHash(app.ctx.db, snapshotSchema().tables)).toBe(exported.manifest.contentHash.value);
  const rowsInFile = Object.entries(exported.manifest.counts).reduce((n, [t, c]) => (t === 'attachment_files' ? n : n + c), 0);

  const timed = async () => {
    const started = performance.now();
    const [result] = await importFiles(hq.ctx, { actorId: hqActor, paths: [exported.path], passphrase: PASSPHRASE });
    if (!result?.ok) throw new Error(JSON.stringify(result));
    return { summary: result.summary, ms: performance.now() - started };
  };
  const first = await timed();
  expect(first.summary.totals).toEqual({ new: rowsInFile, updated: 0, unchanged: 0, refused: 0 });
  expect(hq.ctx.db.prepare("SELECT count(*) FROM complaints WHERE office_code = 'YGHA'").pluck().get()).toBe(ROWS);
  const again = await timed();
  expect(again.summary.totals).toEqual({ new: 0, updated: 0, unchanged: rowsInFile, refused: 0 });

  expect(scratchFiles(app.dataDir)).toEqual([]);
  expect(scratchFiles(hq.dataDir)).toEqual([]);
  const round = (ms: number) => Math.round(ms);
  console.log(
    `[exchange] ${ROWS} complaints: snapshot ${exported.manifest.snapshotBytes} B, file ${exported.fileBytes} B; ` +
      `export ${round(exported.timings.total)} ms (copy ${round(exported.timings.copy)}, encrypt + read-back + manifest ${round(exported.timings.written)}, ` +
      `of which waiting for the hash ${round(exported.timings.hashWaited)}); import ${round(first.ms)} ms; re-import ${round(again.ms)} ms`,
  );
}, 600_000);
