/**
 * A second app instance on the same data directory: opens it as main does and records complaints
 * through the real dispatcher, printing `created <number>` after each commit.
 *
 *   create-complaints.ts <dataDir> <count, 0 = until killed> <receivedAt> [--wait-for-go]
 *
 * Prints `ready` once the database is open; with --wait-for-go it then waits for a `go` line on stdin,
 * so several instances start writing at the same moment.
 */
import { createInterface } from 'node:readline';
import { createAppContext } from '../../../src-main/app-context';

const [dataDir, countArg, receivedAt, flag] = process.argv.slice(2);
if (!dataDir || countArg === undefined || !receivedAt) {
  process.stderr.write('usage: create-complaints.ts <dataDir> <count> <receivedAt> [--wait-for-go]\n');
  process.exit(2);
}
const count = Number(countArg);

const app = createAppContext(dataDir, { version: 'test', mode: 'web' }, { schedulerIntervalMs: null });
const call = (channel: string, input: unknown) => {
  const result = app.dispatch(channel, input);
  if (!result.ok) {
    process.stderr.write(`${channel} failed: ${JSON.stringify(result.error)}\n`);
    process.exit(1);
  }
  return result.value;
};
const receiverId = (call('staff:list', {}) as { id: string }[])[0]!.id;
const categoryId = (call('categories:list', {}) as { id: string }[])[0]!.id;

async function main() {
  process.stdout.write('ready\n');
  if (flag === '--wait-for-go') {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) if (line.trim() === 'go') break;
    rl.close();
  }
  for (let i = 1; count === 0 || i <= count; i++) {
    const created = call('complaints:create', {
      receivedAt,
      channel: 'phone',
      receiverId,
      complainantName: `业主${process.pid}-${i}`,
      categoryId,
      description: `第 ${i} 条测试投诉（进程 ${process.pid}）`,
    }) as { number: string };
    process.stdout.write(`created ${created.number}\n`);
    // Let stdout flush between commits, so the parent sees each number as soon as it is committed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  app.close();
  process.stdout.write('done\n');
}

void main();
