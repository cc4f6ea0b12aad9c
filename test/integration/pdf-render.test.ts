/**
 * Real PDFs from real data: a complaint walked through the procedure on a real SQLite file,
 * rendered with the bundled font and checked with poppler the way a printer would see them —
 * the text is there (rare name characters too), fonts are embedded subsets, the page is A4 and
 * nothing is drawn within 10 mm of the paper's edge.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ComplaintDetail } from '../../src-preload/contract';
import { blankComplaintRecordDoc, blankHandlingRecordDoc } from '../../src-main/pdf/blank-forms';
import { complaintRecordDoc } from '../../src-main/pdf/complaint-record.doc';
import { handlingRecordDoc } from '../../src-main/pdf/handling-record.doc';
import type { FormHeader } from '../../src-main/pdf/layout';
import { renderPdf, warmUpPdf, writePdfAtomically } from '../../src-main/pdf/render';
import { onePixelPng } from '../helpers/files';
import { expectA4, expectAllText, expectPrintable as expectPdfPrintable, renderTo as renderPdfTo, requirePoppler, run, squeeze, squeezed } from '../helpers/pdf';
import { openTestApp, type TestApp } from '../helpers/app';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, type Office } from './lifecycle-fixtures';

const RARE_NAME = '欧阳堃喆昇镕犇淼玥珺赟';
const RECORD: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-004', formVersion: 'A/0', printVersion: '打印版本 v3 · 2026-11-22 10:54' };
const HANDLING: FormHeader = { ...RECORD, formCode: 'WY-KF-JL-005' };

let app: TestApp;
let office: Office;
let dir: string;
let walked: ComplaintDetail;

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-pdf-'));
  walked = walk();
});
afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * A major complaint through two rounds: escalated, unsatisfied; round 2 dispatched to 工程部, signed
 * for, then 转派 to 环境部 and signed for there; 200 yuan cash, satisfied, summarised.
 */
function walk(): ComplaintDetail {
  setNow(app, '2026-11-02 09:20');
  let d = create(app, office, {
    complainantName: RARE_NAME,
    contactOther: '微信 zhangwei88',
    complainedPerson: '维修工王师傅',
    severity: 'major',
  });
  app.ok('attachments:add', { complaintId: d.complaint.id, actorId: office.receiverId, fileName: '漏水照片.png', dataBase64: onePixelPng().toString('base64') });
  d = app.ok('complaints:get', { id: d.complaint.id });
  d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
  d = step(app, office, 'escalate', d, { level: 'director', reason: '业主扬言向住建局投诉，报主任' });
  setNow(app, '2026-11-02 09:40');
  d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 09:35' });
  setNow(app, '2026-11-02 15:00');
  d = step(app, office, 'recordResult', d, { handlerId: office.handlerId, measures: '上门检查楼上卫生间，更换破损水管', result: '已修复，天花板不再滴水', completedAt: '2026-11-02 14:30' });
  setNow(app, '2026-11-03 10:00');
  d = step(app, office, 'followUp', d, { at: '2026-11-03 09:50', method: 'phone', visitorId: office.receiverId, personVisited: '张伟', opinion: '晚上又开始滴水', satisfaction: 'unsatisfied' });
  const cleaner = app.ok('staff:save', { name: '陈洁', departmentId: office.cleaning, role: 'handler' });
  setNow(app, '2026-11-03 10:10');
  d = step(app, office, 'dispatch', d, { departmentId: office.engineering, handlerId: office.handlerId });
  setNow(app, '2026-11-03 10:20');
  d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-03 10:20' });
  setNow(app, '2026-11-03 11:00');
  d = step(app, office, 'redispatch', d, { departmentId: office.cleaning, handlerId: cleaner.id, reason: '查明为公共排水管堵塞，归环境部疏通' });
  setNow(app, '2026-11-03 11:15');
  d = step(app, office, 'signFor', d, { signerId: cleaner.id, signedAt: '2026-11-03 11:10' });
  setNow(app, '2026-11-04 16:00');
  d = step(app, office, 'recordResult', d, {
    handlerId: cleaner.id,
    measures: '重做楼上卫生间防水层',
    result: '闭水试验 48 小时无渗漏',
    completedAt: '2026-11-04 15:30',
    compensationKind: 'cash',
    compensationAmount: 200,
  });
  setNow(app, '2026-11-05 10:00');
  d = step(app, office, 'followUp', d, { at: '2026-11-05 09:45', method: 'visit', visitorId: office.receiverId, personVisited: '张伟', opinion: '这次修好了', satisfaction: 'satisfied' });
  d = step(app, office, 'summarize', d, { summary: '楼上防水层老化导致渗漏', improvement: '每季度巡查楼栋防水' });
  expect(d.complaint.status).toBe('closed');
  return d;
}

// ------------------------------------------------------------------------------------------
// poppler helpers (test/helpers/pdf.ts), writing into this file's temp folder
// ------------------------------------------------------------------------------------------

const renderTo = (name: string, doc: TDocumentDefinitions) => renderPdfTo(dir, name, doc);
const expectPrintable = (path: string, name: string) => expectPdfPrintable(dir, path, name);

// ------------------------------------------------------------------------------------------

describe('顾客投诉记录表 from a walked complaint', () => {
  it('prints every field, rare name characters included, on one A4 page inside the margins', async () => {
    const c = walked.complaint;
    // The desk's own copy may carry the full phone number.
    const { path, missing } = await renderTo('record', complaintRecordDoc(RECORD, walked, { maskPhone: false }));
    expect(missing).toEqual([]);
    expect(expectA4(path)).toBe(1);
    expectAllText(path, [
      '阳光花园服务中心',
      '顾 客 投 诉 记 录 表',
      c.number,
      'WY-KF-JL-004',
      'A/0',
      RARE_NAME,
      '3栋2单元1602',
      '13812345678',
      '微信 zhangwei88',
      '2026-11-02 09:12',
      '■来电',
      '□来访',
      '工程质量',
      '■紧急',
      '2026-11-01 夜间',
      '卫生间天花板',
      '工程部 / 维修工王师傅',
      '楼上漏水，卫生间天花板持续滴水，已影响照明',
      '你们再不来修我就去住建局投诉！',
      '今天之内上门查看并维修',
      '2026-11-02 18:00',
      '■有效',
      '■重大',
      '漏水照片.png',
      '周晓雯',
      '____年__月__日',
      '已修复，天花板不再滴水',
      '闭水试验 48 小时无渗漏',
      '2026-11-03 09:50',
      '晚上又开始滴水，不满意',
      '2026-11-05 09:45',
      '这次修好了，满意',
      '张伟',
      '打印版本 v3 · 2026-11-22 10:54',
      '第 1 页 / 共 1 页',
    ]);
    expect(squeezed(path)).not.toMatch(/undefined|null|NaN/);
    expectPrintable(path, 'record');
  });
});

describe('投诉处理记录表 from a walked complaint', () => {
  it('prints both rounds with deadlines, compensation, follow-ups, escalation and summary', async () => {
    const c = walked.complaint;
    const due = walked.process.deadlines.filter((d) => d.kind === 'resolution').map((d) => d.dueAt);
    expect(due).toHaveLength(2);
    const { path, missing } = await renderTo('handling', handlingRecordDoc(HANDLING, walked));
    expect(missing).toEqual([]);
    expect(expectA4(path)).toBeGreaterThanOrEqual(1);
    expectAllText(path, [
      '投 诉 处 理 记 录 表',
      c.number,
      'WY-KF-JL-005',
      RARE_NAME,
      '3栋2单元1602',
      '138****5678',
      '第1轮',
      '第2轮',
      '2026-11-02 09:20',
      ...due,
      '李强',
      '2026-11-02 09:35',
      '上门检查楼上卫生间，更换破损水管',
      '已修复，天花板不再滴水',
      '2026-11-02 14:30',
      '重做楼上卫生间防水层',
      '闭水试验 48 小时无渗漏',
      '2026-11-04 15:30',
      '■现金 200 元',
      '■电话',
      '■不满意',
      '■上门',
      '■满意',
      '晚上又开始滴水',
      '■服务中心主任',
      '业主扬言向住建局投诉，报主任',
      '楼上防水层老化导致渗漏',
      '每季度巡查楼栋防水',
      '打印版本 v3 · 2026-11-22 10:54',
    ]);
    // The handling record travels to the department: the phone number is masked by default.
    expect(squeezed(path)).not.toContain('13812345678');
    expectPrintable(path, 'handling');
  });

  it('prints round 2 as dispatched and signed for like round 1, with its 转派 line', async () => {
    const { path } = await renderTo('handling-rounds', handlingRecordDoc(HANDLING, walked));
    const text = squeezed(path);
    const round2 = text.slice(text.indexOf('第2轮'));
    expect(text.indexOf('第2轮')).toBeGreaterThan(0);
    // Round 1: 工程部, signed for by 李强.
    expect(text).toContain(squeeze('责任部门 工程部 派单时间 2026-11-02 09:20'));
    expect(text).toContain(squeeze('签 收 人 李强 签收时间 2026-11-02 09:35'));
    // Round 2: dispatched 10:10 and, after the 转派, with 环境部 — signed for there by 陈洁 at 11:10.
    expect(round2).toContain(squeeze('责任部门 环境部 派单时间 2026-11-03 10:10'));
    expect(round2).toContain(squeeze('签 收 人 陈洁 签收时间 2026-11-03 11:10'));
    // The 转派: which round, when, from which department to which, by whom, why, and 工程部's signature it replaced.
    expectAllText(
      path,
      ['转派记录 第2轮 2026-11-03 11:00 由工程部转至环境部（处理人 陈洁），经办人：周晓雯，原因：查明为公共排水管堵塞，归环境部疏通；工程部原签收：李强 2026-11-03 10:20'],
      'raw',
    );
  });
});

describe('blank forms', () => {
  it.each([
    ['blank-record', () => blankComplaintRecordDoc({ ...RECORD, printVersion: '' }), '顾 客 投 诉 记 录 表'],
    ['blank-handling', () => blankHandlingRecordDoc({ ...HANDLING, printVersion: '' }), '投 诉 处 理 记 录 表'],
  ])('%s: one A4 page of empty cells inside the margins', async (name, build, title) => {
    const { path, missing } = await renderTo(name, build());
    expect(missing).toEqual([]);
    expect(expectA4(path)).toBe(1);
    expectAllText(path, [title, '编号：____', '□', '____年__月__日', '第 1 页 / 共 1 页']);
    const text = squeezed(path);
    expect(text).not.toContain('■');
    expect(text).not.toMatch(/YGHA|张伟|undefined|null/);
    expectPrintable(path, name);
  });
});

describe('long text', () => {
  it('a 1,500-character description wraps, splits across pages and stays inside the margins', async () => {
    const sentence = '楼上卫生间漏水，天花板持续滴水已三天，物业维修人员两次上门均未找到漏点，业主情绪激动。';
    const description = sentence.repeat(Math.ceil(1500 / sentence.length)).slice(0, 1500);
    // An unbroken run (a pasted link) must wrap too, not push the grid off the sheet.
    const request = `请查看视频 https://example.com/${'x'.repeat(120)} 并回电`;
    setNow(app, '2026-11-06 09:00');
    const d = create(app, office, { receivedAt: '2026-11-06 08:50', description, ownerWords: sentence.repeat(5), request });
    for (const [name, doc] of [
      ['long-record', complaintRecordDoc(RECORD, d)],
      ['long-handling', handlingRecordDoc(HANDLING, d)],
    ] as const) {
      const { path } = await renderTo(name, doc);
      expect(expectA4(path), name).toBeGreaterThanOrEqual(2);
      // Without the running header and footer, the description reads on unbroken across the page break.
      const text = squeeze(
        run('pdftotext', ['-layout', path, '-'])
          .split('\n')
          .filter((line) => !/WY-KF-JL-00\d|（续）/.test(line))
          .join('\n'),
      );
      expect(text).toContain(squeeze(description));
      expect(text).toContain('x'.repeat(20));
      expect(squeezed(path)).toContain('（续）');
      expectPrintable(path, name);
    }
  });
});

describe('characters the font lacks', () => {
  it('𠮷 (CJK Extension B) is reported in `missing`, not dropped silently', async () => {
    setNow(app, '2026-11-06 10:00');
    const d = create(app, office, { receivedAt: '2026-11-06 09:50', complainantName: '𠮷田春香' });
    const { path, missing } = await renderTo('missing', complaintRecordDoc(RECORD, d));
    expect(missing).toEqual(['𠮷']);
    expect(squeezed(path)).toContain('田春香');
  });
});

describe('renderPdf', () => {
  it('leaves the caller\'s document as it was, so it renders the same twice', async () => {
    const doc = handlingRecordDoc(HANDLING, walked);
    const before = JSON.stringify(doc);
    const first = await renderPdf(doc);
    expect(JSON.stringify(doc)).toBe(before);
    const second = await renderPdf(doc);
    expect(second.bytes.length).toBe(first.bytes.length);
  });
});

describe('warmUpPdf', () => {
  it('runs once however often it is called, never rejects, and renders the same PDFs afterwards', async () => {
    const doc = () => handlingRecordDoc(HANDLING, walked);
    const before = await renderPdf(doc());
    const warming = warmUpPdf();
    expect(warmUpPdf()).toBe(warming);
    await expect(warming).resolves.toBeUndefined();
    const after = await renderPdf(doc());
    expect(after.bytes.length).toBe(before.bytes.length);
    const { path } = await renderTo('after-warm-up', doc());
    expectAllText(path, [walked.complaint.number, RARE_NAME, '投 诉 处 理 记 录 表']);
  });
});

describe('writePdfAtomically', () => {
  it('replaces the file whole and leaves no temp file behind', async () => {
    const path = join(dir, 'atomic.pdf');
    const first = (await renderPdf(blankComplaintRecordDoc(RECORD))).bytes;
    writePdfAtomically(path, Buffer.from('old'));
    writePdfAtomically(path, first);
    expect(readFileSync(path).equals(first)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('.atomic.pdf'))).toEqual([]);
    expect(() => writePdfAtomically(join(dir, 'no-such-dir', 'x.pdf'), first)).toThrow();
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });
});
