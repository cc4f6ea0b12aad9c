import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEVERITIES,
  STATUSES,
  type Channel,
  type ComplaintListQuery,
  type ComplaintListRow,
  type ComplaintStatus,
  type Severity,
} from '../../src-preload/contract';
import { openTestApp, setUpOffice, type TestApp } from '../helpers/app';

/** One register entry as reception typed it, plus the status it has reached since. */
interface Seed {
  receivedAt: string;
  channel: Channel;
  severity: Severity;
  /** Complained department by name; '' for none. */
  department: string;
  category: string;
  name: string;
  building: string;
  unit: string;
  room: string;
  phone: string;
  description: string;
  status: ComplaintStatus;
}

// Deliberately not in date order: numbers follow entry order within a day, so sorting by number
// and by time received give different orders.
const SEEDS: Seed[] = [
  { receivedAt: '2026-11-02 09:12', channel: 'phone', severity: 'ordinary', department: '工程部', category: '工程质量', name: '张伟', building: '3栋', unit: '2单元', room: '1602', phone: '13812345678', description: '楼上漏水，卫生间天花板持续滴水', status: 'registered' },
  { receivedAt: '2026-11-01 00:00', channel: 'visit', severity: 'minor', department: '环境部', category: '环境卫生', name: '李娜', building: '5栋', unit: '1单元', room: '301', phone: '', description: '楼道垃圾三天未清运', status: 'closed' },
  { receivedAt: '2026-11-03 23:59', channel: 'online', severity: 'major', department: '秩序维护部', category: '安全秩序', name: '张伟明', building: '3栋', unit: '1单元', room: '1602', phone: '13987654321', description: '夜间陌生人尾随进入单元门', status: 'in_progress' },
  { receivedAt: '2026-11-04 08:30', channel: 'letter', severity: 'important', department: '', category: '收费', name: '欧阳娜娜', building: '7栋', unit: '1单元', room: '302', phone: '0571-88886666', description: '电梯广告费上涨50%不合理', status: 'registered' },
  { receivedAt: '2026-11-02 18:45', channel: 'phone', severity: 'ordinary', department: '工程部', category: '设施设备', name: '王建国', building: '3栋', unit: '2单元', room: '1601', phone: '13812345000', description: '电梯故障困人约20分钟', status: 'dispatched' },
  { receivedAt: '2026-11-03 10:05', channel: 'suggestion_box', severity: 'minor', department: '环境部', category: '环境卫生', name: '赵敏', building: '9栋', unit: '2单元', room: '1102', phone: '', description: '绿化带_修剪后枝叶未清理', status: 'handled' },
  { receivedAt: '2026-11-01 14:20', channel: 'phone', severity: 'important', department: '财务部', category: '收费', name: '张伟', building: '12栋', unit: '1单元', room: '801', phone: '13812345678', description: '物业费发票抬头开错', status: 'followed_up' },
  { receivedAt: '2026-11-04 21:10', channel: 'visit', severity: 'ordinary', department: '秩序维护部', category: '安全秩序', name: '孙丽', building: '5栋', unit: '2单元', room: '1602', phone: '13700001111', description: '业主说"再不修就报警"，门禁损坏', status: 'registered' },
  { receivedAt: '2026-11-02 07:55', channel: 'staff_report', severity: 'minor', department: '工程部', category: '工程质量', name: '周杰', building: '3栋', unit: '2单元', room: '1602', phone: '', description: '外墙瓷砖脱落', status: 'in_progress' },
  { receivedAt: '2026-11-03 16:40', channel: 'questionnaire', severity: 'ordinary', department: '客服中心', category: '服务质量', name: '刘洋', building: '1栋', unit: '1单元', room: '101', phone: '13655556666', description: "前台态度冷淡，it's rude", status: 'closed' },
  { receivedAt: '2026-11-01 09:00', channel: 'online', severity: 'major', department: '工程部', category: '装修', name: '陈晨', building: '8栋', unit: '3单元', room: '2301', phone: '13812349999', description: '邻居装修夜间施工噪音', status: 'invalid' },
  { receivedAt: '2026-11-04 11:11', channel: 'phone', severity: 'ordinary', department: '环境部', category: '环境卫生', name: '张伟', building: '3栋', unit: '2单元', room: '1602', phone: '13812345678', description: '楼上漏水再次发生', status: 'registered' },
  { receivedAt: '2026-11-02 12:30', channel: 'letter', severity: 'important', department: '', category: '邻里纠纷', name: '黄磊', building: '6栋', unit: '1单元', room: '502', phone: '', description: '楼上住户张伟家狗吠扰民', status: 'dispatched' },
  { receivedAt: '2026-11-03 08:00', channel: 'visit', severity: 'minor', department: '秩序维护部', category: '安全秩序', name: '吴桐', building: '2栋', unit: '2单元', room: '202', phone: '13511112222', description: '车库照明100%不亮', status: 'handled' },
  { receivedAt: '2026-11-01 19:45', channel: 'phone', severity: 'ordinary', department: '工程部', category: '设施设备', name: '郑爽', building: '3栋', unit: '1单元', room: '1602', phone: '13812345678', description: '水压不足', status: 'registered' },
  { receivedAt: '2026-11-04 00:00', channel: 'online', severity: 'important', department: '财务部', category: '收费', name: '何静', building: '10栋', unit: '2单元', room: '1001', phone: '13800002222', description: '停车费多收_重复扣款', status: 'in_progress' },
  { receivedAt: '2026-11-02 21:00', channel: 'suggestion_box', severity: 'minor', department: '环境部', category: '环境卫生', name: '马超', building: '4栋', unit: '1单元', room: '401', phone: '', description: '宠物粪便无人清理', status: 'followed_up' },
  { receivedAt: '2026-11-03 13:13', channel: 'phone', severity: 'major', department: '工程部', category: '工程质量', name: '张伟', building: '3栋', unit: '2单元', room: '1602', phone: '13812345678', description: '天花板塌落险些砸伤人', status: 'dispatched' },
  { receivedAt: '2026-11-01 11:30', channel: 'staff_report', severity: 'ordinary', department: '', category: '其他', name: '欧阳修', building: '11栋', unit: '1单元', room: '1101', phone: '', description: '公共区域照明定时不合理', status: 'closed' },
  { receivedAt: '2026-11-04 15:45', channel: 'letter', severity: 'ordinary', department: '客服中心', category: '服务质量', name: '林静', building: '5栋', unit: '1单元', room: '1602', phone: '13966667777', description: '投诉处理进度无人回复', status: 'registered' },
  // Flats around 12栋3单元1602, for the address searches (issue 13 point 17).
  { receivedAt: '2026-11-05 09:30', channel: 'phone', severity: 'ordinary', department: '工程部', category: '工程质量', name: '杨明兰', building: '12栋', unit: '3单元', room: '1602', phone: '13800138000', description: '卫生间渗水到楼下', status: 'registered' },
  { receivedAt: '2026-11-05 10:10', channel: 'phone', severity: 'ordinary', department: '工程部', category: '设施设备', name: '杨明', building: '12栋', unit: '2单元', room: '1602', phone: '13800138001', description: '门禁卡失灵', status: 'registered' },
  { receivedAt: '2026-11-05 11:20', channel: 'visit', severity: 'minor', department: '秩序维护部', category: '安全秩序', name: '杨明兰', building: '2栋', unit: '3单元', room: '1603', phone: '', description: '快递柜占用消防通道', status: 'registered' },
  { receivedAt: '2026-11-05 14:00', channel: 'phone', severity: 'ordinary', department: '工程部', category: '设施设备', name: '钱多多', building: '112栋', unit: '3单元', room: '1602', phone: '13911112222', description: '电梯按钮失灵', status: 'registered' },
  { receivedAt: '2026-11-05 16:45', channel: 'phone', severity: 'minor', department: '环境部', category: '环境卫生', name: '孙悦', building: '12栋', unit: '3单元', room: '1601', phone: '', description: '楼道堆放杂物', status: 'registered' },
];

interface Seeded extends Seed {
  id: string;
  number: string;
  departmentId: string;
  categoryId: string;
}

let app: TestApp;
let records: Seeded[];
let departmentIds: Map<string, string>;
let categoryIds: Map<string, string>;

beforeAll(() => {
  app = openTestApp();
  const { receiverId } = setUpOffice(app);
  departmentIds = new Map(app.ok('departments:list', {}).map((d) => [d.name, d.id]));
  categoryIds = new Map(app.ok('categories:list', {}).map((c) => [c.name, c.id]));
  const setStatus = app.ctx.db.prepare('UPDATE complaints SET status = ? WHERE id = ?');
  records = SEEDS.map((seed) => {
    const departmentId = seed.department ? departmentIds.get(seed.department)! : '';
    const categoryId = categoryIds.get(seed.category)!;
    const created = app.ok('complaints:create', {
      receivedAt: seed.receivedAt,
      channel: seed.channel,
      receiverId,
      complainantName: seed.name,
      building: seed.building,
      unit: seed.unit,
      room: seed.room,
      phone: seed.phone,
      complainedDepartmentId: departmentId,
      categoryId,
      description: seed.description,
      severity: seed.severity,
    });
    // Only intake exists as a channel so far; later statuses are set as the lifecycle steps would.
    setStatus.run(seed.status, created.id);
    return { ...seed, id: created.id, number: created.number, departmentId, categoryId };
  });
});
afterAll(() => app.close());

const list = (query: ComplaintListQuery) => app.ok('complaints:list', { pageSize: 200, ...query });
const sortedIds = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const day = (r: Seeded) => r.receivedAt.slice(0, 10);
const byId = (id: string) => records.find((r) => r.id === id)!;

/**
 * Searchable text of a complaint as the contract states it: name, room, phone, number, description;
 * every space-separated term must be found (as plain text: address and phone forms are tested apart).
 */
const matchesText = (text: string) => (r: Seeded) =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => [r.number, r.name, r.building + r.unit + r.room, r.phone, r.description].some((s) => s.toLowerCase().includes(term.toLowerCase())));

/** The register returns exactly the seeded complaints the predicate picks, and counts them. */
function expectSelection(query: ComplaintListQuery, predicate: (r: Seeded) => boolean, { mayBeEmpty = false } = {}) {
  const expected = records.filter(predicate);
  if (!mayBeEmpty) expect(expected.length, 'the seed should exercise this filter').toBeGreaterThan(0);
  expect(expected.length, 'the filter should leave something out').toBeLessThan(records.length);
  const page = list(query);
  expect(sortedIds(page.items)).toEqual(sortedIds(expected));
  expect(page.total).toBe(expected.length);
}

describe('complaints:list filters', () => {
  it('returns the whole register, with display names, when nothing is filtered', () => {
    const page = list({});
    expect(page.total).toBe(records.length);
    expect(sortedIds(page.items)).toEqual(sortedIds(records));
    for (const row of page.items) {
      const r = byId(row.id);
      expect(row).toMatchObject({
        number: r.number,
        receivedAt: r.receivedAt,
        complainantName: r.name,
        room: r.room,
        categoryName: r.category,
        complainedDepartmentName: r.department,
        status: r.status,
        severity: r.severity,
      });
    }
  });

  it.each<[string, ComplaintListQuery, (r: Seeded) => boolean]>([
    ['one status', { status: ['registered'] }, (r) => r.status === 'registered'],
    ['several statuses', { status: ['dispatched', 'in_progress', 'invalid'] }, (r) => ['dispatched', 'in_progress', 'invalid'].includes(r.status)],
    ['department', { departmentId: '工程部' }, (r) => r.department === '工程部'],
    ['another department', { departmentId: '客服中心' }, (r) => r.department === '客服中心'],
    ['category', { categoryId: '环境卫生' }, (r) => r.category === '环境卫生'],
    ['channel', { channel: 'phone' }, (r) => r.channel === 'phone'],
    ['channel suggestion box', { channel: 'suggestion_box' }, (r) => r.channel === 'suggestion_box'],
    ['severity', { severity: 'major' }, (r) => r.severity === 'major'],
    ['received from', { receivedFrom: '2026-11-03' }, (r) => day(r) >= '2026-11-03'],
    ['received to', { receivedTo: '2026-11-02' }, (r) => day(r) <= '2026-11-02'],
    ['received between', { receivedFrom: '2026-11-02', receivedTo: '2026-11-03' }, (r) => day(r) >= '2026-11-02' && day(r) <= '2026-11-03'],
    ['received on one day', { receivedFrom: '2026-11-04', receivedTo: '2026-11-04' }, (r) => day(r) === '2026-11-04'],
  ])('by %s', (_label, query, predicate) => {
    // Department and category filters take ids; the table names them for readability.
    const resolved = {
      ...query,
      ...(query.departmentId ? { departmentId: departmentIds.get(query.departmentId) } : {}),
      ...(query.categoryId ? { categoryId: categoryIds.get(query.categoryId) } : {}),
    };
    expectSelection(resolved, predicate);
  });

  it('includes the whole last day of a date range, up to 23:59, and the first day from 00:00', () => {
    const page = list({ receivedFrom: '2026-11-01', receivedTo: '2026-11-03' });
    const numbersIn = new Set(page.items.map((r) => r.number));
    const lateOnLastDay = records.find((r) => r.receivedAt === '2026-11-03 23:59')!;
    const midnightOnFirstDay = records.find((r) => r.receivedAt === '2026-11-01 00:00')!;
    expect(numbersIn.has(lateOnLastDay.number)).toBe(true);
    expect(numbersIn.has(midnightOnFirstDay.number)).toBe(true);
    expect(page.items.some((r) => r.receivedAt.startsWith('2026-11-04'))).toBe(false);
  });

  it('combines filters with AND', () => {
    const engineering = departmentIds.get('工程部')!;
    expectSelection(
      { status: ['registered', 'in_progress'], departmentId: engineering },
      (r) => ['registered', 'in_progress'].includes(r.status) && r.departmentId === engineering,
    );
    expectSelection(
      { text: '张伟', channel: 'phone', receivedFrom: '2026-11-02' },
      (r) => matchesText('张伟')(r) && r.channel === 'phone' && day(r) >= '2026-11-02',
    );
    expectSelection({ text: '1602', severity: 'major', status: ['dispatched'] }, (r) => matchesText('1602')(r) && r.severity === 'major' && r.status === 'dispatched');
  });

  it('refuses an end date before the start date, naming the end date', () => {
    const result = app.call('complaints:list', { receivedFrom: '2026-11-03', receivedTo: '2026-11-02' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedTo' } });
    if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('complaints:list free-text search', () => {
  it.each([
    ['a two-character name (LIKE path), also found in descriptions', '张伟'],
    ['a three-character name (trigram index path)', '张伟明'],
    ['part of a four-character name', '欧阳娜'],
    ['a two-character surname', '欧阳'],
    ['building, unit and room as written together', '3栋2单元1602'],
    ['a room number', '1602'],
    ['a whole mobile number', '13812345678'],
    ['the first digits of a mobile number', '1381234'],
    ['a landline without its area code', '88886666'],
    ['a two-character word of the description', '漏水'],
    ['a two-character piece across building and unit', '栋3'],
    ['a two-character piece across unit and room', '元1'],
    ['a two-character piece across building and unit, in another building', '栋2'],
    ['a longer part of the description', '天花板'],
    ['the day part of complaint numbers', '20261103'],
  ])('finds %s: %s', (_label, text) => {
    expectSelection({ text }, matchesText(text));
  });

  it('finds a complaint by its full number, typed in any case', () => {
    const target = records[4]!;
    expectSelection({ text: target.number }, (r) => r.id === target.id);
    expectSelection({ text: target.number.toLowerCase() }, (r) => r.id === target.id);
  });

  it.each([
    ['a percent sign', '%'],
    ['an underscore', '_'],
    ['digits and a percent sign', '0%'],
    ['a percent sign after digits (trigram path)', '50%'],
    ['three percent signs', '%%%'],
    ['a double quote', '"'],
    ['text opening with a double quote', '"再不修'],
    ['an apostrophe', "it's"],
    ['a lone apostrophe', "'"],
    ['a backslash', '\\'],
    ['a mix of wildcards and quotes', `%_"'\\`],
    ['FTS syntax words', 'NEAR(张伟 OR 漏水)'],
  ])('takes %s literally: %s', (_label, text) => {
    expectSelection({ text }, matchesText(text), { mayBeEmpty: true });
  });
});

describe('complaints:list finds what reception types (issue 13 point 17)', () => {
  const flat = (name: string, building: string, unit: string, room: string) =>
    records.find((r) => r.name === name && r.building === building && r.unit === unit && r.room === room)!;
  const numbersFound = (text: string) => list({ text }).items.map((r) => r.number).sort();
  const numbersOf = (...rs: Seeded[]) => rs.map((r) => r.number).sort();

  it.each(['12-3-1602', '12栋3单元1602', '12#3-1602', '12#3#1602', '12幢3单元1602室', '１２－３－１６０２'])(
    'an address typed as %s finds building 12, unit 3, room 1602 only (not 112栋, not 2栋, not room 1601)',
    (text) => {
      expect(numbersFound(text)).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602')));
    },
  );

  it.each(['12栋1602', '12#1602', '12-1602', '12号楼1602室'])('an address without its unit, %s, finds room 1602 of building 12 in any unit', (text) => {
    expect(numbersFound(text)).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602'), flat('杨明', '12栋', '2单元', '1602')));
  });

  it('a building and unit find that stairway; a unit and room find that flat in any building', () => {
    expect(numbersFound('12栋3单元')).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602'), flat('孙悦', '12栋', '3单元', '1601')));
    expect(numbersFound('3单元1602')).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602'), flat('钱多多', '112栋', '3单元', '1602')));
  });

  it('several terms must all match: a name and a room', () => {
    expect(numbersFound('杨明兰 1602')).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602')));
    expect(numbersFound('杨明兰')).toHaveLength(2);
    expect(numbersFound('1602 杨明兰')).toEqual(numbersFound('杨明兰 1602'));
    // Terms of every length and kind together: a name, an address, a 2-character word, one character.
    expect(numbersFound('杨明兰 12栋3单元1602 渗水 卫')).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602')));
    expect(numbersFound('杨明兰 门禁')).toEqual([]);
  });

  it.each(['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000', '+8613800138000', '+86 138 0013 8000'])(
    'a mobile typed as %s finds its complaint and not the number one digit away',
    (text) => {
      expect(numbersFound(text)).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602')));
    },
  );

  it.each(['0571-88886666', '0571 8888 6666', '057188886666', '(0571)88886666', '+86 571 88886666'])('a landline typed as %s finds its complaint', (text) => {
    expect(numbersFound(text)).toEqual(numbersOf(records.find((r) => r.phone === '0571-88886666')!));
  });

  it('a phone and a name together', () => {
    expect(numbersFound('杨明兰 138 0013 8000')).toEqual(numbersOf(flat('杨明兰', '12栋', '3单元', '1602')));
    expect(numbersFound('杨明 138 0013 8001')).toEqual(numbersOf(flat('杨明', '12栋', '2单元', '1602')));
  });

  it('counts every match of several terms, across pages', () => {
    const first = list({ text: '张伟 1602', pageSize: 2 });
    expect(first.total).toBe(records.filter(matchesText('张伟 1602')).length);
    expect(first.total).toBeGreaterThan(2);
  });
});

describe('complaints:list paging and sorting', () => {
  it('splits the register into pages without overlap or loss', () => {
    const pageSize = 6;
    const pages = Array.from({ length: Math.ceil(records.length / pageSize) }, (_, i) =>
      app.ok('complaints:list', { page: i + 1, pageSize, sort: 'number', direction: 'asc' }),
    );
    for (const [i, page] of pages.entries()) {
      expect(page).toMatchObject({ page: i + 1, pageSize, total: records.length });
      expect(page.items.length).toBe(Math.min(pageSize, records.length - i * pageSize));
    }
    const all = pages.flatMap((p) => p.items.map((r) => r.number));
    expect(new Set(all).size).toBe(records.length);
    expect(all).toEqual(records.map((r) => r.number).sort());

    const beyond = app.ok('complaints:list', { page: pages.length + 1, pageSize, sort: 'number', direction: 'asc' });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(records.length);
  });

  it('counts all matches, not just the page, when a filter is paged', () => {
    const matching = records.filter(matchesText('1602'));
    const first = app.ok('complaints:list', { text: '1602', page: 1, pageSize: 3 });
    const second = app.ok('complaints:list', { text: '1602', page: 2, pageSize: 3 });
    expect(first.total).toBe(matching.length);
    expect(first.items).toHaveLength(3);
    expect(second.items.filter((r) => first.items.some((f) => f.id === r.id))).toEqual([]);
  });

  const byReceived = (a: Seeded, b: Seeded) => a.receivedAt.localeCompare(b.receivedAt);
  it('lists the newest first by default', () => {
    expect(list({}).items.map((r) => r.id)).toEqual([...records].sort(byReceived).reverse().map((r) => r.id));
  });

  it('sorts by time received, oldest first', () => {
    expect(list({ sort: 'receivedAt', direction: 'asc' }).items.map((r) => r.id)).toEqual([...records].sort(byReceived).map((r) => r.id));
  });

  it('sorts by number both ways', () => {
    const numbers = records.map((r) => r.number).sort();
    expect(list({ sort: 'number', direction: 'asc' }).items.map((r) => r.number)).toEqual(numbers);
    expect(list({ sort: 'number', direction: 'desc' }).items.map((r) => r.number)).toEqual([...numbers].reverse());
    // Within a day numbers follow entry order, so this is not the same as time order.
    expect(numbers).not.toEqual([...records].sort(byReceived).map((r) => r.number));
  });

  it('sorts by severity from the most to the least serious', () => {
    const level = (s: Severity) => SEVERITIES.indexOf(s);
    const expected = records.map((r) => r.severity).sort((a, b) => level(b) - level(a));
    expect(list({ sort: 'severity', direction: 'desc' }).items.map((r: ComplaintListRow) => r.severity)).toEqual(expected);
  });

  it('sorts by status in the order of the procedure', () => {
    const step = (s: ComplaintStatus) => STATUSES.indexOf(s);
    const expected = records.map((r) => r.status).sort((a, b) => step(a) - step(b));
    expect(list({ sort: 'status', direction: 'asc' }).items.map((r) => r.status)).toEqual(expected);
  });

  // The register's column headers (issue 13 point 16): complainant, room, category and department sort too.
  it('sorts by complainant name both ways, by code point', () => {
    const names = records.map((r) => r.name).sort();
    expect(list({ sort: 'complainantName', direction: 'asc' }).items.map((r) => r.complainantName)).toEqual(names);
    expect(list({ sort: 'complainantName', direction: 'desc' }).items.map((r) => r.complainantName)).toEqual([...names].reverse());
  });

  it('sorts rooms by building, unit and room number (3栋 before 12栋)', () => {
    const key = (r: { building: string; unit: string; room: string }) => [r.building, r.unit, r.room].map((part) => parseInt(part, 10) || 0);
    const byNumbers = (a: number[], b: number[]) => a.reduce((acc, n, i) => acc || n - b[i]!, 0);
    const keys = list({ sort: 'room', direction: 'asc' }).items.map(key);
    expect(keys).toEqual([...keys].sort(byNumbers));
    expect(keys).toContainEqual([12, 1, 801]);
    expect(keys.findIndex((k) => k[0] === 12)).toBeGreaterThan(keys.findLastIndex((k) => k[0] === 3));
  });

  it('sorts by category and by department name', () => {
    const categories = records.map((r) => r.category).sort();
    expect(list({ sort: 'categoryName', direction: 'asc' }).items.map((r) => r.categoryName)).toEqual(categories);
    const departments = records.map((r) => r.department).sort().reverse();
    expect(list({ sort: 'departmentName', direction: 'desc' }).items.map((r) => r.complainedDepartmentName)).toEqual(departments);
  });
});
