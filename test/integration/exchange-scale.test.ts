/**
 * Export and open-for-import at a realistic size, with the app's real scrypt parameters: the
 * benchmark's office (bench/seed.ts: complaints with their events, deadlines, rounds, holds) bulk-loaded,
 * exported whole, opened as head office would. Prints the time of each step.
 * EXCHANGE_ROWS (default 2000) sets the number of complaints, e.g. EXCHANGE_ROWS=100000 for the
 * issue's benchmark size.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_SCRYPT } from '../../src-main/exchange/cdx-format';
import { contentHash } from '../../src-main/exchange/content-hash';
import { exportToFolder } from '../../src-main/exchange/export.service';
import { openImport } from '../../src-main/exchange/import-open';
import { ImportRowReader } from '../../src-main/exchange/import-rows';
import { RECORD_TABLES, snapshotSchema } from '../../src-main/exchange/snapshot-schema';
import { bulkLoad, setUpOffice } from '../../bench/seed';
import { makeHouseholds } from '../../bench/data';
import { makeRandom } from '../../bench/stats';
import { openTestApp, type TestApp } from '../helpers/app';
import { makeFolder, PASSPHRASE, scratchFiles } from '../helpers/exchange';

const ROWS = Number(process.env.EXCHANGE_ROWS ?? 2000);

let app: TestApp;
let hq: TestApp;
let stick: string;

beforeAll(() => {
  app = openTestApp();
  hq = openTestApp();
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

it(`exports ${ROWS} complaints and opens the file again, with the same rows`, async () => {
  const exported = await exportToFolder(app.ctx, { folder: stick, passphrase: PASSPHRASE }, { kdf: DEFAULT_SCRYPT });
  const opening = performance.now();
  const opened = await openImport(hq.dataDir, exported.path, PASSPHRASE);
  const openMs = performance.now() - opening;
  const timing = { validate: 0 };
  try {
    expect(opened.manifest.counts.complaints).toBe(ROWS);
    expect(opened.manifest.counts.complaint_events).toBe(app.ctx.db.prepare('SELECT count(*) FROM complaint_events').pluck().get());
    expect(await contentHash(app.ctx.db, snapshotSchema().tables)).toBe(opened.manifest.contentHash.value);
    const validating = performance.now();
    const reader = new ImportRowReader(opened.db, opened.manifest);
    let rows = 0;
    for (const table of RECORD_TABLES) for (const _row of reader.rows(table)) rows++;
    timing.validate = performance.now() - validating;
    expect(reader.refused.slice(0, 3)).toEqual([]);
    expect(rows).toBe(Object.entries(opened.manifest.counts).reduce((n, [t, c]) => (t === 'attachment_files' ? n : n + c), 0));
  } finally {
    opened.close();
  }
  expect(scratchFiles(app.dataDir)).toEqual([]);
  expect(scratchFiles(hq.dataDir)).toEqual([]);
  const round = (ms: number) => Math.round(ms);
  console.log(
    `[exchange] ${ROWS} complaints: snapshot ${exported.manifest.snapshotBytes} B, file ${exported.fileBytes} B; ` +
      `export ${round(exported.timings.total)} ms (snapshot+hash ${round(exported.timings.snapshot)}, encrypt+fsync ${round(exported.timings.encrypt)}, ` +
      `read-back ${round(exported.timings.verify)}); open for import ${round(openMs)} ms; rows validated in ${round(timing.validate)} ms`,
  );
}, 600_000);
