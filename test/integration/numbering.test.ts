import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, phoneComplaint, setUpOffice, type TestApp } from '../helpers/app';
import { childScript, createdNumbers, startChild } from '../helpers/child-process';

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

/** `001`, `002`, … `999`, `1000`: the day's sequence as the number prints it. */
const seq = (n: number) => String(n).padStart(3, '0');
const compactDay = (receivedAt: string) => receivedAt.slice(0, 10).replaceAll('-', '');

describe('complaint numbers', () => {
  it('count up without gaps within a day and start again at 001 on each new day', () => {
    app = openTestApp();
    const ids = setUpOffice(app);
    // Entered out of order, as back-filled paper forms are, across a year end.
    const receivedAts = [
      '2026-11-02 09:00',
      '2026-11-03 08:00',
      '2026-11-02 10:00',
      '2025-12-31 23:59',
      '2026-01-01 00:00',
      '2026-11-03 17:30',
      '2026-11-02 08:00',
      '2026-11-04 12:00',
      '2026-11-02 23:59',
      '2026-11-03 00:01',
    ];
    const numbers = receivedAts.map((receivedAt) => app!.ok('complaints:create', phoneComplaint(ids, { receivedAt })).number);

    const countSoFar = new Map<string, number>();
    const expected = receivedAts.map((receivedAt) => {
      const dayKey = compactDay(receivedAt);
      const n = (countSoFar.get(dayKey) ?? 0) + 1;
      countSoFar.set(dayKey, n);
      return `YGHA-${dayKey}-${seq(n)}`;
    });
    expect(numbers).toEqual(expected);
    expect(numbers.slice(0, 3)).toEqual(['YGHA-20261102-001', 'YGHA-20261103-001', 'YGHA-20261102-002']);
  });

  it('goes past 999 in one day without repeating a number', () => {
    app = openTestApp();
    const ids = setUpOffice(app);
    const count = 1001;
    // One outer transaction only to spare 1001 fsyncs; each create still runs its own (nested) transaction.
    const numbers = app.ctx.db.transaction(() =>
      Array.from({ length: count }, (_, i) => app!.ok('complaints:create', phoneComplaint(ids, { complainantName: `业主${i}` })).number),
    )();
    expect(numbers[998]).toBe('YGHA-20261102-999');
    expect(numbers[999]).toBe('YGHA-20261102-1000');
    expect(numbers[1000]).toBe('YGHA-20261102-1001');
    expect(new Set(numbers).size).toBe(count);
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => `YGHA-20261102-${seq(i + 1)}`));
  });

  it('stay unique and gap-free when several processes record complaints at the same moment', async () => {
    app = openTestApp();
    const ids = setUpOffice(app);
    const receivedAt = '2026-11-05 09:30';
    const processes = 3;
    const perProcess = 40;

    const children = Array.from({ length: processes }, () =>
      startChild(childScript('create-complaints.ts'), [app!.dataDir, String(perProcess), receivedAt, '--wait-for-go']),
    );
    try {
      // All open the same database first, then start writing together.
      await Promise.all(children.map((c) => c.waitFor((lines) => lines.includes('ready'), 'open the database')));
      for (const c of children) c.process.stdin!.end('go\n');
      const exits = await Promise.all(children.map((c) => c.exited));
      for (const [i, exit] of exits.entries()) expect(exit, children[i]!.stderr()).toEqual({ code: 0, signal: null });
    } finally {
      for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    }

    const reported = children.flatMap((c) => createdNumbers(c.lines));
    const total = processes * perProcess;
    const expected = Array.from({ length: total }, (_, i) => `YGHA-${compactDay(receivedAt)}-${seq(i + 1)}`);
    expect([...reported].sort()).toEqual(expected);

    const stored = app.ctx.db.prepare('SELECT number FROM complaints ORDER BY number').pluck().all();
    expect(stored).toEqual(expected);
    for (const c of children) expect(createdNumbers(c.lines)).toHaveLength(perProcess);
    // And the next complaint of that day, from this process, continues the sequence.
    const next = app.ok('complaints:create', phoneComplaint(ids, { receivedAt }));
    expect(next.number).toBe(`YGHA-${compactDay(receivedAt)}-${seq(total + 1)}`);
  }, 60_000);
});

