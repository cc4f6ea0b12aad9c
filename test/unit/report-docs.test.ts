/**
 * The register and the monthly report as docDefinitions, before any PDF is drawn: the register's
 * columns and repeated header, the totals line, every value on the paper, nothing printed as
 * 'undefined' or 'null', and blank forms that carry no data and leave room to write.
 */
import { describe, expect, it } from 'vitest';
import type { ContentTable, DynamicContent, TableCell } from 'pdfmake/interfaces';
import type { MonthlyReport, Ratio, RegisterPrintData, RegisterRow, ReportTotals } from '../../src-preload/contract';
import { blankMonthlyReportDoc, blankRegisterDoc } from '../../src-main/pdf/blank-forms';
import { documentText, textPieces } from '../../src-main/pdf/doc-text';
import { DATE_LINE, GAP, LINE, mm, type FormHeader } from '../../src-main/pdf/layout';
import { monthlyReportDoc } from '../../src-main/pdf/monthly-report.doc';
import { BLANK_ROWS, complaintRegisterDoc, percent, summaryLine } from '../../src-main/pdf/register.doc';

const FORM: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-003', formVersion: 'A/0', printVersion: '打印 2026-12-01 09:00', qr: 'WY-KF-JL-003|2026-11' };
const BLANK_FORM: FormHeader = { ...FORM, printVersion: '', qr: '' };
const LANDSCAPE = { width: 841.89, height: 595.28, orientation: 'landscape' } as const;

const TOTALS: ReportTotals = {
  total: 42,
  valid: 39,
  invalid: 3,
  major: 1,
  closedOnTime: 37,
  closedLate: 2,
  followUpOwed: 42,
  followedUp: 42,
  followUpImpossible: 0,
  satisfied: 36,
  basicallySatisfied: 5,
  unsatisfied: 1,
};

const ROW: RegisterRow = {
  seq: 1,
  complaintId: '01JD0000000000000000000001',
  number: 'YGHA-20261102-003',
  receivedAt: '2026-11-02 09:12',
  complainantName: '张伟',
  room: '3栋2单元1602',
  phone: '138****5678',
  channel: '来电',
  category: '工程质量',
  description: '楼上漏水，卫生间天花板持续滴水，已影响照明',
  department: '工程部 / 维修工王师傅',
  receiver: '周晓雯',
  severity: '一般',
  result: '第1轮：已修复\n第2轮：闭水试验 48 小时无渗漏',
  followUp: '11-03 电话 不满意\n11-05 上门 满意',
  status: '已办结',
  notes: '已上报主任',
  remark: '已办结；已上报主任',
};

/** A complaint just taken in: everything after intake empty. */
const BARE: RegisterRow = { ...ROW, seq: 2, number: 'YGHA-20261130-001', room: '', phone: '', department: '', result: '', followUp: '', status: '已登记', notes: '', remark: '已登记' };

const DATA: RegisterPrintData = {
  officeName: '阳光花园服务中心',
  period: { from: '2026-11-01', to: '2026-11-30' },
  filters: '类别：工程质量',
  asOf: '2026-12-01 09:00',
  rows: [ROW, BARE],
  totals: TOTALS,
};

const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of > 0 ? count / of : null });
const REPORT: MonthlyReport = {
  officeName: '阳光花园服务中心',
  officeCode: '',
  byOffice: [],
  month: '2026-11',
  period: { from: '2026-11-01', to: '2026-11-30' },
  asOf: '2026-12-01 09:00',
  totals: TOTALS,
  byCategory: [
    { name: '工程质量', count: 30, share: 30 / 42, onTime: 28, late: 1 },
    { name: '环境卫生', count: 12, share: 12 / 42, onTime: 9, late: 1 },
  ],
  byDepartment: [{ name: '工程部', count: 42, share: 1, onTime: 37, late: 2 }],
  byChannel: [{ name: '来电', count: 42, share: 1, onTime: 37, late: 2 }],
  bySeverity: [{ name: '重大', count: 1, share: 1 / 42, onTime: 0, late: 1 }],
  rates: {
    onTime: [
      { kind: 'response', stage: '首次答复', current: ratio(13, 14), previous: ratio(20, 20) },
      { kind: 'report', stage: '上报', current: ratio(0, 0), previous: ratio(1, 2) },
    ],
    followUp: { current: ratio(42, 42), previous: ratio(29, 30), goal: 1 },
    satisfaction: { current: ratio(41, 42), previous: ratio(27, 29) },
    repeat: { current: ratio(2, 42), previous: ratio(0, 30) },
  },
  majors: [
    {
      number: 'YGHA-20261105-001',
      receivedAt: '2026-11-05 10:00',
      room: '3栋1单元201',
      category: '工程质量',
      department: '工程部',
      description: '外墙渗水导致室内墙面发霉',
      measures: ['第1轮（工程部）：外墙打胶修补', '2026-11-05 10:30 上报主任'],
      outcome: '闭水试验无渗漏；回访：满意；状态：已办结',
      summary: '外墙防水老化',
      improvement: '雨季前巡查外墙',
    },
  ],
  recurring: [{ kind: 'building', name: '3栋', count: 4, numbers: ['YGHA-20261101-001', 'YGHA-20261105-001'], measures: ['YGHA-20261101-001：更换破损水管'] }],
};

/** Every table in the document, in order (nested in columns and stacks too). */
function tables(node: unknown, out: ContentTable[] = []): ContentTable[] {
  if (Array.isArray(node)) node.forEach((n) => tables(n, out));
  else if (node && typeof node === 'object') {
    if ('table' in node) out.push(node as ContentTable);
    for (const key of ['content', 'stack', 'columns']) if (key in node) tables((node as Record<string, unknown>)[key], out);
  }
  return out;
}
const cellText = (cell: TableCell | undefined) => textPieces(cell).join('');
const rowTexts = (t: ContentTable) => t.table.body.map((row) => row.map(cellText));
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** No property anywhere is undefined or null, and no text says so. */
function expectNoNullish(node: unknown, path = 'doc'): void {
  expect(node, path).not.toBeUndefined();
  expect(node, path).not.toBeNull();
  if (typeof node === 'string') expect(node, path).not.toMatch(/undefined|null|NaN/);
  else if (Array.isArray(node)) node.forEach((n, i) => expectNoNullish(n, `${path}[${i}]`));
  else if (typeof node === 'object') for (const [k, v] of Object.entries(node as object)) expectNoNullish(v, `${path}.${k}`);
}

/** A row's height as pdfmake gets it (a number, an array entry or a function). */
function heightOf(t: ContentTable, row: number): number | 'auto' {
  const h = t.table.heights;
  if (typeof h === 'function') return h(row);
  if (Array.isArray(h)) return h[row]!;
  return h ?? 'auto';
}

const HEADERS = ['序号', '编号', '受理时间', '投诉人', '房号', '联系电话', '方式', '类别', '投诉内容', '被投诉部门', '接待人', '等级', '处理结果', '回访情况', '状态/备注'];

describe('投诉记录表 (register)', () => {
  const doc = complaintRegisterDoc(FORM, DATA);
  const grid = tables(doc.content).find((t) => t.table.headerRows === 1)!;

  it('is A4 landscape with margins of at least 15 mm', () => {
    expect(doc.pageSize).toBe('A4');
    expect(doc.pageOrientation).toBe('landscape');
    expect((doc.pageMargins as number[]).every((m) => m >= mm(15))).toBe(true);
  });

  it('has every column of the register, its header row repeated on each page with a row under it, and rows that never break', () => {
    expect(grid.table.body[0]!.map((c) => cellText(c).replace('\n', ''))).toEqual(HEADERS);
    expect(grid.table.headerRows).toBe(1);
    expect(grid.table.keepWithHeaderRows).toBe(1);
    expect(grid.table.dontBreakRows).toBe(true);
    expect(grid.table.widths).toHaveLength(HEADERS.length);
    expect(grid.table.body.every((row) => row.length === HEADERS.length)).toBe(true);
  });

  it('prints one row per complaint with every value in its column', () => {
    expect(rowTexts(grid)[1]).toEqual([
      '1',
      'YGHA-20261102-003',
      '2026-11-02 09:12',
      '张伟',
      '3栋2单元1602',
      '138****5678',
      '来电',
      '工程质量',
      '楼上漏水，卫生间天花板持续滴水，已影响照明',
      '工程部 / 维修工王师傅',
      '周晓雯',
      '一般',
      '第1轮：已修复\n第2轮：闭水试验 48 小时无渗漏',
      '11-03 电话 不满意\n11-05 上门 满意',
      '已办结；已上报主任',
    ]);
    expect(rowTexts(grid)[2]!.filter((t) => t === '')).toHaveLength(5);
  });

  it('heads the sheet with the office, spaced title, period, filters, form number and the QR code', () => {
    const text = documentText(doc);
    for (const v of ['阳光花园服务中心', '投 诉 记 录 表', '期间：2026-11-01 至 2026-11-30', '筛选条件：类别：工程质量', '数据截至：2026-12-01 09:00', '表单编号：WY-KF-JL-003', '版本：A/0']) {
      expect(text).toContain(v);
    }
    expect(JSON.stringify(doc.content)).toContain('"qr":"WY-KF-JL-003|2026-11"');
    expect(JSON.stringify(complaintRegisterDoc(BLANK_FORM, DATA).content)).not.toContain('"qr"');
  });

  it('ends with the totals line and three signatures with their dates', () => {
    const text = documentText(doc);
    expect(text).toContain('本期共 42 件：有效 39，无效 3；重大 1；按时办结 37；回访 42（100%）；满意 36，基本满意 5，不满意 1');
    for (const role of ['记录人', '客服主管', '主任']) expect(text).toContain(`${role}：__________${GAP}日期：${DATE_LINE}`);
  });

  it('numbers every page and names the print on it; later pages say what they continue', () => {
    const footer = textPieces((doc.footer as DynamicContent)(3, 7, LANDSCAPE)).join(' ');
    expect(footer).toContain('第 3 页 / 共 7 页');
    expect(footer).toContain('WY-KF-JL-003');
    expect(footer).toContain('打印 2026-12-01 09:00');
    expect((doc.header as DynamicContent)(1, 7, LANDSCAPE)).toBeNull();
    expect(textPieces((doc.header as DynamicContent)(2, 7, LANDSCAPE)).join('')).toBe('阳光花园服务中心 投诉记录表（续）　期间：2026-11-01 至 2026-11-30');
  });

  it('prints empty fields as blanks, never undefined or null', () => {
    expectNoNullish(doc);
    expectNoNullish(complaintRegisterDoc({ officeName: '', formCode: '', formVersion: '', printVersion: '' }, { ...DATA, officeName: '', filters: '' }));
    expect(documentText(complaintRegisterDoc(FORM, { ...DATA, filters: '' }))).toContain('筛选条件：全部');
  });

  it('says so when the period has no complaints', () => {
    const empty = tables(complaintRegisterDoc(FORM, { ...DATA, rows: [], totals: { ...TOTALS, total: 0 } }).content)[0]!;
    expect(empty.table.body).toHaveLength(2);
    expect(cellText(empty.table.body[1]![0])).toBe('本期无投诉记录');
    expect(empty.table.body[1]![0]).toMatchObject({ colSpan: HEADERS.length });
  });

  it('breaks a run too long for a narrow column between letters; Chinese and short values wrap as usual', () => {
    const long = complaintRegisterDoc(FORM, { ...DATA, rows: [{ ...ROW, complainantName: 'Christopherson', phone: '0571-****6666-1234' }] });
    const row = tables(long.content)[0]!.table.body[1]!;
    expect(row[3]).toMatchObject({ wordBreak: 'break-all' });
    expect(row[5]).not.toHaveProperty('wordBreak'); // breaks after each '-'
    expect(rowTexts(grid)[1]!.length).toBe(HEADERS.length);
    expect(grid.table.body[1]![1]).not.toHaveProperty('wordBreak');
  });
});

describe('a register row taller than a page', () => {
  // About 430 characters of description fill a landscape page in the 投诉内容 column.
  const long = (n: number, mark: string) => `${mark}${'楼上漏水，卫生间天花板持续滴水，已影响照明。'.repeat(Math.ceil(n / 22)).slice(0, n)}${mark}完`;
  const tall: RegisterRow = { ...ROW, description: long(1000, '【内容】'), result: long(500, '【结果】') };
  const rows = (row: RegisterRow) => rowTexts(tables(complaintRegisterDoc(FORM, { ...DATA, rows: [ROW, row, BARE] }).content)[0]!).slice(1);

  it('is cut between lines into parts that each fit a page, the later ones numbered 编号（续）; nothing of it is lost', () => {
    const body = rows(tall);
    expect(body.length).toBe(2 + 3);
    const parts = body.slice(1, 4);
    expect(parts.map((p) => p.slice(0, 2))).toEqual([
      ['1', ROW.number],
      ['1', `${ROW.number}（续）`],
      ['1', `${ROW.number}（续）`],
    ]);
    // The values of the first part only; the long texts continue in order.
    expect(parts[0]!.slice(2, 8)).toEqual(rows(ROW)[0]!.slice(2, 8));
    expect(parts.slice(1).every((p) => p.slice(2, 8).every((t) => t === ''))).toBe(true);
    expect(parts.map((p) => p[8]).join('')).toBe(tall.description);
    expect(parts.map((p) => p[12]).join('')).toBe(tall.result);
    expect(parts[0]![8]!.startsWith('【内容】')).toBe(true);
    expect(parts[2]![8]!.endsWith('【内容】完')).toBe(true);
  });

  it('a row that fits on a page is left whole, however tall', () => {
    const high = { ...ROW, description: long(400, '【内容】') };
    expect(rows(high)).toHaveLength(3);
    expect(rows(high)[1]![8]).toBe(high.description);
  });
});

describe('summary line and percentages', () => {
  it('follows FORMS.md, rates rounded to one decimal, — for nothing to count', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('—');
    expect(summaryLine({ ...TOTALS, followedUp: 40, followUpImpossible: 2 }, '本月')).toBe(
      '本月共 42 件：有效 39，无效 3；重大 1；按时办结 37；回访 40（95.2%），无法回访 2；满意 36，基本满意 5，不满意 1',
    );
    expect(summaryLine({ ...TOTALS, followUpOwed: 0, followedUp: 0 })).toContain('回访 0（—）');
    expect(summaryLine(null)).toBe('本期共 ____ 件：有效 ____，无效 ____；重大 ____；按时办结 ____；回访 ____（____%）；满意 ____，基本满意 ____，不满意 ____');
  });
});

describe('月度投诉统计报表', () => {
  const doc = monthlyReportDoc({ ...FORM, formCode: 'WY-KF-JL-006' }, REPORT);
  const text = documentText(doc);
  const all = tables(doc.content);
  const tableHeaded = (first: string) => all.find((t) => cellText(t.table.body[0]![0]) === first)!;

  it('is A4 portrait, headed with office, month and form number', () => {
    expect(doc.pageOrientation).toBe('portrait');
    for (const v of ['阳光花园服务中心', '月 度 投 诉 统 计 报 表', '月份：2026 年 11 月（2026-11-01 至 2026-11-30）', '统计截至：2026-12-01 09:00', '表单编号：WY-KF-JL-006']) {
      expect(text).toContain(v);
    }
  });

  it('opens with the register\'s summary line', () => {
    expect(text).toContain('本月共 42 件：有效 39，无效 3；重大 1；按时办结 37；回访 42（100%）；满意 36，基本满意 5，不满意 1');
  });

  it('has tables by category, department, channel and severity with count, share, on time, late and a total', () => {
    expect(rowTexts(tableHeaded('投诉类别'))).toEqual([
      ['投诉类别', '件数', '占比', '按时', '超时'],
      ['工程质量', '30', '71.4%', '28', '1'],
      ['环境卫生', '12', '28.6%', '9', '1'],
      ['合计', '42', '100%', '37', '2'],
    ]);
    for (const first of ['责任部门', '受理渠道', '投诉等级']) expect(tableHeaded(first).table.headerRows).toBe(1);
    expect(rowTexts(tableHeaded('投诉等级'))[1]).toEqual(['重大', '1', '2.4%', '0', '1']);
  });

  it('shows every rate beside last month\'s, — where there was nothing to count', () => {
    expect(rowTexts(tableHeaded('指标'))).toEqual([
      ['指标', '本月', '上月'],
      ['及时率 · 首次答复', '92.9%（13/14）', '100%（20/20）'],
      ['及时率 · 上报', '—', '50%（1/2）'],
      ['回访率（目标 100%）', '100%（42/42）', '96.7%（29/30）'],
      ['满意率', '97.6%（41/42）', '93.1%（27/29）'],
      ['重复投诉率', '4.8%（2/42）', '0%（0/30）'],
    ]);
  });

  it('lists the major complaints and the recurring problems with their measures', () => {
    const majors = rowTexts(tableHeaded('编号 / 房号'));
    expect(majors[0]).toEqual(['编号 / 房号', '事件经过', '处理措施', '处理结果', '总结与改进']);
    expect(majors[1]).toEqual([
      'YGHA-20261105-001\n2026-11-05 10:00\n3栋1单元201\n工程质量\n工程部',
      '外墙渗水导致室内墙面发霉',
      '第1轮（工程部）：外墙打胶修补\n2026-11-05 10:30 上报主任',
      '闭水试验无渗漏；回访：满意；状态：已办结',
      '总结：外墙防水老化\n改进：雨季前巡查外墙',
    ]);
    expect(rowTexts(tableHeaded('楼栋 / 类别'))[1]).toEqual(['同一楼栋\n3栋', '4', 'YGHA-20261101-001\nYGHA-20261105-001', 'YGHA-20261101-001：更换破损水管']);
    const none = documentText(monthlyReportDoc(FORM, { ...REPORT, majors: [], recurring: [] }));
    expect(none).toContain('本月无重大投诉');
    expect(none).toContain('本月无同一楼栋或同一类别 3 次及以上的投诉');
  });

  it('ends with 编制 / 审核 / 服务中心主任, each with a signature and a date', () => {
    const signatures = all.at(-1)!;
    expect(signatures.table.body[0]!.map(cellText).filter((t) => ['编　制', '审　核', '服务中心主任'].includes(t))).toHaveLength(3);
    expect(textPieces(signatures).join('').match(/日期：____年__月__日/g)).toHaveLength(3);
  });

  it('prints empty values as blanks, never undefined or null', () => {
    expectNoNullish(doc);
    expectNoNullish(monthlyReportDoc(BLANK_FORM, { ...REPORT, majors: [{ ...REPORT.majors[0]!, measures: [], summary: '', improvement: '' }] }));
  });
});

describe('blank forms', () => {
  const register = blankRegisterDoc(BLANK_FORM);
  const report = blankMonthlyReportDoc({ ...BLANK_FORM, formCode: 'WY-KF-JL-006' });
  const DATA_VALUES = ['YGHA', '张伟', '138****5678', '42', '71.4%', '外墙渗水', '2026-11-01', '2026-12-01'];

  it.each([
    ['投诉记录表', register],
    ['月度投诉统计报表', report],
  ] as const)('%s carries no data, no QR code and nothing nullish', (_name, doc) => {
    expectNoNullish(doc);
    const text = documentText(doc);
    expect(DATA_VALUES.filter((v) => text.includes(v))).toEqual([]);
    expect(JSON.stringify(doc.content)).not.toContain('"qr"');
  });

  it('the blank register is the same grid, landscape, with empty rows at least 8 mm high', () => {
    expect(register.pageOrientation).toBe('landscape');
    const grid = tables(register.content)[0]!;
    expect(grid.table.body[0]!.map((c) => cellText(c).replace('\n', ''))).toEqual(HEADERS);
    expect(grid.table.body).toHaveLength(1 + BLANK_ROWS);
    const padding = 2 * 2; // 2 pt above and below: pdfmake's row height is the content's
    for (let i = 1; i <= BLANK_ROWS; i++) {
      expect(grid.table.body[i]!.every((c) => cellText(c) === '')).toBe(true);
      expect((heightOf(grid, i) as number) + padding).toBeGreaterThanOrEqual(LINE - 0.01);
    }
    const text = documentText(register);
    expect(text).toContain(`期间：${DATE_LINE} 至 ${DATE_LINE}`);
    expect(text).toContain(summaryLine(null));
    expect(text).toContain(`主任：__________${GAP}日期：${DATE_LINE}`);
  });

  it('the blank report names the fixed rows (channels, severities, rates) and leaves room to write everywhere else', () => {
    const text = squeeze(documentText(report));
    for (const v of ['月份：____年__月', '员工反馈/巡查', '问卷调查', '轻微', '重大', '及时率·无效告知', '回访率（目标100%）', '重复投诉率', '编　制'.replace('　', '')]) {
      expect(text).toContain(squeeze(v));
    }
    expect(squeeze(documentText(report))).toContain(squeeze(summaryLine(null, '本月')));
    // Every row below a header is at least one line of handwriting high; the major complaints three.
    const padding = 2 * 3;
    for (const t of tables(report.content).slice(0, -1)) {
      for (let i = 1; i < t.table.body.length; i++) expect((heightOf(t, i) as number) + padding, cellText(t.table.body[0]![0])).toBeGreaterThanOrEqual(LINE - 0.01);
    }
    const majors = tables(report.content).find((t) => cellText(t.table.body[0]![0]) === '编号 / 房号')!;
    expect((heightOf(majors, 1) as number) + padding).toBeGreaterThanOrEqual(3 * LINE - 0.01);
  });

  it('a section heading keeps with its table: it moves to the next page when it would start in the last 100 pt', () => {
    const pageBreakBefore = report.pageBreakBefore!;
    const heading = { headlineLevel: 1 } as Parameters<typeof pageBreakBefore>[0];
    const at = (verticalRatio: number) => pageBreakBefore({ ...heading, startPosition: { verticalRatio, pageInnerHeight: 700, top: 0 } } as never, {} as never);
    expect(at(0.5)).toBe(false);
    expect(at(0.9)).toBe(true);
    expect(pageBreakBefore({ startPosition: { verticalRatio: 0.95, pageInnerHeight: 700, top: 0 } } as never, {} as never)).toBe(false);
  });
});
