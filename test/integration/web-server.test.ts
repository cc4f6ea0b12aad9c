import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { WebServer } from '../../src-main/http/server';
import { CHANNEL_NAMES } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, startTestWebServer, type TestApp } from '../helpers/app';

let app: TestApp;
let server: WebServer;

beforeEach(async () => {
  app = openTestApp();
  writeFileSync(join(app.dataDir, 'secret.txt'), 'not for the browser');
  server = await startTestWebServer(app);
});
afterEach(async () => {
  await server.close();
  app.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path.replace(/^\//, '')}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

/** A raw request, for headers fetch() will not let us forge (Host). */
function rawGet(path: string, host: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('web mode server', () => {
  it('binds to loopback and lists the contract channels at GET /api', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(`${server.url}api`);
    expect(await response.json()).toEqual([...CHANNEL_NAMES]);
  });

  it('serves every channel over POST /api/<channel> with the same Result values as the bridge', async () => {
    const ids = setUpOffice(app);
    const response = await post('/api/complaints:create', JSON.stringify(phoneComplaint(ids)));
    const result = (await response.json()) as { ok: boolean; value: { number: string } };
    expect(result).toMatchObject({ ok: true, value: { number: 'YGHA-20261102-001' } });
    const invalid = await post('/api/complaints:create', JSON.stringify({ ...phoneComplaint(ids), phone: '123' }));
    const refusal = (await invalid.json()) as { ok: boolean; error: { code: string; field: string; message: string } };
    expect(refusal).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'phone' } });
    expect(refusal.error.message).toMatch(/联系电话格式不正确/);
  });

  it('answers malformed JSON, unknown channels and wrong methods with clear errors and keeps serving', async () => {
    const malformed = await post('/api/settings:get', '{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' } });
    const unknown = await post('/api/complaints:drop', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const wrongMethod = await fetch(`${server.url}api/settings:get`);
    expect(wrongMethod.status).toBe(405);
    const stillUp = await post('/api/settings:get', '');
    expect(await stillUp.json()).toMatchObject({ ok: true, value: { timeZone: 'Asia/Shanghai' } });
  });

  it('refuses cross-site calls and foreign Host headers (DNS rebinding)', async () => {
    const crossSite = await post('/api/app:setup', JSON.stringify({ officeName: 'x', officeCode: 'EVIL', operatorName: 'y' }), { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(app.ok('app:info', {}).needsSetup).toBe(true);
    expect(await rawGet('/', 'evil.example:80')).toBe(403);
    expect(await rawGet('/', `127.0.0.1:${new URL(server.url).port}`)).toBe(200);
  });

  it('serves the renderer with a Content-Security-Policy and never a file outside it', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('物业投诉台');
    const traversal = await fetch(`${server.url}..%2Fsecret.txt`);
    expect(await traversal.text()).not.toContain('not for the browser');
    expect((await fetch(`${server.url}favicon.ico`)).status).toBe(204);
  });
});
