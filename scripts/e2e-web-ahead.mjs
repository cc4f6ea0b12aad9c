// The web e2e suite again, with the machine's date moved a year ahead (Debian's faketime): proves
// that no test depends on the day it runs (issue 13 point 1). Main, the web servers and Chromium
// all inherit the shifted clock; a relative offset keeps time flowing, so timeouts still work.
import { spawnSync } from 'node:child_process';

const OFFSET = '+365d';
const hasFaketime = process.platform === 'linux' && spawnSync('which', ['faketime']).status === 0;
if (!hasFaketime) {
  // CI installs it (.ci/run); elsewhere say plainly that this run did not happen.
  if (process.env.CI) {
    console.error('faketime is missing: the year-ahead e2e run cannot be made (apt-get install -y faketime)');
    process.exit(1);
  }
  console.log('skipped: year-ahead e2e run needs faketime (apt-get install -y faketime)');
  process.exit(0);
}
const shifted = spawnSync('faketime', ['-f', OFFSET, 'date', '+%F'], { encoding: 'utf8' }).stdout.trim();
console.log(`web e2e a year ahead: the machine's date reads ${shifted} (faketime ${OFFSET})`);
const run = spawnSync('faketime', ['-f', OFFSET, process.execPath, 'scripts/e2e-web.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
