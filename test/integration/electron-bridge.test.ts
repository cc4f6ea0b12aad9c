import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeApi } from '../../src-preload/contract/bridge-api';
import { openTestApp, phoneComplaint, type TestApp } from '../helpers/app';

/**
 * The Electron path without the Electron binary: the real preload and the real IPC registration,
 * wired through an in-memory ipcRenderer/ipcMain pair. Arguments and replies are structured-cloned
 * as Electron does, and each call carries the sender frame main checks.
 */
const electron = vi.hoisted(() => {
  type Handler = (event: unknown, input: unknown) => unknown;
  const handlers = new Map<string, Handler>();
  const state = { exposed: {} as Record<string, unknown>, frame: { url: 'app://desk/index.html', parent: null as unknown } };
  return {
    state,
    handlers,
    module: {
      ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => {
          const handler = handlers.get(channel);
          if (!handler) throw new Error(`No handler registered for '${channel}'`);
          return structuredClone(await handler({ senderFrame: state.frame }, structuredClone(input)));
        },
      },
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (state.exposed[key] = api) },
    },
  };
});
vi.mock('electron', () => electron.module);

let app: TestApp;
let api: BridgeApi;

beforeEach(async () => {
  electron.handlers.clear();
  electron.state.frame = { url: 'app://desk/index.html', parent: null };
  app = openTestApp();
  const { registerIpc } = await import('../../src-main/ipc/register');
  registerIpc(electron.module.ipcMain as never, app.ctx.dispatch, 'app://desk');
  vi.resetModules();
  await import('../../src-preload/index');
  api = electron.state.exposed.api as BridgeApi;
});
afterEach(() => app.close());

describe('the Electron bridge', () => {
  it('exposes one function per contract channel and nothing else', async () => {
    const { CHANNEL_NAMES } = await import('../../src-preload/contract');
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.values(api).every((fn) => typeof fn === 'function')).toBe(true);
  });

  it('drives the real services: setup, intake and the register', async () => {
    expect(await api['app:info']({})).toMatchObject({ ok: true, value: { mode: 'web', needsSetup: true } });
    await api['app:setup']({ officeName: '阳光花园服务中心', officeCode: 'YGHA', operatorName: '周晓雯' });
    const staff = await api['staff:list']({});
    const departments = await api['departments:list']({});
    const categories = await api['categories:list']({});
    if (!staff.ok || !departments.ok || !categories.ok) throw new Error('lookups failed');
    const ids = {
      receiverId: staff.value[0]!.id,
      engineering: departments.value.find((d) => d.name === '工程部')!.id,
      quality: categories.value.find((c) => c.name === '工程质量')!.id,
    };
    const created = await api['complaints:create'](phoneComplaint(ids as never));
    expect(created).toMatchObject({ ok: true, value: { number: 'YGHA-20261102-001', complainantName: '张伟', complainedDepartmentName: '工程部' } });
    const page = await api['complaints:list']({ text: '张伟' });
    expect(page.ok && page.value.items.map((r) => r.number)).toEqual(['YGHA-20261102-001']);
  });

  it('answers invalid input with a Chinese message naming the field, and writes nothing', async () => {
    await api['app:setup']({ officeName: '阳光花园服务中心', officeCode: 'YGHA', operatorName: '周晓雯' });
    const reply = await api['complaints:create']({ complainantName: '' } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedAt' } });
    expect(!reply.ok && reply.error.message).toMatch(/受理时间/);
    expect(app.ok('complaints:list', {}).total).toBe(0);
  });

  it('refuses calls from a foreign page or a subframe, and they change nothing', async () => {
    electron.state.frame = { url: 'https://evil.example/index.html', parent: null };
    expect(await api['app:setup']({ officeName: '坏人', officeCode: 'EVIL', operatorName: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A look-alike origin: string prefixes are not how origins are compared.
    electron.state.frame = { url: 'app://desk.evil/index.html', parent: null };
    expect(await api['settings:get']({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    electron.state.frame = { url: 'app://desk/index.html', parent: { url: 'app://desk/index.html' } };
    expect(await api['settings:get']({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.ok('app:info', {}).needsSetup).toBe(true);
  });
});
