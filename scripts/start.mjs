// `npm start`: build and launch the desktop app. Electron >= 42 downloads its binary on first
// launch; offline that fails, so say so in one line and point to web mode instead.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronPackageDir, findElectron } from './find-binaries.mjs';

if (!findElectron()) {
  console.log('Electron 程序尚未下载，正在下载… (Downloading the Electron binary…)');
  const download = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'pipe' });
  if (download.status !== 0 || !findElectron()) {
    console.error(
      '无法获取 Electron 程序（可能处于离线状态）。请改用网页模式：npm run web  —  Electron binary unavailable (offline?); use web mode instead: npm run web',
    );
    process.exit(1);
  }
}
const run = spawnSync('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
