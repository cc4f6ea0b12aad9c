/**
 * Shared set-up for the lifecycle, deadline and board tests: a pinned clock, the staff the steps
 * need, and one call per step through the real dispatcher.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ComplaintCreateInput, ComplaintDetail, ComplaintStatus, DeadlineKind, DeadlineView, LifecycleAction } from '../../src-preload/contract';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';

export const CHINESE = /[\u4e00-\u9fa5]/;

/** Allow `clock:set` (the handler reads the variable on every call). */
export function allowTestClock(): void {
  process.env.COMPLAINT_DESK_TEST_CLOCK = '1';
}

/** Pin the clock to a wall time in the office's zone (Asia/Shanghai, +08:00). */
export function setNow(app: TestApp, wall: string): void {
  const { now } = app.ok('clock:set', { now: `${wall.replace(' ', 'T')}:00+08:00` });
  expect(now).toBe(wall);
}

export function unpinClock(app: TestApp): void {
  app.ok('clock:set', { now: null });
}

export interface Office extends OfficeIds {
  /** 周晓雯, reception (from the first-run setup). */
  receptionName: string;
  customerService: string;
  /** 李强, engineering handler. */
  handlerId: string;
  /** 王敏, CS supervisor. */
  supervisorId: string;
  /** 赵磊, engineering department head: not a supervisor or director. */
  deptHeadId: string;
}

export function setUpLifecycleOffice(app: TestApp, officeCode?: string): Office {
  const ids = setUpOffice(app, officeCode);
  const departments = app.ok('departments:list', {});
  const customerService = departments.find((d) => d.name === '客服中心')!.id;
  const handler = app.ok('staff:save', { name: '李强', departmentId: ids.engineering, role: 'handler' });
  const supervisor = app.ok('staff:save', { name: '王敏', departmentId: customerService, role: 'supervisor' });
  const head = app.ok('staff:save', { name: '赵磊', departmentId: ids.engineering, role: 'department_head' });
  return { ...ids, receptionName: '周晓雯', customerService, handlerId: handler.id, supervisorId: supervisor.id, deptHeadId: head.id };
}

export function create(app: TestApp, office: Office, overrides: Partial<ComplaintCreateInput> = {}): ComplaintDetail {
  const complaint = app.ok('complaints:create', phoneComplaint(office, overrides));
  return app.ok('complaints:get', { id: complaint.id });
}

export const refresh = (app: TestApp, d: ComplaintDetail) => app.ok('complaints:get', { id: d.complaint.id });

/** The input of a step on `d` at the version last seen, by `actorId` (reception unless told). */
export const stepInput = (d: ComplaintDetail, actorId: string, extra: Record<string, unknown> = {}) => ({
  id: d.complaint.id,
  version: d.complaint.version,
  actorId,
  ...extra,
});

export function step(app: TestApp, office: Office, action: LifecycleAction, d: ComplaintDetail, extra: Record<string, unknown> = {}, actorId = office.receiverId): ComplaintDetail {
  return app.ok(`lifecycle:${action}`, stepInput(d, actorId, extra));
}

/** Valid input for every step, for recorded times at `at` (after intake, not after now). */
export function validInput(action: LifecycleAction, office: Office, at: string, severityMajor = false): Record<string, unknown> {
  switch (action) {
    case 'dispatch':
      return { departmentId: office.engineering };
    case 'redispatch':
      return { departmentId: office.cleaning, reason: '现场查明是公共区域保洁问题，非工程维修' };
    case 'signFor':
      return { signerId: office.handlerId, signedAt: at };
    case 'recordResult':
      return { handlerId: office.handlerId, measures: '更换楼上卫生间破损水管并重做防水', result: '已修复，不再滴水', completedAt: at };
    case 'reply':
      return { at, method: 'phone', content: '已电话告知业主：工程部今天下午上门查看漏水' };
    case 'followUp':
      return { at, method: 'phone', visitorId: office.receiverId, personVisited: '张伟', opinion: '满意', satisfaction: 'satisfied' };
    case 'followUpImpossible':
      return { reason: '业主出国，电话无人接听', supervisorId: office.supervisorId };
    case 'markInvalid':
      return { reason: '属业主自家装修造成，非物业责任' };
    case 'notifyInvalid':
      return { at, method: 'phone' };
    case 'escalate':
      return { level: severityMajor ? 'director' : 'supervisor', reason: '业主情绪激动，需主管出面' };
    case 'summarize':
      return { summary: '防水层老化导致渗漏', improvement: '每季度巡查楼栋防水' };
    case 'hold':
      return { reason: '等待业主在家', expectedDate: at.slice(0, 10) };
    case 'resume':
      return {};
  }
}

/**
 * A complaint brought to `status` with valid steps, all while the clock reads `now` (recorded
 * times are `at`). `followed_up` needs a major complaint.
 */
export function complaintIn(app: TestApp, office: Office, status: ComplaintStatus, at: string, overrides: Partial<ComplaintCreateInput> = {}): ComplaintDetail {
  const major = status === 'followed_up' || overrides.severity === 'major';
  let d = create(app, office, { ...overrides, ...(major && { severity: 'major' }) });
  const go = (action: LifecycleAction, extra: Record<string, unknown> = {}) => {
    d = step(app, office, action, d, { ...validInput(action, office, at, major), ...extra });
  };
  if (status === 'registered') return d;
  if (status === 'invalid') {
    go('markInvalid');
    return d;
  }
  go('dispatch');
  if (status === 'dispatched') return d;
  go('signFor');
  if (status === 'in_progress') return d;
  if (status === 'on_hold') {
    go('hold');
    return d;
  }
  go('recordResult');
  if (status === 'handled') return d;
  if (status === 'returned') {
    go('followUp', { satisfaction: 'unsatisfied' });
    return d;
  }
  go('followUp');
  if (status === 'followed_up' || status === 'closed') return d;
  throw new Error(`no walk to ${status as string}`);
}

export function deadline(d: ComplaintDetail, kind: DeadlineKind, round = 1): DeadlineView {
  const found = d.process.deadlines.filter((x) => x.kind === kind && x.round === round);
  expect(found, `${kind} deadline of round ${round}`).toHaveLength(1);
  return found[0]!;
}

/** The deadlines as `kind → dueAt` (round 1 unless told), for comparing with hand-computed times. */
export const dueTimes = (d: ComplaintDetail) => Object.fromEntries(d.process.deadlines.map((x) => [x.kind, x.dueAt]));

/** One office on a real temp database for a whole file, test clock allowed and unpinned after each test. */
export function useOffice(): { app: TestApp; office: Office } {
  const env = {} as { app: TestApp; office: Office };
  beforeAll(() => {
    allowTestClock();
    env.app = openTestApp();
    env.office = setUpLifecycleOffice(env.app);
  });
  afterEach(() => unpinClock(env.app));
  afterAll(() => env.app.close());
  return env;
}

/** Open apps on the fly (a new temp database, or `dataDir` to reopen one); after the file, each is unpinned and closed. */
export function trackedApps(): (dataDir?: string) => TestApp {
  const opened: TestApp[] = [];
  afterAll(() => {
    for (const a of opened) {
      if (a.ctx.db.open) unpinClock(a);
      a.close();
    }
  });
  return (dataDir) => {
    const a = openTestApp(dataDir);
    opened.push(a);
    return a;
  };
}
