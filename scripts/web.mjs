// `npm run web -- --port 5180 --data-dir DIR`: build if the sources changed, then serve the
// renderer and the main-process handlers over loopback HTTP (no Electron needed).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'out', '.build-stamp');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = ['src-main', 'src-preload', 'src-renderer', 'package.json', 'electron.vite.config.ts'].map((p) => join(root, p));
const stale = !existsSync(stamp) || !existsSync(join(root, 'out', 'main', 'web.js')) || Math.max(...sources.map(newestMtime)) > statSync(stamp).mtimeMs;
if (stale) {
  console.log('Building… (electron-vite build)');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}
const server = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
