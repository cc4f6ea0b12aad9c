import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { readSettings, writeSetting } from '../../src-main/db/settings.repo';
import { DEFAULT_DEADLINE_POLICY } from '../../src-main/domain/deadlines';
import type { ComplaintCreateInput } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';

/**
 * complaints:create builds the complaint it returns from what it wrote instead of reading it back,
 * keeps the settings it reads per connection, and cuts the bigram index entry of a new complaint
 * from the fields: each must give exactly what a fresh read gives.
 */

let app: TestApp;
let ids: OfficeIds;

beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
});
afterEach(() => app.close());

/** The create result, and the complaint as complaints:get reads it afterwards. */
function createAndGet(input: ComplaintCreateInput) {
  const created = app.ok('complaints:create', input);
  return { created, read: app.ok('complaints:get', { id: created.id }).complaint };
}

describe('the complaint complaints:create returns', () => {
  it('is the complaint complaints:get reads, for every shape of intake', () => {
    const inputs: ComplaintCreateInput[] = [
      phoneComplaint(ids),
      // Only the required fields: every default, no department complained about.
      {
        receivedAt: '2026-11-03 08:00',
        channel: 'suggestion_box',
        receiverId: ids.receiverId,
        complainantName: '匿名业主',
        categoryId: ids.hygiene,
        description: '垃圾桶满了没人清',
      },
      // Invalid at intake: another status, another set of deadlines.
      phoneComplaint(ids, { validity: 'invalid', invalidReason: '非本小区业主', severity: 'minor', urgency: 'normal', requestedReplyAt: '' }),
      // Text with spaces to trim, characters outside the Basic Multilingual Plane, quotes.
      phoneComplaint(ids, { complainantName: ' 𠮷田 ', description: ' 说"马上到"，两小时没人来 😡 ', room: ' 0802 ', phone: '', severity: 'major' }),
    ];
    for (const input of inputs) {
      const { created, read } = createAndGet(input);
      expect(created).toEqual(read);
      expect(Object.keys(created).sort()).toEqual(Object.keys(read).sort());
    }
  });

  it('names a retired department and category as the directory does', () => {
    const retiredDepartment = app.ok('departments:save', { name: '绿化部', active: false });
    const retiredCategory = app.ok('categories:save', { name: '绿化', active: false });
    const { created, read } = createAndGet(phoneComplaint(ids, { complainedDepartmentId: retiredDepartment.id, categoryId: retiredCategory.id }));
    expect(created).toEqual(read);
    expect([created.complainedDepartmentName, created.categoryName]).toEqual(['绿化部', '绿化']);
  });

  it('is findable by 2-character search at once, like a complaint indexed from its row', () => {
    const { created } = createAndGet(phoneComplaint(ids, { complainantName: '欧阳娜娜', room: '1702', description: '电梯异响' }));
    for (const text of ['欧阳', '娜娜', '17', '异响', created.number.slice(-2)]) {
      const page = app.ok('complaints:list', { text });
      expect(page.items.map((c) => c.id), text).toContain(created.id);
    }
    // An edit re-cuts the entry from the row: the old words are gone, the new ones found.
    app.ok('complaints:update', { id: created.id, version: 1, actorId: ids.receiverId, patch: { description: '门禁失灵' } });
    expect(app.ok('complaints:list', { text: '异响' }).items).toHaveLength(0);
    expect(app.ok('complaints:list', { text: '门禁' }).items.map((c) => c.id)).toEqual([created.id]);
  });
});

describe('settings as an intake reads them', () => {
  it('follows a change made on the same connection', () => {
    expect(app.ok('complaints:create', phoneComplaint(ids)).number).toMatch(/^YGHA-/);
    app.ok('settings:update', { officeCode: 'YGHB' });
    expect(app.ok('complaints:create', phoneComplaint(ids)).number).toMatch(/^YGHB-/);
  });

  it('follows a change another connection commits (web mode beside the app)', () => {
    expect(app.ok('complaints:create', phoneComplaint(ids)).number).toMatch(/^YGHA-/);
    const other = openTestApp(app.dataDir);
    try {
      other.ok('settings:update', { officeCode: 'BJ02' });
      const policy = structuredClone(DEFAULT_DEADLINE_POLICY);
      policy.severities.ordinary.resolution = { unit: 'working_days', amount: 5 };
      expect(other.ok('deadlines:updatePolicy', { policy }).version).toBe(2);
    } finally {
      other.ctx.close();
    }
    const created = app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-02 09:12' }));
    expect(created.number).toBe('BJ02-20261102-001');
    const { process } = app.ok('complaints:get', { id: created.id });
    expect(process.deadlines.every((d) => d.policyVersion === 2)).toBe(true);
    // 5 working days from Monday 2 November 2026.
    expect(process.deadlines.find((d) => d.kind === 'resolution')?.dueAt).toBe('2026-11-09 23:59');
  });

  it('does not keep a value written in a transaction that was rolled back', () => {
    const db = openDatabase(`${app.dataDir}/complaints.db`);
    try {
      expect(readSettings(db).officeCode).toBe('YGHA');
      expect(() =>
        db.transaction(() => {
          writeSetting(db, 'officeCode', 'ROLL');
          expect(readSettings(db).officeCode).toBe('ROLL');
          throw new Error('abandon');
        })(),
      ).toThrow('abandon');
      // In the next transaction, before any read outside one, and after.
      db.transaction(() => expect(readSettings(db).officeCode).toBe('YGHA'))();
      expect(readSettings(db).officeCode).toBe('YGHA');
    } finally {
      db.close();
    }
  });

  it('are handed out frozen, so that no caller can change them for the others', () => {
    const settings = readSettings(app.ctx.db);
    expect(Object.isFrozen(settings)).toBe(true);
    expect(() => {
      (settings as Record<string, unknown>).officeCode = 'XXXX';
    }).toThrow(TypeError);
    expect(app.ok('settings:get').officeCode).toBe('YGHA');
  });
});
