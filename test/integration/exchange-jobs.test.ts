/**
 * Exports and imports as jobs (issue 5): started by one call, followed by polling, cancellable,
 * one at a time. Real exports on a real database where timing does not matter; stand-ins for the
 * services where a test must hold a job open or stop it at an exact step.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeJob, ImportFileResult } from '../../src-preload/contract';
import { createExchangeJobs, type ExchangeJobs, type ExchangeJobsOptions } from '../../src-main/exchange/exchange-jobs';
import { exchangeErrors } from '../../src-main/exchange/exchange-error';
import { exportToFolder, type ExportPhase } from '../../src-main/exchange/export.service';
import type { ImportOptions } from '../../src-main/exchange/import.service';
import { AppError } from '../../src-main/lib/app-error';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';
import { listFolder, makeFolder, PASSPHRASE, scratchFiles, TEST_KDF } from '../helpers/exchange';

let app: TestApp;
let ids: OfficeIds;
let folder: string;

beforeAll(() => {
  app = openTestApp();
  ids = setUpOffice(app);
  app.ok('complaints:create', phoneComplaint(ids));
  app.ok('complaints:create', phoneComplaint(ids, { complainantName: '欧阳堃', receivedAt: '2026-11-03 10:00' }));
  folder = makeFolder();
});
afterAll(() => {
  app.close();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  for (const name of listFolder(folder)) rmSync(join(folder, name), { force: true });
});

/** Poll as the screen does until the job has finished. */
async function finished(jobs: ExchangeJobs, jobId: string): Promise<ExchangeJob> {
  for (let i = 0; i < 2000; i++) {
    const job = jobs.get(jobId);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('job did not finish');
}

/** A promise the test resolves or rejects when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const jobsWith = (options: ExchangeJobsOptions = {}) => createExchangeJobs(app.ctx, { exportOptions: { kdf: TEST_KDF }, ...options });
const exportInput = () => ({ actorId: ids.receiverId, folder, passphrase: PASSPHRASE });

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('an export job', () => {
  it('runs to fraction 1 and reports the verified file with its counts', async () => {
    const steps: string[] = [];
    let jobId = '';
    const jobs: ExchangeJobs = jobsWith({
      exportToFolder: (ctx, request, options) =>
        exportToFolder(ctx, request, { ...options, onProgress: (p) => (options?.onProgress?.(p), jobId && steps.push(jobs.get(jobId).step)) }),
    });
    jobId = jobs.startExport(exportInput()).jobId;
    expect(jobs.get(jobId)).toMatchObject({ kind: 'export', state: 'running' });
    const job = await finished(jobs, jobId);
    expect(job).toMatchObject({ state: 'done', step: '已完成', fraction: 1 });
    expect(job.export).toMatchObject({
      fileName: expect.stringMatching(/^YGHA-\d{8}-\d{8}\.cdx$/) as unknown,
      officeCode: 'YGHA',
      range: { whole: true },
      verified: true,
      missingAttachmentFiles: 0,
    });
    expect(job.export!.counts.complaints).toBe(2);
    expect(listFolder(folder)).toEqual([job.export!.fileName]);
    // The bar's label said what was happening, in Chinese, ending with the read-back.
    expect(steps).toContain('正在加密写入');
    expect(steps.at(-1)).toBe('正在读回校验');
  });

  it('a date range reaches the service as its range', async () => {
    const jobs = jobsWith();
    const { jobId } = jobs.startExport({ ...exportInput(), range: { from: '2026-11-03', to: '2026-11-03' } });
    const job = await finished(jobs, jobId);
    expect(job.export).toMatchObject({ range: { from: '2026-11-03', to: '2026-11-03', whole: false }, fileName: 'YGHA-20261103-20261103.cdx' });
    expect(job.export!.counts.complaints).toBe(1);
  });

  it.each<ExportPhase>(['snapshot', 'encrypt', 'verify'])('cancelled during %s: leaves no file on the stick and no scratch file, and says so', async (phase) => {
    let jobId = '';
    const jobs: ExchangeJobs = jobsWith({
      exportOptions: { kdf: TEST_KDF, chunkBytes: 4096 }, // several chunks: progress inside encrypt and verify
      exportToFolder: (ctx, request, options) =>
        exportToFolder(ctx, request, {
          ...options,
          onProgress: (p) => {
            options?.onProgress?.(p);
            if (p.phase === phase && jobId) jobs.cancel(jobId);
          },
        }),
    });
    jobId = jobs.startExport(exportInput()).jobId;
    const job = await finished(jobs, jobId);
    expect(job).toMatchObject({ state: 'cancelled', step: '已取消', error: '已取消，未留下任何文件。' });
    expect(listFolder(folder)).toEqual([]);
    expect(scratchFiles(app.dataDir)).toEqual([]);
  });

  it('cancel says 正在取消… until the export has cleaned up, then 已取消', async () => {
    const held = deferred<never>();
    const jobs = jobsWith({ exportToFolder: (_ctx, _request, options) => (options?.signal?.addEventListener('abort', () => held.reject(exchangeErrors.cancelled())), held.promise) });
    const { jobId } = jobs.startExport(exportInput());
    expect(jobs.cancel(jobId)).toMatchObject({ state: 'running', step: '正在取消…' });
    expect((await finished(jobs, jobId)).state).toBe('cancelled');
    // Cancelling a finished job changes nothing.
    expect(jobs.cancel(jobId).state).toBe('cancelled');
  });

  it('a refusal from the service fails the job with its Chinese message and field; anything else with a generic message', async () => {
    let jobs = jobsWith({ exportToFolder: () => Promise.reject(exchangeErrors.verifyFailed()) });
    let job = await finished(jobs, jobs.startExport(exportInput()).jobId);
    expect(job).toMatchObject({ state: 'failed', step: '未完成', errorField: 'folder', error: expect.stringContaining('读回校验失败') as unknown });

    jobs = jobsWith({ exportToFolder: () => Promise.reject(new Error('EBADF: something internal')) });
    job = await finished(jobs, jobs.startExport(exportInput()).jobId);
    expect(job).toMatchObject({ state: 'failed', error: '操作失败，未作任何更改。详情已记录在日志中。' });
    expect(job.errorField).toBeUndefined();
  });

  it('is refused at once for an operator not in the staff directory or a folder that is not there', () => {
    const jobs = jobsWith();
    expect(thrown(() => jobs.startExport({ ...exportInput(), actorId: '01JAAAAAAAAAAAAAAAAAAAAAAA' }))).toMatchObject({ field: 'actorId' });
    expect(thrown(() => jobs.startExport({ ...exportInput(), folder: join(folder, 'pulled-out') }))).toMatchObject({
      field: 'folder',
      message: expect.stringContaining('找不到所选文件夹') as unknown,
    });
  });
});

describe('one exchange job at a time', () => {
  it('a second export or an import is refused while one runs, with a message saying what runs; allowed again once it ends', async () => {
    const held = deferred<never>();
    const jobs = jobsWith({
      exportToFolder: (_ctx, _request, options) => {
        options?.onProgress?.({ phase: 'hash', fraction: 0.5 });
        return held.promise;
      },
    });
    const { jobId } = jobs.startExport(exportInput());
    const second = thrown(() => jobs.startExport(exportInput()));
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toBe('已有一个导出任务正在进行（正在计算校验值，50%），请等它完成或取消后再开始新的导出或导入。');
    expect(thrown(() => jobs.startImport({ actorId: ids.receiverId, paths: ['/tmp/a.cdx'], passphrase: PASSPHRASE })).code).toBe('CONFLICT');

    held.reject(exchangeErrors.cancelled());
    await finished(jobs, jobId);
    expect(() => jobs.startExport({ ...exportInput(), folder: join(folder, 'nowhere') })).toThrow(/找不到所选文件夹/); // past the busy check
  });
});

describe('an import job', () => {
  const merged = (path: string): ImportFileResult => ({
    path,
    fileName: path.split('/').pop()!,
    ok: true,
    summary: {
      importId: '01JBBBBBBBBBBBBBBBBBBBBBBB',
      fileName: path.split('/').pop()!,
      officeCode: 'LHJY',
      officeName: '绿湖家园服务中心',
      exportedAt: '2026-12-01 09:00',
      range: { from: '2026-11-01', to: '2026-11-30', whole: false },
      totals: { new: 3, updated: 0, unchanged: 0, refused: 0 },
      tables: [{ table: 'complaints', new: 3, updated: 0, unchanged: 0, refused: 0 }],
      refused: [],
      seenBefore: false,
    },
  });
  const refused = (path: string): ImportFileResult => ({
    path,
    fileName: path.split('/').pop()!,
    ok: false,
    message: '口令错误或文件已损坏，未导入任何数据。',
    messageText: { key: 'cdx.wrongPassphraseOrCorrupt', params: {} },
  });

  it('shows each file as it finishes, the service’s step with the file’s place, and all results at the end', async () => {
    const gate = deferred<void>();
    const paths = ['/stick/LHJY-1.cdx', '/stick/XX-2.cdx'];
    const jobs = jobsWith({
      importFiles: async (_ctx, request, options: ImportOptions = {}) => {
        options.onProgress?.({ file: 0, step: 'LHJY-1.cdx：正在合并', fraction: 0.4 });
        options.onFileDone?.(merged(request.paths[0]!));
        options.onProgress?.({ file: 1, step: 'XX-2.cdx：正在解密并校验', fraction: 0.6 });
        await gate.promise;
        options.onFileDone?.(refused(request.paths[1]!));
        return [merged(request.paths[0]!), refused(request.paths[1]!)];
      },
    });
    const { jobId } = jobs.startImport({ actorId: ids.receiverId, paths, passphrase: PASSPHRASE });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(jobs.get(jobId)).toMatchObject({ state: 'running', step: '第 2/2 个文件 · XX-2.cdx：正在解密并校验', fraction: 0.6, files: [{ ok: true }] });
    gate.resolve();
    const job = await finished(jobs, jobId);
    expect(job).toMatchObject({ state: 'done', fraction: 1, files: [{ ok: true, summary: { officeCode: 'LHJY' } }, { ok: false, message: expect.stringContaining('口令错误') as unknown }] });
  });

  it('cancelled after one file: says that file stays imported and the rest are not', async () => {
    const jobs = jobsWith({
      importFiles: (_ctx, request, options: ImportOptions = {}) =>
        new Promise((_resolve, reject) => {
          options.onFileDone?.(merged(request.paths[0]!));
          options.signal?.addEventListener('abort', () => reject(exchangeErrors.cancelled()));
        }),
    });
    const { jobId } = jobs.startImport({ actorId: ids.receiverId, paths: ['/stick/a.cdx', '/stick/b.cdx'], passphrase: PASSPHRASE });
    jobs.cancel(jobId);
    const job = await finished(jobs, jobId);
    expect(job).toMatchObject({ state: 'cancelled', error: '已取消：之前已完成的 1 个文件已导入，其余文件未导入。' });
    expect(job.files).toHaveLength(1);
  });

  it('refuses an operator not in the staff directory before starting', () => {
    const jobs = jobsWith({ importFiles: () => Promise.resolve([]) });
    expect(thrown(() => jobs.startImport({ actorId: '01JAAAAAAAAAAAAAAAAAAAAAAA', paths: ['/a.cdx'], passphrase: PASSPHRASE }))).toMatchObject({ field: 'actorId' });
  });
});

describe('finished jobs', () => {
  it('can be read for half an hour, then are forgotten (NOT_FOUND, in Chinese)', async () => {
    let clock = 0;
    const jobs = jobsWith({ now: () => clock, exportToFolder: () => Promise.reject(exchangeErrors.cancelled()) });
    const { jobId } = jobs.startExport(exportInput());
    await finished(jobs, jobId);
    clock += 29 * 60_000;
    expect(jobs.get(jobId).state).toBe('cancelled');
    clock += 2 * 60_000;
    expect(thrown(() => jobs.get(jobId))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('找不到该导出/导入任务') as unknown });
  });
});

describe('through the bridge', () => {
  it('exchange:export answers a job id at once; exchange:job follows it to the verified file; exchange:files lists it', async () => {
    const { jobId } = await app.invokeOk('exchange:export', { ...exportInput(), from: '2026-11-02', to: '2026-11-02' });
    let job = await app.invokeOk('exchange:job', { jobId });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await app.invokeOk('exchange:job', { jobId });
    }
    expect(job).toMatchObject({ state: 'done', fraction: 1, export: { fileName: 'YGHA-20261102-20261102.cdx', range: { whole: false } } });
    const files = await app.invokeOk('exchange:files', { folder });
    expect(files).toEqual([{ path: join(folder, 'YGHA-20261102-20261102.cdx'), name: 'YGHA-20261102-20261102.cdx', bytes: job.export!.fileBytes, modifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) as unknown }]);
  });

  it('the contract refuses half a range, a short passphrase and an empty file list, naming the field in Chinese', async () => {
    expect(await app.invoke('exchange:export', { ...exportInput(), from: '2026-11-01' })).toMatchObject({ ok: false, error: { field: 'to', message: expect.stringContaining('同时填写') as unknown } });
    expect(await app.invoke('exchange:export', { ...exportInput(), passphrase: 'short' })).toMatchObject({ ok: false, error: { field: 'passphrase', message: '口令至少 8 个字符' } });
    expect(await app.invoke('exchange:import', { actorId: ids.receiverId, paths: [], passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { field: 'paths', message: '请选择要导入的文件' } });
  });

  it('web mode has no system dialogs: the pickers say to choose from the list or type the path', async () => {
    for (const [channel, input] of [
      ['exchange:pickFolder', { purpose: 'export' }],
      ['exchange:pickFiles', {}],
    ] as const) {
      const result = await app.invoke(channel, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'folder', message: expect.stringContaining('请在列表中选择文件夹，或直接输入文件夹路径') as unknown } });
    }
  });

  it('exchange:drives lists at least the home folder, removable drives first; exchange:history starts empty', async () => {
    const drives = await app.invokeOk('exchange:drives', {});
    expect(drives.some((d) => d.kind === 'home')).toBe(true);
    const firstFixed = drives.findIndex((d) => !d.removable);
    expect(drives.slice(firstFixed).every((d) => !d.removable)).toBe(true);
    expect(await app.invokeOk('exchange:history', {})).toEqual([]);
  });
});

describe('export at an office, import at head office, both as jobs with the real services', () => {
  it('head office gets the complaints (N new), the history row, and a second import changes nothing', async () => {
    const office = jobsWith();
    const exported = await finished(office, office.startExport(exportInput()).jobId);
    expect(exported.state).toBe('done');

    const hq = openTestApp();
    try {
      const hqIds = setUpOffice(hq, 'HQZB');
      const hqJobs = createExchangeJobs(hq.ctx);
      const importIt = async () => finished(hqJobs, hqJobs.startImport({ actorId: hqIds.receiverId, paths: [exported.export!.path], passphrase: PASSPHRASE }).jobId);

      const first = await importIt();
      expect(first).toMatchObject({ state: 'done', fraction: 1 });
      const result = first.files![0]!;
      if (!result.ok) throw new Error(result.message);
      expect(result.summary).toMatchObject({ officeCode: 'YGHA', seenBefore: false });
      expect(result.summary.tables.find((t) => t.table === 'complaints')).toMatchObject({ new: 2 });
      const names = hq.ok('complaints:list', { page: 1, pageSize: 50 }).items.map((r) => r.complainantName);
      expect(names).toEqual(expect.arrayContaining(['张伟', '欧阳堃']));
      expect(hq.ok('exchange:history', {})).toMatchObject([{ officeCode: 'YGHA', fileName: exported.export!.fileName }]);

      const second = await importIt();
      const again = second.files![0]!;
      expect(again.ok && again.summary.seenBefore).toBe(true);
    } finally {
      hq.close();
    }
  });
});
