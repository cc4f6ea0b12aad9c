import { readFileSync } from 'node:fs';
import { mimeOfSha } from '../db/attachments.repo';
import { readAttachmentBytes } from '../services/attachment-store';
import { findPrintFile } from '../services/print-store';
import type { ServiceContext } from '../services/context';

export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const notFound = (what: string): FileReply => ({ status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `找不到该${what}` });

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback, then the Chinese name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The files the renderer reads by URL, the same for Electron's app:// protocol and web mode's
 * HTTP server: attachments by SHA-256, rendered PDFs and Excel exports by print id (`?download=1` asks the browser
 * to save instead of showing). Paths are matched whole; nothing else on disk is reachable.
 */
export function serveFile(ctx: ServiceContext, pathname: string, search: string): FileReply | undefined {
  const attachment = /^\/files\/attachments\/([0-9a-f]{64})$/.exec(pathname);
  if (attachment) {
    const sha256 = attachment[1]!;
    const mime = mimeOfSha(ctx.db, sha256);
    const bytes = mime && readAttachmentBytes(ctx.dataDir, sha256);
    if (!mime || !bytes) return notFound('附件');
    return { status: 200, headers: { 'Content-Type': mime, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=31536000, immutable' }, body: bytes };
  }
  const print = /^\/files\/prints\/([0-9A-Z]{26})$/.exec(pathname);
  if (print) {
    const file = findPrintFile(ctx.dataDir, print[1]!);
    if (!file) return notFound('打印文件（已过期，请重新生成）');
    const download = new URLSearchParams(search).get('download') === '1';
    return {
      status: 200,
      headers: {
        'Content-Type': file.mime,
        'Content-Disposition': contentDisposition(download ? 'attachment' : 'inline', file.fileName),
        'X-Content-Type-Options': 'nosniff',
        // Residents' personal data: never kept in a browser cache.
        'Cache-Control': 'no-store',
      },
      body: readFileSync(file.path),
    };
  }
  return undefined;
}
