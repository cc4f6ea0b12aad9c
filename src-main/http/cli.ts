import { join } from 'node:path';
import { createAppContext, resolveDataDir } from '../app-context';
import { DatabaseRefusedError } from '../db/migrations';
import { defaultDataDir } from '../lib/data-dir';
import { APP_VERSION } from '../lib/version';
import { startWebServer } from './server';
import { sweepScratchFiles } from '../startup-sweep';
import { warmUpPdf } from '../pdf/render';

/** `node out/main/web.js --port 5180 --data-dir DIR`: web mode (see scripts/web.mjs). */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : Number(process.env.PORT ?? 5180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`无效的端口：${argv[portIndex + 1]}`);
    process.exit(2);
  }
  const dataDir = resolveDataDir(argv, defaultDataDir);
  let ctx;
  try {
    ctx = createAppContext(dataDir, { version: APP_VERSION, mode: 'web' });
    sweepScratchFiles(dataDir);
  } catch (error) {
    if (error instanceof DatabaseRefusedError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
  const server = await startWebServer({ ctx, rendererDir: join(__dirname, '..', 'renderer'), port });
  const shutdown = () => {
    void server.close().finally(() => {
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  console.log(`Complaint Desk web mode ready: ${server.url} (data: ${dataDir})`);
  // The font is loaded and parsed in the background, so the first print is as quick as the rest.
  setTimeout(() => void warmUpPdf(), 2000);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
