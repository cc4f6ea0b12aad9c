/**
 * The 答复 on paper (issue 13 point 6): the printed 投诉处理记录表 carries a 答复记录 line for each
 * answer given to the complainant — when, how, who, what was said — rendered with the bundled font
 * and read back with poppler.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlingRecordDoc } from '../../src-main/pdf/handling-record.doc';
import type { FormHeader } from '../../src-main/pdf/layout';
import { openTestApp, type TestApp } from '../helpers/app';
import { expectA4, expectAllText, renderTo, requirePoppler, squeezed } from '../helpers/pdf';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, type Office } from './lifecycle-fixtures';

const HANDLING: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-005', formVersion: 'A/0', printVersion: '打印版本 v2 · 2026-11-02 16:05' };

let app: TestApp;
let office: Office;
let dir: string;

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-pdf-reply-'));
});
afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('投诉处理记录表 with 答复', () => {
  it('prints a 答复记录 line per reply: time, method, who, what was said', async () => {
    setNow(app, '2026-11-02 09:20');
    let d = create(app, office, { receivedAt: '2026-11-02 09:12', urgency: 'normal', requestedReplyAt: '' });
    setNow(app, '2026-11-02 16:00');
    d = step(app, office, 'reply', d, { at: '2026-11-02 15:00', method: 'phone', content: '已电话告知业主：工程部明天上午九点上门查看' });
    d = step(app, office, 'reply', d, { at: '2026-11-02 15:50', method: 'message', content: '短信确认上门时间' });
    const { path } = await renderTo(dir, 'handling-reply', handlingRecordDoc(HANDLING, d));
    expectA4(path);
    expectAllText(
      path,
      [
        '答复记录 2026-11-02 15:00 方式：电话 答复人：周晓雯 内容：已电话告知业主：工程部明天上午九点上门查看',
        '2026-11-02 15:50 方式：短信/微信 答复人：周晓雯 内容：短信确认上门时间',
      ],
      'raw',
    );
  });

  it('prints no 答复记录 line while nobody has answered', async () => {
    setNow(app, '2026-11-02 09:20');
    const d = create(app, office, { receivedAt: '2026-11-02 09:12', urgency: 'normal', requestedReplyAt: '' });
    const { path } = await renderTo(dir, 'handling-no-reply', handlingRecordDoc(HANDLING, d));
    expect(squeezed(path)).not.toContain('答复记录');
  });
});
