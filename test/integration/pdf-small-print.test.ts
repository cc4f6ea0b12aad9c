/**
 * Small print defects (issue 13 point 11), on complaints taken in and followed up on a real SQLite
 * file, rendered with the bundled fonts and read back with poppler: emoji in the complainant's own
 * words print as glyphs of the embedded Noto Emoji, and a field the complaint form, the register or
 * the monthly report joins to more text never doubles the punctuation the user typed at its end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPrintInputSchema, type ComplaintDetail, type Severity } from '../../src-preload/contract';
import { complaintRecordDoc } from '../../src-main/pdf/complaint-record.doc';
import type { FormHeader } from '../../src-main/pdf/layout';
import { monthlyReportDoc } from '../../src-main/pdf/monthly-report.doc';
import { complaintRegisterDoc } from '../../src-main/pdf/register.doc';
import { monthlyReportData, registerPrintData } from '../../src-main/services/reports.service';
import { openTestApp, type TestApp } from '../helpers/app';
import { expectPrintable, renderTo, requirePoppler, run, squeeze, squeezed } from '../helpers/pdf';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, unpinClock, type Office } from './lifecycle-fixtures';

const RECORD: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-004', formVersion: 'A/0', printVersion: '打印版本 v1 · 2026-11-03 10:00' };
/** Two punctuation marks in a row where the form joins two pieces of text (。， ，， 。；…). */
const DOUBLED = /[。，、；：,.;:][，、；：,;:]/;

let app: TestApp;
let office: Office;
let dir: string;

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-small-print-'));
});
afterAll(() => {
  if (app) unpinClock(app);
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A complaint taken in at 09:12, done (`已修复。`) and followed up the next morning with `opinion`. */
function followedUp(ownerWords: string, opinion: string, severity: Severity = 'ordinary'): ComplaintDetail {
  setNow(app, '2026-11-02 09:12');
  let d = create(app, office, { ownerWords, severity });
  setNow(app, '2026-11-02 09:30');
  d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
  d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 09:20' });
  setNow(app, '2026-11-02 15:00');
  d = step(app, office, 'recordResult', d, { handlerId: office.handlerId, measures: '更换破损水管', result: '已修复。', completedAt: '2026-11-02 14:30' });
  setNow(app, '2026-11-03 10:00');
  return step(app, office, 'followUp', d, { at: '2026-11-03 09:50', method: 'phone', visitorId: office.receiverId, personVisited: '张伟', opinion, satisfaction: 'satisfied' });
}

/** pdffonts: every font embedded as a subset, by base name. */
function embeddedFonts(path: string): { name: string; emb: string; sub: string }[] {
  return run('pdffonts', [path])
    .trim()
    .split('\n')
    .slice(2)
    .map((row) => {
      const cols = row.trim().split(/\s+/);
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0]!.replace(/^[A-Z]{6}\+/, ''), emb: emb!, sub: sub! };
    });
}

describe('顾客投诉记录表: emoji in 业主原话', () => {
  it('prints 漏水😡🙏 with glyphs of the embedded Noto Emoji: the emoji come back out of the PDF and nothing is reported missing', async () => {
    const d = followedUp('漏水😡🙏 再不修就投诉👍🏽', '处理及时');
    const { path, missing } = await renderTo(dir, 'emoji', complaintRecordDoc(RECORD, d));
    expect(missing).toEqual([]);
    expect(embeddedFonts(path)).toEqual(
      expect.arrayContaining([
        { name: 'NotoSansSC-Regular', emb: 'yes', sub: 'yes' },
        { name: 'NotoEmoji-Regular', emb: 'yes', sub: 'yes' },
      ]),
    );
    const text = squeezed(path, 'raw');
    expect(text).toContain('漏水😡🙏');
    expect([...text].map((ch) => ch.codePointAt(0)!)).toEqual(expect.arrayContaining([0x1f621, 0x1f64f, 0x1f44d]));
    expectPrintable(dir, path, 'emoji');
  });
});

describe('顾客投诉记录表: punctuation where the form joins text', () => {
  it.each([
    ['处理及时。', '处理及时，满意'],
    ['处理及时，', '处理及时，满意'],
    ['处理及时；', '处理及时，满意'],
    ['处理及时！', '处理及时！满意'],
    ['处理及时。 ', '处理及时，满意'],
  ])('a follow-up opinion typed as “%s” prints 意见：%s, never two marks in a row', async (opinion, printed) => {
    const d = followedUp('', opinion);
    const { path } = await renderTo(dir, `opinion-${d.complaint.number}`, complaintRecordDoc(RECORD, d));
    const text = squeezed(path, 'raw');
    expect(text).toContain(squeeze(`意见：${printed}`));
    expect(text.match(DOUBLED)?.[0] ?? null).toBeNull();
  });
});

describe('投诉记录表 and 月度投诉统计报表: punctuation where the reports join text', () => {
  it('an invalid reason and a result typed with their own 。 print as “…造成；已上报…” and “已修复；回访：满意”, never 。；', async () => {
    setNow(app, '2026-11-10 08:30');
    let d = create(app, office, { receivedAt: '2026-11-10 08:30', description: '要求物业赔偿自家装修损坏' });
    setNow(app, '2026-11-10 09:00');
    d = step(app, office, 'escalate', d, { level: 'director', reason: '业主情绪激动。' });
    step(app, office, 'markInvalid', d, { reason: '属业主自家装修造成。' });
    const major = followedUp('', '满意。', 'major');
    setNow(app, '2026-12-01 09:00');
    const register = registerPrintData(app.ctx, registerPrintInputSchema.parse({ from: '2026-11-01', to: '2026-11-30' }));
    const report = monthlyReportData(app.ctx, { month: '2026-11' });

    const registerPdf = await renderTo(dir, 'register', complaintRegisterDoc({ ...RECORD, formCode: 'WY-KF-JL-003' }, register));
    const registerText = squeezed(registerPdf.path, 'raw');
    expect(registerText).toContain('无效原因：属业主自家装修造成；已上报');
    expect(registerText.match(DOUBLED)?.[0] ?? null).toBeNull();

    const reportPdf = await renderTo(dir, 'monthly', monthlyReportDoc({ ...RECORD, formCode: 'WY-KF-JL-006' }, report));
    const reportText = squeezed(reportPdf.path, 'raw');
    expect(reportText).toContain(major.complaint.number);
    expect(reportText).toContain('已修复；回访：满意');
    expect(reportText.match(DOUBLED)?.[0] ?? null).toBeNull();
  });
});
