import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainSearchBacklog, searchBacklogSize } from '../../src-main/db/search-backlog';
import type { ComplaintListQuery } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';

// A bulk import returns before the search entries of the complaints it wrote are made; until
// drainSearchBacklog has run, the register's search finds those complaints by a LIKE scan of the
// backlog's rows (complaints.repo.ts, whereClause).

let app: TestApp;
let ids: OfficeIds;
/** Every SQL text the connection compiles from here on (statements are cached per connection). */
let compiled: string[];
beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
  const db = app.ctx.db;
  const prepare = db.prepare.bind(db);
  compiled = [];
  vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  app.close();
});

/** Leave a complaint as a bulk import does: in the register, in neither search index, on the backlog. */
function leaveOnBacklog(id: string): void {
  const db = app.ctx.db;
  db.transaction(() => {
    const rowid = db.prepare('SELECT rowid FROM complaints WHERE id = ?').pluck().get(id) as number;
    db.prepare('DELETE FROM complaints_fts WHERE rowid = ?').run(rowid);
    db.prepare('DELETE FROM complaints_bigrams WHERE rowid = ?').run(rowid);
    db.prepare('INSERT INTO search_backlog (complaint_rowid) VALUES (?)').run(rowid);
  })();
}

/** The register's answer: its total and the numbers on the page, sorted. */
const found = (query: ComplaintListQuery) => {
  const page = app.ok('complaints:list', query);
  return { total: page.total, numbers: page.items.map((r) => r.number).sort() };
};

/** The three complaints: one indexed as usual, one the import left on the backlog, one matching neither search. */
function seed() {
  const indexed = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '王芳', description: '楼上漏水，卫生间天花板滴水' }));
  const imported = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '李娜', description: '阳台漏水，B2车库也进水' }));
  const other = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '赵磊', description: '楼道灯坏了', ownerWords: '', request: '尽快修灯' }));
  return { indexed: indexed.number, imported: imported.number, other: other.number, importedId: imported.id };
}

const sorted = (...numbers: string[]) => [...numbers].sort();

describe('search while the import backlog waits', () => {
  it('with an empty backlog, searches use the indexes alone, as before, and find the indexed complaints', () => {
    const c = seed();
    expect(searchBacklogSize(app.ctx.db)).toBe(0);
    expect(found({ text: '阳台漏水' })).toEqual({ total: 1, numbers: [c.imported] });
    expect(found({ text: '漏水' })).toEqual({ total: 2, numbers: sorted(c.indexed, c.imported) });
    expect(found({ text: '漏水', severity: 'ordinary' })).toEqual({ total: 2, numbers: sorted(c.indexed, c.imported) });
    expect(found({ text: '灯坏' })).toEqual({ total: 1, numbers: [c.other] });

    // The SQL is the usual one: no backlog branch, and the text-alone count reads the index only.
    expect(compiled).toContain('SELECT EXISTS (SELECT 1 FROM search_backlog) AS pending');
    expect(compiled.filter((sql) => sql.includes('FROM search_backlog') && sql.includes('MATCH'))).toEqual([]);
    expect(compiled).toContain('SELECT COUNT(*) AS n FROM complaints_fts WHERE complaints_fts MATCH ?');
    expect(compiled).toContain('SELECT COUNT(*) AS n FROM complaints_bigrams WHERE complaints_bigrams MATCH ?');
  });

  it('finds a complaint on the backlog by 3+- and 2-character search, and counts it, then the same once the backlog is drained', async () => {
    const c = seed();
    leaveOnBacklog(c.importedId);
    expect(searchBacklogSize(app.ctx.db)).toBe(1);
    // The index really lacks it: counted there directly, only the indexed complaint matches.
    expect(app.ctx.db.prepare(`SELECT COUNT(*) FROM complaints_bigrams WHERE complaints_bigrams MATCH '"漏水"'`).pluck().get()).toBe(1);

    const expectations = () => {
      // 3+ characters (trigram index), text alone: the count comes from the table, not the index.
      expect(found({ text: '阳台漏水' })).toEqual({ total: 1, numbers: [c.imported] });
      // 2 characters (bigram index): the indexed complaint and the backlog's, not the other one.
      expect(found({ text: '漏水' })).toEqual({ total: 2, numbers: sorted(c.indexed, c.imported) });
      // Latin letters are case-blind either way.
      expect(found({ text: 'b2' })).toEqual({ total: 1, numbers: [c.imported] });
      // With another filter (the general count and page query).
      expect(found({ text: '漏水', severity: 'ordinary' })).toEqual({ total: 2, numbers: sorted(c.indexed, c.imported) });
      expect(found({ text: '漏水', pageSize: 1 }).total).toBe(2);
      // The other complaint matches neither search, and is found by its own words only.
      expect(found({ text: '灯坏' })).toEqual({ total: 1, numbers: [c.other] });
      expect(found({ text: '楼道灯坏' })).toEqual({ total: 1, numbers: [c.other] });
      expect(found({ text: '没有这段话' })).toEqual({ total: 0, numbers: [] });
    };
    expectations();
    expect(compiled.some((sql) => sql.includes('c.rowid IN (SELECT complaint_rowid FROM search_backlog)'))).toBe(true);

    await drainSearchBacklog(app.ctx.db);
    expect(searchBacklogSize(app.ctx.db)).toBe(0);
    expectations();
  });

  it('finds a backlog complaint by address, phone, several terms and 2-character pieces of its address, as the indexes do once drained (issue 13 point 17)', async () => {
    const target = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '杨明兰', building: '12栋', unit: '3单元', room: '1602', phone: '13800138000' }));
    const near = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '钱多多', building: '112栋', unit: '3单元', room: '1602', phone: '13800138001' }));
    const lobby = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '孙悦', building: '12栋', unit: '2单元', room: '1602', phone: '0755-1234567' }));
    leaveOnBacklog(target.id);
    leaveOnBacklog(lobby.id);

    const expectations = () => {
      expect(found({ text: '12-3-1602' })).toEqual({ total: 1, numbers: [target.number] });
      expect(found({ text: '12栋3单元1602' })).toEqual({ total: 1, numbers: [target.number] });
      expect(found({ text: '12#3-1602' })).toEqual({ total: 1, numbers: [target.number] });
      expect(found({ text: '12栋1602' })).toEqual({ total: 2, numbers: sorted(target.number, lobby.number) });
      expect(found({ text: '3单元1602' })).toEqual({ total: 2, numbers: sorted(target.number, near.number) });
      expect(found({ text: '杨明兰 1602' })).toEqual({ total: 1, numbers: [target.number] });
      expect(found({ text: '138 0013 8000' })).toEqual({ total: 1, numbers: [target.number] });
      expect(found({ text: '+86 755 1234567' })).toEqual({ total: 1, numbers: [lobby.number] });
      expect(found({ text: '栋3' })).toEqual({ total: 2, numbers: sorted(target.number, near.number) });
      expect(found({ text: '元1' })).toEqual({ total: 3, numbers: sorted(target.number, near.number, lobby.number) });
    };
    expectations();
    await drainSearchBacklog(app.ctx.db);
    expect(searchBacklogSize(app.ctx.db)).toBe(0);
    expectations();
  });

  it("with many matches the page still walks the date index ('+' on the index term only) and lists the backlog's complaint", async () => {
    const many = 305; // above WALK_INDEX_ABOVE (300)
    for (let i = 0; i < many; i += 1) {
      app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-01 08:00', description: `楼上漏水 第${i}次` }));
    }
    const imported = app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-03 08:00', description: '楼上漏水，刚导入' }));
    app.ok('complaints:create', phoneComplaint(ids, { receivedAt: '2026-11-04 08:00', complainantName: '赵磊', description: '楼道灯坏了', ownerWords: '', request: '尽快修灯' }));
    leaveOnBacklog(imported.id);

    for (const text of ['楼上漏水', '漏水']) {
      const page = app.ok('complaints:list', { text, pageSize: 3 });
      expect(page.total).toBe(many + 1);
      // Newest first: the backlog's complaint (the newest match) leads; the unmatched newer one is absent.
      expect(page.items[0]!.number).toBe(imported.number);
      expect(page.items).toHaveLength(3);
    }
    expect(compiled.some((sql) => sql.includes('+c.rowid IN (SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH ?) OR (c.rowid IN (SELECT complaint_rowid FROM search_backlog)'))).toBe(true);
    expect(compiled.some((sql) => sql.includes('+c.rowid IN (SELECT complaint_rowid'))).toBe(false);

    await drainSearchBacklog(app.ctx.db);
    const page = app.ok('complaints:list', { text: '漏水', pageSize: 3 });
    expect(page.total).toBe(many + 1);
    expect(page.items[0]!.number).toBe(imported.number);
  });
});
