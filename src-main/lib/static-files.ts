import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const MIME_BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export const mimeOfFile = (path: string) => MIME_BY_EXTENSION[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * Map a URL path to a file of the built renderer, refusing anything that would leave its folder
 * (`..`, encoded slashes). Unknown paths get index.html: the app routes by hash.
 */
export function resolveRendererFile(rendererDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return undefined;
  const candidate = join(rendererDir, relative);
  if (!candidate.startsWith(rendererDir + sep) && candidate !== rendererDir) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return join(rendererDir, 'index.html');
}

/** Content-Security-Policy of the renderer (Electron security checklist #7). Mantine sets inline styles. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
