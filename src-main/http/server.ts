import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CHANNEL_NAMES, errorPayload, errorText, type AppErrorCode, type ErrorArgs, type ErrorKey, type Result } from '../../src-preload/contract';
import type { AppContext } from '../app-context';
import { isChannelName } from '../ipc/dispatch';
import { serveFile } from '../ipc/file-routes';
import { CONTENT_SECURITY_POLICY, mimeOfFile, resolveRendererFile } from '../lib/static-files';
import { log } from '../lib/log';

/** Attachments travel base64 inside JSON: 50 MB files become ~67 MB bodies. */
const MAX_BODY_BYTES = 70 * 1024 * 1024;

export interface WebServerOptions {
  ctx: AppContext;
  rendererDir: string;
  port: number;
}

export interface WebServer {
  url: string;
  close: () => Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

const failure = <K extends ErrorKey>(code: AppErrorCode, key: K, ...params: ErrorArgs<K>): Result<never> => ({ ok: false, error: errorPayload(code, errorText(key, ...params)) });

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve('too-large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Web mode: the renderer and the same handler table as the Electron bridge, over loopback HTTP.
 * `POST /api/<channel>` takes the call's one argument as JSON and answers its Result;
 * `GET /api` lists the channels. Bound to 127.0.0.1 only; requests naming another host or coming
 * from another origin are refused (DNS rebinding, cross-site requests from a browser tab).
 */
export function startWebServer({ ctx, rendererDir, port }: WebServerOptions): Promise<WebServer> {
  let ownOrigin = '';
  let ownHosts: string[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error('web request failed', error);
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'http.internal'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!ownHosts.includes(req.headers.host ?? '')) {
      sendJson(res, 403, failure('FORBIDDEN', 'http.loopbackOnly'));
      return;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api' && req.method === 'GET') {
      sendJson(res, 200, CHANNEL_NAMES);
      return;
    }
    if (path.startsWith('/api/')) {
      await handleApi(req, res, decodeURIComponent(path.slice('/api/'.length)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, failure('BAD_REQUEST', 'http.methodNotAllowed'));
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const served = serveFile(ctx, path, (req.url ?? '').slice(path.length));
    if (served) {
      res.writeHead(served.status, served.headers);
      res.end(req.method === 'HEAD' ? undefined : served.body);
      return;
    }
    const file = resolveRendererFile(rendererDir, path);
    if (!file) {
      sendJson(res, 404, failure('NOT_FOUND', 'http.pageNotFound'));
      return;
    }
    res.writeHead(200, {
      'Content-Type': mimeOfFile(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('BAD_REQUEST', 'http.postOnly'));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) {
      sendJson(res, 403, failure('FORBIDDEN', 'bridge.foreignFrame'));
      return;
    }
    if (!isChannelName(channel)) {
      sendJson(res, 404, failure('UNKNOWN_CHANNEL', 'bridge.unknownChannel', { channel }));
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      sendJson(res, 413, failure('TOO_LARGE', 'http.tooLarge'));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'http.badJson'));
      return;
    }
    sendJson(res, 200, await ctx.invoke(channel, input));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actualPort = (server.address() as AddressInfo).port;
      ownOrigin = `http://127.0.0.1:${actualPort}`;
      ownHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
      resolve({
        url: `${ownOrigin}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
