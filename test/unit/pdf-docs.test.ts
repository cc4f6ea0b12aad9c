/**
 * The form builders as data: what a docDefinition says, before any PDF is drawn. Every value of a
 * realistic complaint is on the form, tick boxes mark exactly the chosen option, nothing prints
 * 'undefined' or 'null', and the blank forms carry no data and leave room to write.
 */
import { describe, expect, it } from 'vitest';
import type { ContentStack, ContentTable, DynamicContent, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Complaint, ComplaintDetail, ComplaintProcess, DeadlineView, FollowUpView, HandlingRoundView } from '../../src-preload/contract';
import { blankComplaintRecordDoc, blankHandlingRecordDoc } from '../../src-main/pdf/blank-forms';
import { maskPhone } from '../../src-main/pdf/complaint-facts';
import { complaintRecordDoc } from '../../src-main/pdf/complaint-record.doc';
import { documentText, textPieces } from '../../src-main/pdf/doc-text';
import { handlingRecordDoc } from '../../src-main/pdf/handling-record.doc';
import { LINE, mm, type FormHeader } from '../../src-main/pdf/layout';

const FORM: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-004', formVersion: 'A/0', printVersion: '打印版本 v3 · 2026-11-22 10:54' };

const complaint: Complaint = {
  id: '01JD0000000000000000000001',
  officeCode: 'YGHA',
  number: 'YGHA-20261102-003',
  status: 'closed',
  receivedAt: '2026-11-02 09:12',
  channel: 'phone',
  receiverId: '01JD0000000000000000000002',
  receiverName: '周晓雯',
  complainantName: '张伟',
  building: '3栋',
  unit: '2单元',
  room: '1602',
  phone: '13812345678',
  contactOther: '微信 zhangwei88',
  eventTime: '2026-11-01 夜间',
  eventPlace: '卫生间天花板',
  complainedDepartmentId: '01JD0000000000000000000003',
  complainedDepartmentName: '工程部',
  complainedPerson: '维修工王师傅',
  categoryId: '01JD0000000000000000000004',
  categoryName: '工程质量',
  description: '楼上漏水，卫生间天花板持续滴水，已影响照明',
  ownerWords: '你们再不来修我就去住建局投诉！',
  request: '今天之内上门查看并维修',
  requestedReplyAt: '2026-11-02 18:00',
  validity: 'valid',
  invalidReason: '',
  severity: 'ordinary',
  urgency: 'urgent',
  version: 9,
  createdAt: '2026-11-02T01:12:00.000Z',
  updatedAt: '2026-11-05T02:00:00.000Z',
};

const round = (r: Partial<HandlingRoundView>): HandlingRoundView => ({
  round: 1,
  departmentId: '01JD0000000000000000000003',
  departmentName: '工程部',
  handlerName: '李强',
  dispatchedAt: '2026-11-02 09:20',
  dispatchedBy: '周晓雯',
  signedBy: '李强',
  signedAt: '2026-11-02 09:35',
  measures: '上门检查楼上卫生间，更换破损水管',
  result: '已修复，天花板不再滴水',
  completedBy: '李强',
  completedAt: '2026-11-02 14:30',
  compensationKind: 'none',
  compensationAmount: 0,
  ...r,
});

const followUp = (f: Partial<FollowUpView>): FollowUpView => ({
  round: 1,
  at: '2026-11-03 09:50',
  method: 'phone',
  visitor: '周晓雯',
  personVisited: '张伟',
  opinion: '晚上又开始滴水',
  satisfaction: 'unsatisfied',
  impossibleReason: '',
  approvedBy: '',
  ...f,
});

const resolution = (round: number, dueAt: string): DeadlineView => ({
  id: `01JD00000000000000000000R${round}`,
  kind: 'resolution',
  round,
  startedAt: '',
  dueAt,
  completedAt: '',
  state: 'met',
  minutes: 0,
  policyVersion: 1,
});

const process: ComplaintProcess = {
  now: '2026-11-05 10:00',
  round: 2,
  rounds: [
    round({}),
    round({
      round: 2,
      dispatchedAt: '2026-11-03 09:50',
      signedBy: '',
      signedAt: '',
      measures: '重做楼上卫生间防水层',
      result: '闭水试验 48 小时无渗漏',
      completedAt: '2026-11-04 15:30',
      compensationKind: 'cash',
      compensationAmount: 200,
    }),
  ],
  redispatches: [],
  replies: [],
  followUps: [followUp({}), followUp({ round: 2, at: '2026-11-05 09:45', method: 'visit', personVisited: '张伟之妻李芳', opinion: '这次修好了', satisfaction: 'satisfied' })],
  escalations: [{ at: '2026-11-02 10:05', level: 'director', reason: '业主扬言向住建局投诉，报主任', actor: '王敏' }],
  holds: [],
  deadlines: [resolution(1, '2026-11-05 23:59'), resolution(2, '2026-11-06 23:59')],
  allowedActions: [],
  summary: '楼上防水层老化导致渗漏',
  improvement: '每季度巡查楼栋防水',
  invalidNoticedAt: '',
  invalidNoticeMethod: '',
  closedAt: '2026-11-05 10:00',
  heldMinutes: 0,
};

const detail: ComplaintDetail = {
  complaint,
  events: [],
  attachments: [{ id: '01JD0000000000000000000009', sha256: 'ab'.repeat(32), fileName: '漏水照片.png', mime: 'image/png', size: 68, createdAt: '2026-11-02T01:15:00.000Z' }],
  process,
  editable: true,
};

/** A complaint just taken in: every optional field empty, nothing done yet. */
const bare: ComplaintDetail = {
  complaint: { ...complaint, contactOther: '', eventTime: '', eventPlace: '', complainedDepartmentId: '', complainedDepartmentName: '', complainedPerson: '', ownerWords: '', request: '', requestedReplyAt: '', status: 'registered' },
  events: [],
  attachments: [],
  process: { ...process, round: 0, rounds: [], followUps: [], escalations: [], deadlines: [], summary: '', improvement: '', closedAt: '' },
  editable: true,
};

const textOf = (doc: TDocumentDefinitions) => documentText(doc);
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The labels marked ■ in one printed tick line. */
const marked = (line: string) => [...line.matchAll(/■([^□■\s（]+)/g)].map((m) => m[1]);
/** The printed tick lines that contain this option label. */
const tickLines = (doc: TDocumentDefinitions, option: string) => documentText(doc).split('\n').filter((l) => /[□■]/.test(l) && l.includes(option));

/** The bordered grid's rows with their heights, across the tables the grid is made of. */
function gridRows(doc: TDocumentDefinitions): { cells: TableCell[]; height: number | 'auto' }[] {
  const content = doc.content as [unknown, ContentStack];
  return (content[1].stack as ContentTable[]).flatMap((t) =>
    t.table.body.map((cells, i) => ({ cells, height: t.table.heights === 'auto' ? 'auto' : (t.table.heights as number[])[i]! })),
  );
}
const rowHeight = (doc: TDocumentDefinitions, label: string) => gridRows(doc).find((r) => textPieces(r.cells[0]).join('') === label)!.height;

/** No property anywhere is undefined or null, and no text says so. */
function expectNoNullish(node: unknown, path = 'doc'): void {
  expect(node, path).not.toBeUndefined();
  expect(node, path).not.toBeNull();
  if (typeof node === 'string') expect(node, path).not.toMatch(/undefined|null|NaN/);
  else if (Array.isArray(node)) node.forEach((n, i) => expectNoNullish(n, `${path}[${i}]`));
  else if (typeof node === 'object') for (const [k, v] of Object.entries(node as object)) expectNoNullish(v, `${path}.${k}`);
}

const RECORD_VALUES = [
  'YGHA-20261102-003',
  'WY-KF-JL-004',
  'A/0',
  '阳光花园服务中心',
  '张伟',
  '3栋2单元1602',
  '微信 zhangwei88',
  '2026-11-02 09:12',
  '工程质量',
  '2026-11-01 夜间',
  '卫生间天花板',
  '工程部 / 维修工王师傅',
  '楼上漏水，卫生间天花板持续滴水，已影响照明',
  '你们再不来修我就去住建局投诉！',
  '今天之内上门查看并维修',
  '2026-11-02 18:00',
  '漏水照片.png',
  '周晓雯',
  '已修复，天花板不再滴水',
  '闭水试验 48 小时无渗漏',
  '2026-11-02 14:30',
  '2026-11-04 15:30',
  '2026-11-03 09:50',
  '晚上又开始滴水，不满意',
  '2026-11-05 09:45',
  '张伟之妻李芳',
  '这次修好了，满意',
  '打印版本 v3 · 2026-11-22 10:54',
];

describe('顾客投诉记录表', () => {
  const doc = complaintRecordDoc(FORM, detail, { maskPhone: false });

  it('is A4 portrait with margins of at least 15 mm', () => {
    expect(doc.pageSize).toBe('A4');
    expect(doc.pageOrientation).toBe('portrait');
    expect((doc.pageMargins as number[]).every((m) => m >= mm(15))).toBe(true);
  });

  it('prints every field value', () => {
    const text = squeeze(textOf(doc));
    expect(RECORD_VALUES.filter((v) => !text.includes(squeeze(v)))).toEqual([]);
    expect(text).toContain('13812345678');
  });

  it('marks exactly the chosen option of each tick list', () => {
    expect(tickLines(doc, '来电').map(marked)).toEqual([['来电']]);
    expect(tickLines(doc, '不紧急').map(marked)).toEqual([['紧急']]);
    expect(tickLines(doc, '轻微').map(marked)).toEqual([['一般']]);
    expect(tickLines(doc, '无效').map(marked)).toEqual([['有效']]);
  });

  it('prints channels outside the form\'s list as 其他 with their name', () => {
    const d = { ...detail, complaint: { ...complaint, channel: 'staff_report' as const } };
    expect(tickLines(complaintRecordDoc(FORM, d), '来电').map(marked)).toEqual([['其他']]);
    expect(textOf(complaintRecordDoc(FORM, d))).toContain('■其他（员工反馈/巡查）');
  });

  it('prints an invalid complaint\'s reason and the notice', () => {
    const d: ComplaintDetail = {
      ...bare,
      complaint: { ...bare.complaint, validity: 'invalid', invalidReason: '属业主自家装修造成', status: 'closed' },
      process: { ...bare.process, invalidNoticedAt: '2026-11-02 16:00', invalidNoticeMethod: 'phone' },
    };
    const text = textOf(complaintRecordDoc(FORM, d));
    expect(tickLines(complaintRecordDoc(FORM, d), '无效').map(marked)).toEqual([['无效']]);
    expect(text).toContain('■无效（原因：属业主自家装修造成）');
    expect(text).toContain('已于 2026-11-02 16:00 电话告知投诉人');
  });

  it('prints a follow-up that could not be done, with its reason', () => {
    const d = { ...detail, process: { ...process, followUps: [followUp({ at: '', method: '', personVisited: '', opinion: '', satisfaction: '', impossibleReason: '业主出国，电话无人接听', approvedBy: '王敏' })] } };
    expect(textOf(complaintRecordDoc(FORM, d))).toContain('未能回访的原因：业主出国，电话无人接听（审核主管：王敏）');
  });

  it('masks the phone number unless told otherwise', () => {
    const text = textOf(complaintRecordDoc(FORM, detail));
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(maskPhone('0571-88886666')).toBe('0571-****6666');
    expect(maskPhone('')).toBe('');
  });

  it('numbers its pages and names the print version in the footer', () => {
    const footer = doc.footer as DynamicContent;
    const text = textPieces(footer(2, 3, { width: 595.28, height: 841.89, orientation: 'portrait' })).join(' ');
    expect(text).toContain('第 2 页 / 共 3 页');
    expect(text).toContain('打印版本 v3 · 2026-11-22 10:54');
    expect(text).toContain('WY-KF-JL-004');
    const header = doc.header as DynamicContent;
    expect(header(1, 2, { width: 595.28, height: 841.89, orientation: 'portrait' })).toBeNull();
    expect(textPieces(header(2, 2, { width: 595.28, height: 841.89, orientation: 'portrait' })).join('')).toContain('（续）　编号：YGHA-20261102-003');
  });

  it('prints empty fields as blanks, never undefined or null', () => {
    const d = complaintRecordDoc(FORM, bare);
    expectNoNullish(d);
    expect(textOf(d)).toContain('回访时间：__________');
    expect(marked(tickLines(d, '来电')[0]!)).toEqual(['来电']);
  });
});

describe('投诉处理记录表', () => {
  const doc = handlingRecordDoc({ ...FORM, formCode: 'WY-KF-JL-005' }, detail);
  const text = textOf(doc);

  it('prints the complaint, both rounds, deadlines, follow-ups, escalation and summary', () => {
    const values = [
      'YGHA-20261102-003',
      'WY-KF-JL-005',
      '张伟',
      '3栋2单元1602',
      '138****5678',
      '2026-11-02 09:12',
      '工程质量',
      '一般',
      '楼上漏水，卫生间天花板持续滴水，已影响照明',
      '今天之内上门查看并维修',
      '2026-11-02 18:00',
      '第1轮',
      '第2轮',
      '工程部',
      '2026-11-02 09:20',
      '2026-11-03 09:50',
      '2026-11-05 23:59',
      '2026-11-06 23:59',
      '李强',
      '2026-11-02 09:35',
      '上门检查楼上卫生间，更换破损水管',
      '已修复，天花板不再滴水',
      '2026-11-02 14:30',
      '重做楼上卫生间防水层',
      '闭水试验 48 小时无渗漏',
      '2026-11-04 15:30',
      '■现金 200 元',
      '晚上又开始滴水',
      '2026-11-05 09:45',
      '张伟之妻李芳',
      '这次修好了',
      '2026-11-02 10:05',
      '业主扬言向住建局投诉，报主任',
      '王敏',
      '楼上防水层老化导致渗漏',
      '每季度巡查楼栋防水',
    ];
    const squeezed = squeeze(text);
    expect(values.filter((v) => !squeezed.includes(squeeze(v)))).toEqual([]);
    expect(text).not.toContain('13812345678');
  });

  it('puts each round\'s own resolution deadline beside it', () => {
    const lines = gridRows(doc).map((r) => textPieces(r.cells).join('|'));
    expect(lines.filter((l) => l.includes('处理时限'))).toEqual([
      '责任部门|工程部|派单时间|2026-11-02 09:20|处理时限|2026-11-05 23:59',
      '责任部门|工程部|派单时间|2026-11-03 09:50|处理时限|2026-11-06 23:59',
    ]);
  });

  it('marks exactly the chosen compensation, method, satisfaction and escalation level', () => {
    expect(tickLines(doc, '减免停车费').map(marked)).toEqual([['无'], ['现金']]);
    expect(tickLines(doc, '减免停车费')[1]).toBe('□无　■现金 200 元　□减免物业费___元　□减免停车费___元');
    expect(tickLines(doc, '短信/微信').map(marked)).toEqual([['电话'], ['上门']]);
    expect(tickLines(doc, '基本满意').map(marked)).toEqual([['不满意'], ['满意']]);
    expect(tickLines(doc, '客服主管').map(marked)).toEqual([['服务中心主任']]);
  });

  it('prints 150.50 with two decimals', () => {
    const d = { ...detail, process: { ...process, rounds: [round({ compensationKind: 'management_fee_waiver', compensationAmount: 150.5 })] } };
    expect(textOf(handlingRecordDoc(FORM, d))).toContain('■减免物业费 150.50 元');
  });

  it('has a signature cell with a date line for reception, handler, department head, visitor and director', () => {
    const signed = gridRows(handlingRecordDoc(FORM, bare)).filter((r) => textPieces(r.cells).join('').includes('日期：____年__月__日'));
    expect(signed.map((r) => textPieces(r.cells[0]).join(''))).toEqual(['接待人签字', '处理人签字', '回访人签字', '审核']);
    const handlerRow = signed[1]!;
    expect(textPieces(handlerRow.cells).join('|')).toContain('部门负责人签字');
    expect(textPieces(handlerRow.cells).join('').match(/日期：____年__月__日/g)).toHaveLength(2);
    // The director reviews: named by role as the screen names it.
    expect(textPieces(signed[3]!.cells).join('')).toContain('服务中心主任');
  });

  it('prints a complaint not yet dispatched with one open round and no data in it', () => {
    const d = handlingRecordDoc(FORM, bare);
    expectNoNullish(d);
    const t = textOf(d);
    expect(t).toContain('第1轮');
    expect(t).not.toContain('第2轮');
    expect(t).not.toContain('■');
    expect(t).toContain('□无　□现金___元　□减免物业费___元　□减免停车费___元');
  });

  it('prints a round sent back by an unsatisfied follow-up and not yet dispatched as a blank block to fill in', () => {
    const returned = { ...detail, complaint: { ...complaint, status: 'returned' as const }, process: { ...process, round: 2, rounds: [round({})], followUps: [followUp({})] } };
    const rows = gridRows(handlingRecordDoc(FORM, returned)).map((r) => textPieces(r.cells).join('|'));
    const round2 = rows.slice(rows.findIndex((r) => r.includes('第2轮')));
    expect(round2.length).toBeGreaterThan(1);
    expect(round2.find((r) => r.startsWith('责任部门'))).toBe('责任部门||派单时间||处理时限|2026-11-06 23:59');
    expect(round2.find((r) => r.startsWith('签 收 人'))).toBe('签 收 人||签收时间||派 单 人|');
  });

  it('prints each 转派 in its round: when, from which department to which, by whom, why, and the signature it replaced', () => {
    const d = {
      ...detail,
      process: {
        ...process,
        redispatches: [
          { round: 2, at: '2026-11-03 11:00', actor: '周晓雯', reason: '查明为公共排水管堵塞', fromDepartmentName: '工程部', toDepartmentName: '环境部', toHandlerName: '陈洁', fromSignedBy: '李强', fromSignedAt: '2026-11-03 10:20' },
        ],
      },
    };
    const rows = gridRows(handlingRecordDoc(FORM, d)).map((r) => textPieces(r.cells).join('|'));
    const at = rows.findIndex((r) => r.startsWith('转派记录'));
    expect(rows[at]).toBe('转派记录|第2轮 2026-11-03 11:00 由工程部转至环境部（处理人 陈洁），经办人：周晓雯，原因：查明为公共排水管堵塞；工程部原签收：李强 2026-11-03 10:20');
    // Inside round 2's block, right under its 责任部门.
    expect(at).toBeGreaterThan(rows.findIndex((r) => r.includes('第2轮')));
    expect(rows[at - 1]).toMatch(/^责任部门/);
    expect(rows.filter((r) => r.startsWith('转派记录'))).toHaveLength(1);
  });

  it('a 转派 reason typed with its own 。 prints without 。；', () => {
    const redispatch = { round: 2, at: '2026-11-03 11:00', actor: '周晓雯', reason: '查明为公共排水管堵塞。', fromDepartmentName: '工程部', toDepartmentName: '环境部', toHandlerName: '', fromSignedBy: '李强', fromSignedAt: '2026-11-03 10:20' };
    const d = { ...detail, process: { ...process, redispatches: [redispatch] } };
    const line = gridRows(handlingRecordDoc(FORM, d)).map((r) => textPieces(r.cells).join('|')).find((r) => r.startsWith('转派记录'))!;
    expect(line).toContain('原因：查明为公共排水管堵塞；工程部原签收');
    expect(line).not.toContain('。；');
  });

  it('lists holds when there were any', () => {
    const d = { ...detail, process: { ...process, holds: [{ fromAt: '2026-11-03 10:00', expectedDate: '2026-11-04', reason: '等待业主在家', resumedAt: '2026-11-04 09:00', heldMinutes: 1380 }] } };
    expect(textOf(handlingRecordDoc(FORM, d))).toContain('2026-11-03 10:00 至 2026-11-04 09:00，预计 2026-11-04 恢复：等待业主在家');
  });
});

describe('blank forms', () => {
  const blankForm = { ...FORM, printVersion: '' };
  const forms = [
    ['顾客投诉记录表', '投诉内容', blankComplaintRecordDoc(blankForm)],
    ['投诉处理记录表', '处理措施', blankHandlingRecordDoc(blankForm)],
  ] as const;

  it.each(forms)('%s carries no data: only labels, open tick boxes and lines to write on', (_name, _bigCell, doc) => {
    expectNoNullish(doc);
    const text = textOf(doc);
    expect(text).not.toContain('■');
    expect(text).toMatch(/编号：_{10,}/);
    const values = [...RECORD_VALUES.filter((v) => !['WY-KF-JL-004', 'A/0', '阳光花园服务中心'].includes(v)), '13812345678', '138****5678', 'YGHA'];
    expect(values.filter((v) => text.includes(v))).toEqual([]);
  });

  it.each(forms)('%s: every row at least 8 mm high, four lines or more for %s', (_name, bigCell, doc) => {
    const rows = gridRows(doc);
    const padding = 8; // 4 pt above and below: pdfmake's row height is the content's
    for (const r of rows.filter((row) => row.cells.length > 1 && textPieces(row.cells[0]).join('') !== '第1轮')) {
      expect(r.height, textPieces(r.cells[0]).join('')).not.toBe('auto');
      expect((r.height as number) + padding).toBeGreaterThanOrEqual(LINE - 0.01);
    }
    expect((rowHeight(doc, bigCell) as number) + padding).toBeGreaterThanOrEqual(4 * LINE - 0.01);
  });
});

describe('long text', () => {
  it('a run without break opportunities wraps anywhere instead of widening the grid', () => {
    const d = { ...detail, complaint: { ...complaint, request: `请看 https://example.com/${'x'.repeat(80)}` } };
    const cell = gridRows(complaintRecordDoc(FORM, d)).flatMap((r) => r.cells).find((c) => textPieces(c).join('').startsWith('请看'));
    expect(cell).toMatchObject({ wordBreak: 'break-all' });
    const normal = gridRows(complaintRecordDoc(FORM, detail)).flatMap((r) => r.cells).find((c) => textPieces(c).join('') === '今天之内上门查看并维修');
    expect(normal).not.toHaveProperty('wordBreak');
  });

  it('a long description may break over pages and gets no fixed height', () => {
    const d = { ...detail, complaint: { ...complaint, description: '漏水'.repeat(750) } };
    expect(rowHeight(complaintRecordDoc(FORM, d), '投诉内容')).toBe('auto');
    const tables = (complaintRecordDoc(FORM, d).content as [unknown, ContentStack])[1].stack as ContentTable[];
    const own = tables.find((t) => t.table.body.length === 1 && textPieces(t.table.body[0]![0]).join('') === '投诉内容')!;
    expect(own.table.dontBreakRows).toBe(false);
    expect(tables.filter((t) => t !== own).every((t) => t.table.dontBreakRows === true)).toBe(true);
  });
});

