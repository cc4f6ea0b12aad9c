/**
 * Reads never write (issue 13 point 1, ARCHITECTURE §10): opening the board or polling the alerts
 * changes nothing, even when a complaint is long overdue for its automatic upgrade; the scheduler
 * upgrades it, on main's clock. And every write names what it changed (point 2), which is how
 * every window learns to refresh (app:pulse).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, type ChannelName } from '../../src-preload/contract';
import { createDispatch } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { createDataVersions } from '../../src-main/lib/data-versions';
import { setTestClock } from '../../src-main/lib/clock';
import { snapshotAll } from '../helpers/db-snapshot-all';
import { allowTestClock, create, refresh, setNow, unpinClock, useOffice } from './lifecycle-fixtures';

allowTestClock();

describe('reads never write; time-driven changes come from the scheduler', () => {
  const env = useOffice();
  afterEach(() => unpinClock(env.app));

  it('the board and the alerts leave a long-unresolved complaint as it is; the scheduler upgrades it', () => {
    const { app, office } = env;
    setNow(app, '2026-09-01 09:00');
    const old = create(app, office, { receivedAt: '2026-09-01 08:30', urgency: 'normal', requestedReplyAt: '' });
    // Three months later: far past the one-month rule. Pinned directly (clock:set would tick the
    // scheduler), as a reader would find it between two ticks.
    setTestClock(new Date('2026-12-01T10:00:00+08:00'));
    const before = snapshotAll(app.ctx.db);
    app.ok('board:get', {});
    app.ok('deadlines:alerts', {});
    app.ok('complaints:list', {});
    app.ok('complaints:get', { id: old.complaint.id });
    expect(snapshotAll(app.ctx.db)).toEqual(before);
    expect(refresh(app, old).complaint.severity).toBe('ordinary');
    expect(refresh(app, old).complaint.version).toBe(1);
  });

  it('a tick of the scheduler on the pinned clock upgrades it once, as 系统, and bumps the complaints counter', () => {
    const { app, office } = env;
    setNow(app, '2026-09-01 09:00');
    const old = create(app, office, { receivedAt: '2026-09-01 08:40', urgency: 'normal', requestedReplyAt: '', complainantName: '钱多多' });
    const pulse = app.ok('app:pulse', {});
    // clock:set ticks the scheduler: moving the test clock is enough for the rule to apply.
    setNow(app, '2026-12-01 10:00');
    const upgraded = refresh(app, old);
    expect(upgraded.complaint.severity).toBe('major');
    expect(upgraded.events.filter((e) => e.kind === 'auto_major').map((e) => e.actorName)).toEqual(['系统']);
    expect(app.ok('app:pulse', {}).versions.complaints).toBeGreaterThan(pulse.versions.complaints);
    expect(app.ctx.scheduler.tick()).toBe(0);
  });

  it('a read handler that tries to write is refused and changes nothing', () => {
    const { app } = env;
    const handlers = createHandlers(app.ctx, { version: 'test', mode: 'web' });
    const board = handlers['board:get'];
    handlers['board:get'] = (input) => {
      app.ctx.db.prepare(`UPDATE complaints SET severity = 'major'`).run();
      return board(input);
    };
    const dispatch = createDispatch(handlers, { db: app.ctx.db, versions: createDataVersions() });
    const before = snapshotAll(app.ctx.db);
    const result = dispatch('board:get', {});
    expect(result.ok).toBe(false);
    expect(snapshotAll(app.ctx.db)).toEqual(before);
    // The connection is writable again for the next write.
    expect(app.call('departments:save', { name: '绿化部', active: true, sortOrder: 9 }).ok).toBe(true);
  });
});

describe('every channel says whether it reads or writes (issue 13 point 2)', () => {
  const env = useOffice();
  const effect = (c: ChannelName) => CONTRACT[c].effect;

  it('saving a department, a category or a staff member is a write that refreshes the directory', () => {
    for (const c of ['departments:save', 'categories:save', 'staff:save'] as const) expect(effect(c)).toEqual({ kind: 'write', changes: ['directory'] });
  });

  it('an office’s directory for the register’s filters is a read', () => {
    expect(effect('offices:directory').kind).toBe('read');
  });

  it('every read of data is refreshed by some write, and every changed topic is read somewhere', () => {
    const reads = new Set(CHANNEL_NAMES.flatMap((c) => { const e = effect(c); return e.kind === 'read' ? e.reads : []; }));
    const changes = new Set(CHANNEL_NAMES.flatMap((c) => { const e = effect(c); return e.kind === 'write' ? e.changes : []; }));
    for (const topic of changes) expect(reads, `nothing reads ${topic}`).toContain(topic);
    // Changed outside any write call: files by the world, jobs and the import history by a running job, the clock by time.
    const changedByMain = ['files', 'exchangeJobs', 'imports', 'clock'];
    for (const topic of reads) if (!changedByMain.includes(topic)) expect(changes, `nothing changes ${topic}`).toContain(topic);
  });

  it('a write bumps exactly the topics it declares; a read bumps none', () => {
    const { app } = env;
    const before = app.ok('app:pulse', {}).versions;
    app.ok('staff:list', {});
    app.ok('board:get', {});
    expect(app.ok('app:pulse', {}).versions).toEqual(before);
    app.ok('categories:save', { name: '停车', active: true, sortOrder: 20 });
    const after = app.ok('app:pulse', {}).versions;
    expect(after).toEqual({ ...before, directory: before.directory + 1 });
  });
});
