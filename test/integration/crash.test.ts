import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, phoneComplaint, setUpOffice, type TestApp } from '../helpers/app';
import { childScript, createdNumbers, startChild, type RunningChild } from '../helpers/child-process';

let app: TestApp | undefined;
let child: RunningChild | undefined;
afterEach(() => {
  if (child && child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  app?.close();
  app = child = undefined;
});

describe('kill -9 while recording complaints', () => {
  it('keeps every committed complaint, with its timeline, in an intact database', async () => {
    const setup = openTestApp();
    app = setup;
    const ids = setUpOffice(setup);
    setup.ctx.close(); // the killed process is the only one writing
    const receivedAt = '2026-11-06 10:00';

    child = startChild(childScript('create-complaints.ts'), [setup.dataDir, '0', receivedAt]);
    await child.waitFor((lines) => createdNumbers(lines).length >= 20, 'report 20 committed complaints');
    child.process.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    const reported = createdNumbers(child.lines);
    expect(reported.length).toBeGreaterThanOrEqual(20);

    // Reopen as the app does after the power comes back.
    app = openTestApp(setup.dataDir);
    const { db } = app.ctx;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const stored = db.prepare('SELECT number FROM complaints ORDER BY number').pluck().all() as string[];
    expect(stored).toEqual(expect.arrayContaining(reported));
    // Nothing half-written: every complaint has its 'created' event, and numbers have no gaps.
    const withoutCreated = db
      .prepare("SELECT number FROM complaints c WHERE NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.kind = 'created')")
      .pluck()
      .all();
    expect(withoutCreated).toEqual([]);
    const sequence = stored.map((n) => Number(n.split('-').at(-1)));
    expect(sequence).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));

    // The register and the next number carry on where the killed process stopped.
    expect(app.ok('complaints:list', { pageSize: 1 }).total).toBe(stored.length);
    const next = app.ok('complaints:create', phoneComplaint(ids, { receivedAt }));
    expect(next.number).toBe(`YGHA-20261106-${String(stored.length + 1).padStart(3, '0')}`);
  }, 30_000);
});
