/**
 * One label for every enumerated value on screen, paper and Excel (issue 13 point 10): for every
 * value of status, severity, urgency, validity, channel, role, escalation target, deadline stage,
 * satisfaction, contact method and compensation, what the screen shows (the renderer's catalogue)
 * is what the printed forms say (real PDFs from real data, read back with pdftotext) and what the
 * Excel register holds (read back with ExcelJS), and what main's own texts (timeline notes,
 * refusals, deadline notices) say. Paper used to print 已回访 where the screen said 已回访（待总结）,
 * and 主任 where it said 服务中心主任.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  COMPENSATION_KINDS,
  CONTACT_METHODS,
  DEADLINE_KINDS,
  ENUM_LABELS,
  ESCALATION_LEVELS,
  LIFECYCLE_ACTIONS,
  SATISFACTIONS,
  SEVERITIES,
  STATUSES,
  URGENCIES,
  VALIDITIES,
  type Channel,
  type ComplaintDetail,
  type ComplaintStatus,
  type DeadlineAlert,
  type LifecycleAction,
  type PrintedPdf,
} from '../../src-preload/contract';
import { zhCN } from '../../src-renderer/src/app/messages.zh-CN';
import { en } from '../../src-renderer/src/app/messages.en';
import { startDeadlineNotifier } from '../../src-main/deadline-notifier';
import { printFilePath } from '../../src-main/services/print-store';
import { openTestApp, type TestApp } from '../helpers/app';
import { requirePoppler, squeeze, squeezed } from '../helpers/pdf';
import { allowTestClock, create, setNow, setUpLifecycleOffice, step, validInput, type Office } from './lifecycle-fixtures';

/** What the screen shows: the renderer's Chinese catalogue, looked up as the pages do (m.status[s], m.deadline.kind[k] …). */
const screen = zhCN;
const AT = '2026-11-02 10:00';
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/**
 * How each status is reached, through the real steps (the lifecycle tests check the steps
 * themselves). Typed by the enum: a new status needs its walk here, or this file does not compile.
 */
const WALKS: Record<ComplaintStatus, { major?: boolean; steps: readonly (readonly [LifecycleAction, Record<string, unknown>?])[] }> = {
  registered: { steps: [] },
  returned: { steps: [['dispatch'], ['signFor'], ['recordResult'], ['followUp', { satisfaction: 'unsatisfied', opinion: '仍然滴水' }]] },
  dispatched: { steps: [['dispatch']] },
  in_progress: { steps: [['dispatch'], ['signFor']] },
  on_hold: { steps: [['dispatch'], ['signFor'], ['hold']] },
  handled: { steps: [['dispatch'], ['signFor'], ['recordResult']] },
  followed_up: { major: true, steps: [['dispatch'], ['signFor'], ['recordResult'], ['followUp']] },
  invalid: { steps: [['markInvalid']] },
  closed: { steps: [['markInvalid'], ['notifyInvalid', { method: 'letter' }]] },
};

const at = <T>(values: readonly T[], i: number): T => values[i % values.length]!;

let app: TestApp;
let office: Office;
let dir: string;
/** One complaint per status; together they use every channel, severity, urgency and validity. */
const byStatus: { status: ComplaintStatus; detail: ComplaintDetail }[] = [];
/** Complaints followed up: together every contact method, satisfaction, compensation and escalation target. */
const followedUp: ComplaintDetail[] = [];

function walk(status: ComplaintStatus, i: number): ComplaintDetail {
  const { major, steps } = WALKS[status];
  let d = create(app, office, {
    channel: at(CHANNELS, i),
    severity: major ? 'major' : at(SEVERITIES, i),
    urgency: at(URGENCIES, i),
    complainantName: `状态${i + 1}`,
    description: '楼道灯不亮',
    requestedReplyAt: '',
  });
  for (const [action, extra] of steps) d = step(app, office, action, d, { ...validInput(action, office, AT, major), ...extra });
  return d;
}

function walkFollowUp(i: number): ComplaintDetail {
  let d = create(app, office, { complainantName: `回访${i + 1}`, description: '楼道灯不亮', requestedReplyAt: '' });
  const compensationKind = at(COMPENSATION_KINDS, i);
  d = step(app, office, 'dispatch', d, validInput('dispatch', office, AT));
  d = step(app, office, 'signFor', d, validInput('signFor', office, AT));
  d = step(app, office, 'recordResult', d, { ...validInput('recordResult', office, AT), compensationKind, compensationAmount: compensationKind === 'none' ? 0 : 120 });
  d = step(app, office, 'escalate', d, { level: at(ESCALATION_LEVELS, i), reason: '业主要求领导出面' });
  d = step(app, office, 'followUp', d, { ...validInput('followUp', office, AT), method: at(CONTACT_METHODS, i), satisfaction: at(SATISFACTIONS, i), opinion: '' });
  return d;
}

beforeAll(() => {
  requirePoppler();
  allowTestClock();
  app = openTestApp();
  office = setUpLifecycleOffice(app);
  dir = mkdtempSync(join(tmpdir(), 'complaint-desk-labels-'));
  setNow(app, AT);
  const n = Math.max(STATUSES.length, CHANNELS.length, SEVERITIES.length, URGENCIES.length);
  for (let i = 0; i < n; i++) {
    const status = at(STATUSES, i);
    byStatus.push({ status, detail: walk(status, i) });
  }
  const m = Math.max(CONTACT_METHODS.length, SATISFACTIONS.length, COMPENSATION_KINDS.length, ESCALATION_LEVELS.length);
  for (let i = 0; i < m; i++) followedUp.push(walkFollowUp(i));
});
afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pdfPath = (printed: PrintedPdf) => printFilePath(app.ctx.dataDir, printed.printId, printed.fileName);
/** A real print through the bridge, as the page asks for it, read back as a printer sees it. */
async function printText(channel: 'print:register' | 'print:monthlyReport' | 'print:complaintForm', input: Record<string, unknown>): Promise<string> {
  return squeezed(pdfPath(await app.invokeOk(channel, input)), 'raw');
}
/** The register's text from one complaint's number to the next one's: that complaint's row. */
function rowsOf(text: string, numbers: string[]): Map<string, string> {
  const starts = numbers.map((n) => [n, text.indexOf(n)] as const).sort((a, b) => a[1] - b[1]);
  for (const [n, i] of starts) expect(i, `${n} on the printed register`).toBeGreaterThanOrEqual(0);
  return new Map(starts.map(([n, i], k) => [n, text.slice(i, starts[k + 1]?.[1] ?? text.length)]));
}
/** How the paper ticks a channel: the five it lists, or 其他 with the channel's name. */
const channelTick = (c: Channel) => (['questionnaire', 'staff_report'].includes(c) ? `■其他（${screen.channel[c]}）` : `■${screen.channel[c]}`);

describe('every enumerated value reads the same on screen, on paper and in Excel', () => {
  it('covers every value of every enum with real complaints', () => {
    const used = (pick: (d: ComplaintDetail) => string, list: ComplaintDetail[]) => new Set(list.map(pick));
    const statusSet = byStatus.map((x) => x.detail);
    expect(new Set(statusSet.map((d) => d.complaint.status))).toEqual(new Set(STATUSES));
    expect(used((d) => d.complaint.channel, statusSet)).toEqual(new Set(CHANNELS));
    expect(used((d) => d.complaint.severity, statusSet)).toEqual(new Set(SEVERITIES));
    expect(used((d) => d.complaint.urgency, statusSet)).toEqual(new Set(URGENCIES));
    expect(used((d) => d.complaint.validity, statusSet)).toEqual(new Set(VALIDITIES));
    expect(new Set(followedUp.map((d) => d.process.followUps[0]!.satisfaction))).toEqual(new Set(SATISFACTIONS));
    expect(new Set(followedUp.map((d) => d.process.followUps[0]!.method))).toEqual(new Set(CONTACT_METHODS));
    expect(new Set(followedUp.map((d) => d.process.escalations[0]!.level))).toEqual(new Set(ESCALATION_LEVELS));
    expect(new Set(followedUp.map((d) => d.process.rounds[0]!.compensationKind))).toEqual(new Set(COMPENSATION_KINDS));
  });

  it('the printed register (投诉记录表) and the Excel register name status, severity, channel, follow-up and escalation as the screen does', async () => {
    const all = [...byStatus.map((x) => x.detail), ...followedUp];
    const pdf = rowsOf(await printText('print:register', NOVEMBER), all.map((d) => d.complaint.number));

    const file = await app.invokeOk('register:exportXlsx', NOVEMBER);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(printFilePath(app.ctx.dataDir, file.fileId, file.fileName));
    const sheet = workbook.getWorksheet('投诉登记')!;
    const header = (sheet.getRow(3).values as unknown[]).map(String);
    const xlsx = new Map<string, (column: string) => string>();
    sheet.eachRow((row, r) => {
      if (r <= 3) return;
      // Every cell the register writes is text (times too): its value is a string.
      const text = (column: string) => (row.getCell(header.indexOf(column)).value as string | null) ?? '';
      xlsx.set(text('投诉编号'), text);
    });

    for (const { status, detail } of byStatus) {
      const c = detail.complaint;
      const shown = { status: screen.status[status], severity: screen.severity[c.severity], channel: screen.channel[c.channel] };
      const row = pdf.get(c.number)!;
      for (const label of Object.values(shown)) expect(row, `${c.number} printed`).toContain(squeeze(label));
      const cell = xlsx.get(c.number)!;
      expect({ status: cell('状态'), severity: cell('等级'), channel: cell('投诉方式') }, `${c.number} in Excel`).toEqual(shown);
    }
    for (const d of followedUp) {
      const f = d.process.followUps[0]!;
      const followUp = `${f.at.slice(5, 10)} ${screen.contactMethod[f.method as keyof typeof screen.contactMethod]} ${screen.satisfaction[f.satisfaction as keyof typeof screen.satisfaction]}`;
      const reported = `已上报${screen.escalation[d.process.escalations[0]!.level]}`;
      expect(pdf.get(d.complaint.number), `${d.complaint.number} printed`).toContain(squeeze(followUp));
      expect(pdf.get(d.complaint.number), `${d.complaint.number} printed`).toContain(reported);
      const cell = xlsx.get(d.complaint.number)!;
      expect({ followUp: cell('回访情况'), notes: cell('备注'), status: cell('状态') }, `${d.complaint.number} in Excel`).toEqual({
        followUp,
        notes: reported,
        status: screen.status[d.complaint.status],
      });
    }
    expect(xlsx.size).toBe(all.length);
  });

  it('the register signs as the roles are named on screen (客服主管, 服务中心主任)', async () => {
    const text = await printText('print:register', NOVEMBER);
    for (const role of ['supervisor', 'director'] as const) expect(text).toContain(`${screen.role[role]}：`);
  });

  it('the complaint record (顾客投诉记录表) ticks channel, urgency, validity and severity as the screen names them', async () => {
    for (const { detail } of byStatus) {
      const c = detail.complaint;
      const text = await printText('print:complaintForm', { complaintId: c.id, form: 'complaint_record', actorId: office.receiverId });
      expect(text, c.number).toContain(channelTick(c.channel));
      expect(text, c.number).toContain(`■${screen.urgency[c.urgency]}`);
      expect(text, c.number).toContain(`■${screen.validity[c.validity]}`);
      expect(text, c.number).toContain(`■${screen.severity[c.severity]}`);
    }
  });

  it('the handling record (投诉处理记录表) ticks compensation, contact method and satisfaction and names the escalation and the signing role as the screen does', async () => {
    for (const d of followedUp) {
      const text = await printText('print:complaintForm', { complaintId: d.complaint.id, form: 'handling_record', actorId: office.receiverId });
      const f = d.process.followUps[0]!;
      const e = d.process.escalations[0]!;
      expect(text, d.complaint.number).toContain(`■${screen.compensation[d.process.rounds[0]!.compensationKind]}`);
      expect(text, d.complaint.number).toContain(`■${screen.contactMethod[f.method as keyof typeof screen.contactMethod]}`);
      expect(text, d.complaint.number).toContain(`■${screen.satisfaction[f.satisfaction as keyof typeof screen.satisfaction]}`);
      expect(text, d.complaint.number).toContain(`■${screen.escalation[e.level]}`);
      expect(text, d.complaint.number).toContain(`上报${screen.escalation[e.level]}（`);
      expect(text, d.complaint.number).toContain(`${screen.role.department_head}签字`);
    }
  });

  it('the monthly report names every deadline stage, severity and channel as the screen does', async () => {
    const text = await printText('print:monthlyReport', { month: '2026-11' });
    for (const kind of DEADLINE_KINDS) expect(text).toContain(`及时率·${screen.deadline.kind[kind]}`);
    for (const s of SEVERITIES) expect(text).toContain(screen.severity[s]);
    for (const c of CHANNELS) expect(text).toContain(screen.channel[c]);
  });

  it("main's own texts (timeline notes, refusals, desktop deadline notices) use the screen's names", () => {
    for (const d of followedUp) {
      const notes = d.events.map((e) => e.note).join('\n');
      const f = d.process.followUps[0]!;
      expect(notes).toContain(`上报${screen.escalation[d.process.escalations[0]!.level]}：`);
      expect(notes).toContain(screen.satisfaction[f.satisfaction as keyof typeof screen.satisfaction]);
    }
    // A step not allowed from a status is refused naming that status and the step as the screen does.
    const refused = byStatus.map(({ status, detail }) => {
      const action = LIFECYCLE_ACTIONS.find((a) => !detail.process.allowedActions.includes(a) && a !== 'dispatch' && a !== 'summarize')!;
      const result = app.call(`lifecycle:${action}`, { id: detail.complaint.id, version: detail.complaint.version, actorId: office.receiverId, ...validInput(action, office, AT) });
      return { status, action, message: result.ok ? '(allowed)' : result.error.message };
    });
    expect(refused).toEqual(
      refused.map(({ status, action }) => ({ status, action, message: expect.stringContaining(`投诉当前为“${screen.status[status]}”，不能${screen.action[action]}`) as unknown })),
    );
    // The desktop notices, a day later when every open deadline is overdue.
    setNow(app, '2026-11-20 10:00');
    const shown: string[] = [];
    const alerts: DeadlineAlert[] = app.ok('deadlines:alerts', {});
    const stop = startDeadlineNotifier(app.ctx.dispatch, (title) => shown.push(title), 3_600_000);
    stop();
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) expect(shown).toContain(`投诉 ${alert.number}：${screen.deadline.kind[alert.kind]}已逾期`);
  });

  it('the renderer catalogues are the one table, in both languages', () => {
    for (const [catalogue, labels] of [
      [zhCN, ENUM_LABELS['zh-CN']],
      [en, ENUM_LABELS.en],
    ] as const) {
      expect(catalogue.status).toBe(labels.status);
      expect(catalogue.severity).toBe(labels.severity);
      expect(catalogue.urgency).toBe(labels.urgency);
      expect(catalogue.validity).toBe(labels.validity);
      expect(catalogue.channel).toBe(labels.channel);
      expect(catalogue.role).toBe(labels.role);
      expect(catalogue.escalation).toBe(labels.escalation);
      expect(catalogue.deadline.kind).toBe(labels.deadlineKind);
      expect(catalogue.satisfaction).toBe(labels.satisfaction);
      expect(catalogue.contactMethod).toBe(labels.contactMethod);
      expect(catalogue.compensation).toBe(labels.compensation);
      expect(catalogue.action).toBe(labels.action);
    }
    // English names every value too (the table's type makes sure of it; an empty name would still show nothing).
    for (const table of Object.values(ENUM_LABELS.en) as Record<string, string>[]) for (const label of Object.values(table)) expect(label.trim()).not.toBe('');
  });
});
