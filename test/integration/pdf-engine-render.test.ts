/**
 * The engine speed-ups (src-main/pdf/engine-speedups.ts) print exactly what stock pdfmake prints.
 * The same documents are rendered in two fresh processes — one with the speed-ups, one with
 * COMPLAINT_DESK_PDF_ENGINE=stock — and compared the way a reader and a copy-paste would see them:
 * page images pixel for pixel (poppler, 100 dpi) and the text in drawing order.
 * Each process renders every document twice and keeps the second: the process-wide caches
 * (shaping, glyphs, styles) are in use by then.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintDetail, RegisterPrintData, RegisterRow } from '../../src-preload/contract';
import type { FormHeader } from '../../src-main/pdf/layout';
import { monthlyReportData } from '../../src-main/services/reports.service';
import { openTestApp, type TestApp } from '../helpers/app';
import { requirePoppler, run } from '../helpers/pdf';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, type Office } from './lifecycle-fixtures';

const ROOT = resolve(__dirname, '../..');
const FORM: FormHeader = { officeName: '阳光花园服务中心', formCode: 'WY-KF-JL-005', formVersion: 'A/0', printVersion: '打印版本 v1 · 2026-11-30 18:00', qr: 'YGHA-20261102-001|handling_record|v1' };

/** What the child process builds and renders: a builder from src-main/pdf, its header and its data. */
interface Job {
  name: string;
  kind: 'handling' | 'record' | 'register' | 'monthly';
  data: unknown;
}

/** Runs in the child (plain JS under tsx): build each document, render it twice, keep the second. */
const CHILD = `
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [root, jobsFile, outDir] = process.argv.slice(1);
const pdf = (file) => require(join(root, 'src-main/pdf', file));
const builders = {
  handling: pdf('handling-record.doc.ts').handlingRecordDoc,
  record: pdf('complaint-record.doc.ts').complaintRecordDoc,
  register: pdf('register.doc.ts').complaintRegisterDoc,
  monthly: pdf('monthly-report.doc.ts').monthlyReportDoc,
};
const { renderPdf } = pdf('render.ts');
const { pdfEngineSpeedUps } = pdf('engine-speedups.ts');
(async () => {
  const { form, jobs } = JSON.parse(readFileSync(jobsFile, 'utf8'));
  for (const job of jobs) {
    await renderPdf(builders[job.kind](form, job.data));
    const { bytes } = await renderPdf(builders[job.kind](form, job.data));
    writeFileSync(join(outDir, job.name + '.pdf'), bytes);
  }
  process.stdout.write(JSON.stringify(pdfEngineSpeedUps()));
})().catch((error) => { console.error(error); process.exit(1); });
`;

let app: TestApp;
let office: Office;
let dir: string;
let jobs: Job[];

/** A major complaint through two rounds, with a rare name, Latin text, an unbroken link and a 1,500-character description. */
function walk(): ComplaintDetail {
  const sentence = '楼上卫生间漏水，天花板持续滴水已三天，物业维修人员两次上门均未找到漏点，业主情绪激动。';
  setNow(app, '2026-11-02 09:12');
  let d = create(app, office, {
    complainantName: '欧阳堃喆昇镕',
    contactOther: '微信 zhangwei88',
    severity: 'major',
    description: sentence.repeat(40).slice(0, 1500),
    request: `请查看视频 https://example.com/${'x'.repeat(120)} 并回电 (call back after 18:00, ext. 2034)`,
  });
  setNow(app, '2026-11-02 09:20');
  d = step(app, office, 'dispatch', d, { departmentId: office.engineering });
  d = step(app, office, 'escalate', d, { level: 'director', reason: '业主扬言向住建局投诉，报主任' });
  setNow(app, '2026-11-02 09:40');
  d = step(app, office, 'signFor', d, { signerId: office.handlerId, signedAt: '2026-11-02 09:35' });
  setNow(app, '2026-11-02 15:00');
  d = step(app, office, 'recordResult', d, { handlerId: office.handlerId, measures: '更换破损水管 DN20，重做防水', result: '已修复', completedAt: '2026-11-02 14:30', compensationKind: 'cash', compensationAmount: 200 });
  setNow(app, '2026-11-03 10:00');
  return step(app, office, 'followUp', d, { at: '2026-11-03 09:50', method: 'phone', visitorId: office.receiverId, personVisited: '业主本人', opinion: '满意 OK', satisfaction: 'satisfied' });
}

/** Register rows of every kind a desk writes: long Chinese, Latin names, extensions, line breaks, empty cells. */
function registerData(): RegisterPrintData {
  const texts = [
    '外墙渗水，下雨后卧室墙面大面积发霉起皮，衣柜里的衣服都受潮发霉了，请工程部尽快查明漏点。',
    'Elevator No.3 stops between floors; residents trapped twice this week — 电梯维保单位一直说在等配件。',
    '楼道灯不亮',
    '',
  ];
  const rows: RegisterRow[] = Array.from({ length: 60 }, (_, i) => ({
    seq: i + 1,
    complaintId: `c${i}`,
    number: `YGHA-202611${String(1 + (i % 28)).padStart(2, '0')}-${String(i + 1).padStart(3, '0')}`,
    receivedAt: `2026-11-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    complainantName: i % 7 === 0 ? 'Alexandra Konstantinopoulou' : ['欧阳堃喆', '王芳', '匿名业主'][i % 3]!,
    room: i % 5 === 0 ? '' : `${1 + (i % 30)}栋${1 + (i % 4)}单元${100 + i}`,
    phone: i % 6 === 0 ? `0755-8888${String(i).padStart(4, '0')} 转 2034\n晚上七点后方便接听` : `138****${String(1000 + i).slice(-4)}`,
    channel: ['来电', '来访', '网络/微信'][i % 3]!,
    category: ['工程质量', '设施设备', '环境卫生'][i % 3]!,
    description: texts[i % texts.length]!.repeat(1 + (i % 3)),
    department: i % 4 === 0 ? '' : '工程部 / 电梯维保单位',
    receiver: '周晓雯',
    severity: ['轻微', '一般', '重要', '重大'][i % 4]!,
    result: i % 2 ? '已修复，业主现场确认' : '',
    followUp: i % 2 ? '11-03 电话 满意' : '',
    status: i % 2 ? '已办结' : '已登记',
    notes: '',
    remark: i % 2 ? '已办结' : '已登记',
  }));
  return {
    officeName: '阳光花园服务中心',
    period: { from: '2026-11-01', to: '2026-11-30' },
    filters: '类别：工程质量',
    asOf: '2026-11-30 18:00',
    rows,
    totals: { total: 60, valid: 59, invalid: 1, major: 15, closedOnTime: 28, closedLate: 2, followUpOwed: 30, followedUp: 29, followUpImpossible: 1, satisfied: 25, basicallySatisfied: 3, unsatisfied: 1 },
  };
}

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-pdf-engine-'));
  const walked = walk();
  jobs = [
    { name: 'handling', kind: 'handling', data: walked },
    { name: 'record', kind: 'record', data: walked },
    // Emoji in Noto Emoji (font-runs.ts): a second font through the same speed-ups.
    { name: 'record-emoji', kind: 'record', data: { ...walked, complaint: { ...walked.complaint, ownerWords: '漏水😡🙏 再不修就投诉👍🏽❤️1️⃣👨‍👩‍👧！' } } },
    { name: 'blank-handling', kind: 'handling', data: null },
    { name: 'register', kind: 'register', data: registerData() },
    { name: 'blank-register', kind: 'register', data: null },
    { name: 'monthly', kind: 'monthly', data: monthlyReportData(app.ctx, { month: '2026-11' }) },
  ];
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify({ form: FORM, jobs }));
});
afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Render every job in a fresh process; returns the speed-ups that process had in place. */
function renderAll(engine: 'stock' | 'fast'): string[] {
  const out = join(dir, engine);
  mkdirSync(out, { recursive: true });
  const env = { ...process.env, COMPLAINT_DESK_PDF_ENGINE: engine === 'stock' ? 'stock' : '' };
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '-e', CHILD, ROOT, join(dir, 'jobs.json'), out], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as string[];
}

/** A binary PGM (P5) as poppler writes it: width, height, one grey byte a pixel. */
interface Page {
  width: number;
  height: number;
  pixels: Buffer;
}
function readPgm(file: string): Page {
  const bytes = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

/** Grey page images at 100 dpi. */
function pages(path: string, name: string): Page[] {
  const folder = join(dir, 'pages');
  mkdirSync(folder, { recursive: true });
  run('pdftoppm', ['-r', '100', '-gray', path, join(folder, name)]);
  return readdirSync(folder)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm'))
    .sort()
    .map((f) => readPgm(join(folder, f)));
}

/** Ink (255 − grey) summed over the 3×3 pixels around each pixel. */
function inkAround(page: Page): Int32Array {
  const { width, height, pixels } = page;
  const sums = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let ink = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) ink += 255 - pixels[yy * width + xx]!;
      }
      sums[y * width + x] = ink;
    }
  }
  return sums;
}

/**
 * Spots where the two images' ink differs by more than one full pixel within 3×3 pixels. A glyph
 * drawn a fraction of a pixel away keeps its ink in the same spot and passes — as when a viewer
 * sums a run's glyph advances in floating point instead of being given each piece's position
 * (1e-13 pt apart, but across one of the rasteriser's subpixel steps). A glyph missing, added,
 * changed or moved by two pixels or more does not.
 */
function inkMoved(a: Page, b: Page): number {
  const inkA = inkAround(a);
  const inkB = inkAround(b);
  let count = 0;
  for (let i = 0; i < inkA.length; i++) if (Math.abs(inkA[i]! - inkB[i]!) > 255) count++;
  return count;
}

/** Every word pdftotext finds, with its box to a hundredth of a point, in page order. */
function words(path: string): string[] {
  const html = run('pdftotext', ['-bbox', path, '-']);
  const found = [...html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
  let page = 0;
  return found
    .map((m) => (m[0] === '<page ' ? `page ${++page}` : `${page} ${m.slice(1, 5).map((v) => Number(v).toFixed(2)).join(' ')} ${m[5]}`))
    .sort();
}

describe('the PDF engine speed-ups', () => {
  it('are all in place for the pinned pdfmake, pdfkit and fontkit, and off with COMPLAINT_DESK_PDF_ENGINE=stock', () => {
    expect(renderAll('fast').sort()).toEqual(['content streams', 'drawing', 'line building', 'measuring', 'shaping', 'style lookups', 'subsetting']);
    expect(renderAll('stock')).toEqual([]);
  }, 120_000);

  it('print the same pages as stock pdfmake: every word in the same place, the page images alike, the text in the same order', () => {
    for (const { name } of jobs) {
      const fast = join(dir, 'fast', `${name}.pdf`);
      const stock = join(dir, 'stock', `${name}.pdf`);
      expect(words(fast), name).toEqual(words(stock));
      expect(run('pdftotext', ['-raw', fast, '-']), name).toBe(run('pdftotext', ['-raw', stock, '-']));
      const fastPages = pages(fast, `${name}-fast`);
      const stockPages = pages(stock, `${name}-stock`);
      expect(fastPages.length, name).toBe(stockPages.length);
      expect(fastPages.length, name).toBeGreaterThan(0);
      fastPages.forEach((page, i) => {
        const other = stockPages[i]!;
        expect([page.width, page.height], `${name} page ${i + 1}`).toEqual([other.width, other.height]);
        expect(inkMoved(page, other), `${name} page ${i + 1}`).toBe(0);
      });
    }
  });
});
