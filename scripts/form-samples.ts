/**
 * `npm run form-samples`: page 1 of every paper form as a PNG in docs/forms/, for the README.
 * A sample office on a temp database: November 2026 with 40 complaints, one major complaint
 * walked through two handling rounds; each form printed through the app's own print channels
 * (the PDFs the desk would get) and page 1 rasterised with poppler's pdftoppm.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../src-main/app-context';
import { findPrintFile } from '../src-main/services/print-store';
import type { Complaint, ComplaintDetail, PrintedPdf, Result, Staff } from '../src-preload/contract';
import { makeComplaintFields, makeHouseholds } from '../bench/data';
import { setUpOffice } from '../bench/seed';
import { makeRandom } from '../bench/stats';

const OUT = join(__dirname, '..', 'docs', 'forms');

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

async function main(): Promise<void> {
  process.env.COMPLAINT_DESK_TEST_CLOCK = '1';
  const dir = mkdtempSync(join(tmpdir(), 'complaint-desk-forms-'));
  const ctx: AppContext = createAppContext(dir, { version: 'samples', mode: 'web' });
  try {
    const call = <T>(channel: string, input: unknown) => ok<T>(ctx.dispatch(channel, input));
    const clock = (wall: string) => call('clock:set', { now: `${wall.replace(' ', 'T')}:00+08:00` });
    const directory = setUpOffice(ctx);
    const reception = directory.receivers[0]!.id;
    const staff = call<Staff[]>('staff:list', {});
    const supervisor = call<Staff>('staff:save', { name: '王敏', departmentId: staff[0]!.departmentId, role: 'supervisor' });
    const handler = call<Staff>('staff:save', { name: '李强', departmentId: directory.departmentId('工程部'), role: 'handler' });

    const rnd = makeRandom(7);
    const households = makeHouseholds(rnd, 400);
    clock('2026-11-30 17:00');
    for (let i = 0; i < 40; i++) {
      const day = String(1 + Math.floor(i * 0.72)).padStart(2, '0');
      call<Complaint>('complaints:create', makeComplaintFields(rnd, directory, households, `2026-11-${day} ${String(8 + (i % 9)).padStart(2, '0')}:15`));
    }

    // The major complaint of the pdf-render test: escalated, unsatisfied once (round 2 dispatched to
    // 工程部, 转派 to 环境部 and signed for there), 200 yuan, summarised.
    clock('2026-11-02 09:20');
    const created = call<Complaint>('complaints:create', {
      receivedAt: '2026-11-02 09:12', channel: 'phone', receiverId: reception, complainantName: '欧阳堃', building: '3栋', unit: '2单元', room: '1602',
      phone: '13812345678', eventTime: '2026-11-01 夜间', eventPlace: '卫生间天花板', complainedDepartmentId: directory.departmentId('工程部'),
      categoryId: directory.categoryId('工程质量'), description: '楼上卫生间漏水，天花板持续滴水，已影响到吊顶和灯具，业主担心漏电', ownerWords: '都滴了一晚上了，再不修我就找住建局',
      request: '今天之内上门维修，并赔偿吊顶损失', requestedReplyAt: '2026-11-02 18:00', severity: 'major', urgency: 'urgent',
    });
    let d = call<ComplaintDetail>('complaints:get', { id: created.id });
    const step = (action: string, extra: Record<string, unknown>, actorId = reception) => (d = call<ComplaintDetail>(`lifecycle:${action}`, { id: d.complaint.id, version: d.complaint.version, actorId, ...extra }));
    step('dispatch', { departmentId: directory.departmentId('工程部'), handlerId: handler.id });
    step('escalate', { level: 'director', reason: '业主扬言向住建局投诉，报主任' });
    clock('2026-11-02 09:40');
    step('signFor', { signerId: handler.id, signedAt: '2026-11-02 09:35' });
    clock('2026-11-02 15:00');
    step('recordResult', { handlerId: handler.id, measures: '上门检查楼上卫生间，更换破损水管', result: '已修复，天花板不再滴水', completedAt: '2026-11-02 14:30', compensationKind: 'none' });
    clock('2026-11-03 10:00');
    step('followUp', { at: '2026-11-03 09:50', method: 'phone', visitorId: reception, personVisited: '欧阳堃', opinion: '晚上又开始滴水', satisfaction: 'unsatisfied' });
    const cleaner = call<Staff>('staff:save', { name: '陈洁', departmentId: directory.departmentId('环境部'), role: 'handler' });
    clock('2026-11-03 10:10');
    step('dispatch', { departmentId: directory.departmentId('工程部'), handlerId: handler.id });
    clock('2026-11-03 10:20');
    step('signFor', { signerId: handler.id, signedAt: '2026-11-03 10:20' });
    clock('2026-11-03 11:00');
    step('redispatch', { departmentId: directory.departmentId('环境部'), handlerId: cleaner.id, reason: '查明为公共排水管堵塞，归环境部疏通' });
    clock('2026-11-03 11:15');
    step('signFor', { signerId: cleaner.id, signedAt: '2026-11-03 11:10' });
    clock('2026-11-04 16:00');
    step('recordResult', { handlerId: cleaner.id, measures: '重做楼上卫生间防水层', result: '闭水试验 48 小时无渗漏', completedAt: '2026-11-04 15:30', compensationKind: 'cash', compensationAmount: 200 });
    clock('2026-11-05 10:00');
    step('followUp', { at: '2026-11-05 09:45', method: 'visit', visitorId: reception, personVisited: '欧阳堃', opinion: '这次修好了', satisfaction: 'satisfied' });
    step('summarize', { summary: '楼上防水层老化导致渗漏，首次维修未找到根源', improvement: '每季度巡查楼栋防水；渗漏类投诉首次处理必须做闭水试验' }, supervisor.id);
    clock('2026-12-01 09:00');

    const prints: [string, () => Promise<Result<unknown>>][] = [
      ['complaint-record', async () => ctx.invoke('print:complaintForm', { complaintId: d.complaint.id, form: 'complaint_record', actorId: reception })],
      ['handling-record', async () => ctx.invoke('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: reception })],
      ['register', async () => ctx.invoke('print:register', { from: '2026-11-01', to: '2026-11-30' })],
      ['monthly-report', async () => ctx.invoke('print:monthlyReport', { month: '2026-11' })],
      ['blank-complaint-record', async () => ctx.invoke('print:blankForm', { form: 'complaint_record' })],
      ['blank-handling-record', async () => ctx.invoke('print:blankForm', { form: 'handling_record' })],
      ['blank-register', async () => ctx.invoke('print:blankForm', { form: 'register' })],
      ['blank-monthly-report', async () => ctx.invoke('print:blankForm', { form: 'monthly_report' })],
    ];
    mkdirSync(OUT, { recursive: true });
    for (const [name, print] of prints) {
      const pdf = ok<PrintedPdf>(await print());
      const file = findPrintFile(dir, pdf.printId)!;
      copyFileSync(file.path, join(dir, `${name}.pdf`));
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', join(dir, `${name}.pdf`), join(OUT, name)]);
      console.log(`docs/forms/${name}.png  (${pdf.fileName})`);
    }
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
