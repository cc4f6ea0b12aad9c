import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../../src-main/app-context';
import { startWebServer, type WebServer } from '../../src-main/http/server';
import type { ChannelName, ChannelOutput, ComplaintCreateInput, Result } from '../../src-preload/contract';

export interface TestApp {
  ctx: AppContext;
  dataDir: string;
  /** Call a channel through the real dispatcher, as both transports do. */
  call: <K extends ChannelName>(channel: K, input?: unknown) => Result<ChannelOutput<K>>;
  /** Like `call`, but fails the test unless the call succeeded. */
  ok: <K extends ChannelName>(channel: K, input?: unknown) => ChannelOutput<K>;
  /** Any call, awaited, as the transports make it (PDF rendering answers later). */
  invoke: <K extends ChannelName>(channel: K, input?: unknown) => Promise<Result<ChannelOutput<K>>>;
  /** Like `invoke`, but fails the test unless the call succeeded. */
  invokeOk: <K extends ChannelName>(channel: K, input?: unknown) => Promise<ChannelOutput<K>>;
  close: () => void;
}

/** A fresh data directory with a real `complaints.db` on disk. */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'complaint-desk-test-'));
}

export function openTestApp(dataDir = makeDataDir()): TestApp {
  // The scheduler ticks only when a test says so (ctx.scheduler.tick(), or clock:set): never on the machine's date.
  const ctx = createAppContext(dataDir, { version: 'test', mode: 'web' }, { schedulerIntervalMs: null });
  const call = <K extends ChannelName>(channel: K, input?: unknown) => ctx.dispatch(channel, input) as Result<ChannelOutput<K>>;
  const ok = <K extends ChannelName>(channel: K, input?: unknown) => {
    const result = call(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const invoke = async <K extends ChannelName>(channel: K, input?: unknown) => (await ctx.invoke(channel, input)) as Result<ChannelOutput<K>>;
  const invokeOk = async <K extends ChannelName>(channel: K, input?: unknown) => {
    const result = await invoke(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return {
    ctx,
    dataDir,
    call,
    ok,
    invoke,
    invokeOk,
    close: () => {
      ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Set up the office (code YGHA) and return the ids a complaint needs. */
export function setUpOffice(app: TestApp, officeCode = 'YGHA') {
  app.ok('app:setup', { officeName: '阳光花园服务中心', officeCode, operatorName: '周晓雯' });
  const receiver = app.ok('staff:list', {})[0]!;
  const departments = app.ok('departments:list', {});
  const categories = app.ok('categories:list', {});
  const byName = (list: { id: string; name: string }[], name: string) => list.find((e) => e.name === name)!.id;
  return {
    receiverId: receiver.id,
    engineering: byName(departments, '工程部'),
    cleaning: byName(departments, '环境部'),
    security: byName(departments, '秩序维护部'),
    quality: byName(categories, '工程质量'),
    hygiene: byName(categories, '环境卫生'),
    fees: byName(categories, '收费'),
  };
}

export type OfficeIds = ReturnType<typeof setUpOffice>;

/** A realistic phone complaint; override any field. */
export function phoneComplaint(ids: OfficeIds, overrides: Partial<ComplaintCreateInput> = {}): ComplaintCreateInput {
  return {
    receivedAt: '2026-11-02 09:12',
    channel: 'phone',
    receiverId: ids.receiverId,
    complainantName: '张伟',
    building: '3栋',
    unit: '2单元',
    room: '1602',
    phone: '13812345678',
    eventTime: '2026-11-01 夜间',
    eventPlace: '卫生间天花板',
    complainedDepartmentId: ids.engineering,
    categoryId: ids.quality,
    description: '楼上漏水，卫生间天花板持续滴水，已影响照明',
    ownerWords: '你们再不来修我就去住建局投诉！',
    request: '今天之内上门查看并维修',
    requestedReplyAt: '2026-11-02 18:00',
    severity: 'ordinary',
    urgency: 'urgent',
    ...overrides,
  };
}

/** Web mode's HTTP server over the test app, on a free port, with a stub renderer (`<data dir>/renderer/index.html`). */
export async function startTestWebServer(app: TestApp): Promise<WebServer> {
  const rendererDir = join(app.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>物业投诉台</title>');
  return startWebServer({ ctx: app.ctx, rendererDir, port: 0 });
}
