/**
 * Office setup through the real dispatcher, then the historical register bulk-loaded with plain
 * INSERTs in one transaction (complaints + one 'created' event each + the day counters + where each
 * complaint stands in the procedure: deadlines, handling rounds, holds — see lifecycle.ts).
 */
import type { AppContext } from '../src-main/app-context';
import type { ServiceContext } from '../src-main/services/context';
import { ulid } from '../src-main/lib/ulid';
import { formatComplaintNumber } from '../src-main/services/complaints.service';
import { indexBigrams } from '../src-main/db/complaints.repo';
import { dueContext } from '../src-main/services/deadlines.service';
import { COMPLAINT_FIELD_NAMES, type ComplaintFieldName, type ComplaintFields, type ListEntry, type Staff } from '../src-preload/contract';
import {
  historicalStatus,
  invalidReason,
  makeComplaintFields,
  wallTime,
  wallTimeToEpoch,
  type DirectoryIds,
  type Household,
} from './data';
import { pickOpen, standing } from './lifecycle';
import type { Random } from './stats';

export const OFFICE_CODE = 'YGHA';

/** Call a channel through the dispatcher and fail loudly unless it succeeded. */
export function call<T>(ctx: AppContext, channel: string, input: unknown): T {
  const result = ctx.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export interface Directory extends DirectoryIds {
  departments: readonly ListEntry[];
  categories: readonly ListEntry[];
  nameOf: (field: ComplaintFieldName, value: string) => string;
}

/** First-run setup plus a reception team of six, as a mid-sized estate's service centre has. */
export function setUpOffice(ctx: AppContext): Directory {
  call(ctx, 'app:setup', { officeName: '阳光花园服务中心', officeCode: OFFICE_CODE, operatorName: '周晓雯' });
  const departments = call<ListEntry[]>(ctx, 'departments:list', {});
  const categories = call<ListEntry[]>(ctx, 'categories:list', {});
  const reception = departments.find((d) => d.name === '客服中心')!.id;
  for (const name of ['李婷', '王建军', '陈思雨', '刘海燕', '赵磊']) {
    call(ctx, 'staff:save', { name, departmentId: reception, role: 'reception', phone: '' });
  }
  const staff = call<Staff[]>(ctx, 'staff:list', {});
  const byName = (list: readonly ListEntry[], what: string) => (name: string) => {
    const entry = list.find((e) => e.name === name);
    if (!entry) throw new Error(`no ${what} named ${name}`);
    return entry.id;
  };
  const names = new Map<string, string>([...departments, ...categories, ...staff].map((e) => [e.id, e.name]));
  return {
    receivers: staff.map((s) => ({ id: s.id, name: s.name })),
    departmentId: byName(departments, 'department'),
    categoryId: byName(categories, 'category'),
    departments,
    categories,
    nameOf: (field, value) =>
      field === 'receiverId' || field === 'categoryId' || field === 'complainedDepartmentId' ? (names.get(value) ?? value) : value,
  };
}

export interface LoadResult {
  rows: number;
  events: number;
  /** Complaints not closed, by status. */
  open: Record<string, number>;
  deadlines: number;
  openDeadlines: number;
  handlingRounds: number;
  holds: number;
  days: number;
  maxSeqPerDay: number;
  firstDay: string;
  lastDay: string;
  ms: number;
}

/**
 * `rows` complaints received over the `days` days before `today` (epoch day number), in time
 * order, numbered `<office>-YYYYMMDD-NNN` per day; complaint_day_counters ends at each day's last
 * number so that the service's later creates continue the sequence. Exactly `openTarget` of them
 * (if that many are young enough) are still open, the rest closed; every one carries the rows the
 * procedure would have left (lifecycle.ts), drawn from `lifeRnd` so that `rnd` yields the same
 * complaints as without them.
 */
export function bulkLoad(
  ctx: ServiceContext,
  dir: Directory,
  households: readonly Household[],
  rnd: Random,
  rows: number,
  days: number,
  today: number,
  openTarget: number,
  lifeRnd: Random,
): LoadResult {
  const nowMs = Date.now();
  // Received times first, so numbers follow the order of receipt; a mild upward trend in volume.
  const received = Array.from({ length: rows }, () => wallTime(rnd, today - 1 - Math.floor(days * rnd.next() ** 1.15))).sort();
  const openPlan = pickOpen(received.map(wallTimeToEpoch), nowMs, openTarget, lifeRnd);
  const due = dueContext(ctx);
  const reception = dir.departmentId('客服中心');

  const insertComplaint = ctx.db.prepare(`
    INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, building, unit, room,
      phone, contact_other, event_time, event_place, complained_department_id, complained_person, category_id, description,
      owner_words, request, requested_reply_at, validity, invalid_reason, severity, urgency, status, version, created_at, updated_at,
      round, held_from_status, closed_at, invalid_noticed_at, invalid_notice_method)
    VALUES (@id, @office_code, @number, @receivedAt, @channel, @receiverId, @complainantName, @building, @unit, @room,
      @phone, @contactOther, @eventTime, @eventPlace, @dept, @complainedPerson, @categoryId, @description,
      @ownerWords, @request, @requestedReplyAt, @validity, @invalidReason, @severity, @urgency, @status, 1, @createdAt, @updatedAt,
      @round, @heldFromStatus, @closedAt, @invalidNoticedAt, @invalidNoticeMethod)`);
  const insertEvent = ctx.db.prepare(
    `INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, ?, ?, 'created', ?, '')`,
  );
  const setCounter = ctx.db.prepare(
    `INSERT INTO complaint_day_counters (office_code, day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (office_code, day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  );
  const insertDeadline = ctx.db.prepare(
    `INSERT INTO complaint_deadlines (id, complaint_id, kind, round, started_at, due_at, rule, policy_version, paused_minutes, completed_at, cancelled_at)
     VALUES (@id, @complaintId, @kind, @round, @startedAt, @dueAt, @rule, @policyVersion, 0, @completedAt, @cancelledAt)`,
  );
  const insertRound = ctx.db.prepare(
    `INSERT INTO handling_rounds (id, complaint_id, round, department_id, handler_id, dispatched_at, dispatched_by, signed_by, signed_at,
       measures, result, completed_by, completed_at)
     VALUES (@id, @complaintId, 1, @departmentId, NULL, @dispatchedAt, @dispatchedBy, @signedBy, @signedAt, @measures, @result, @completedBy, @completedAt)`,
  );
  const insertHold = ctx.db.prepare(
    `INSERT INTO holds (id, complaint_id, from_at, expected_date, reason) VALUES (@id, @complaintId, @fromAt, @expectedDate, @reason)`,
  );

  const started = performance.now();
  let maxSeq = 0;
  let dayCount = 0;
  const open: Record<string, number> = {};
  let deadlines = 0;
  let openDeadlines = 0;
  let handlingRounds = 0;
  let holds = 0;
  ctx.db
    .transaction(() => {
      let currentDay = '';
      let seq = 0;
      const flushDay = () => {
        if (!currentDay) return;
        setCounter.run(OFFICE_CODE, currentDay.replaceAll('-', ''), seq);
        maxSeq = Math.max(maxSeq, seq);
        dayCount++;
      };
      received.forEach((receivedAt, index) => {
        const day = receivedAt.slice(0, 10);
        if (day !== currentDay) {
          flushDay();
          currentDay = day;
          seq = 0;
        }
        seq++;
        const fields: ComplaintFields = makeComplaintFields(rnd, dir, households, receivedAt);
        const receivedMs = wallTimeToEpoch(receivedAt);
        const createdMs = receivedMs + rnd.int(0, 25) * 60_000 + rnd.int(0, 59_999);
        const ageDays = (nowMs - receivedMs) / 86_400_000;
        // Drawn as before (same stream of complaints); the status itself now comes from the open plan.
        const historical = historicalStatus(rnd, ageDays);
        if (historical.status !== 'registered') rnd.int(1, 15 * 24);
        const planned = openPlan.get(index) ?? 'closed';
        const id = ulid(createdMs);
        const receiver = dir.receivers.find((r) => r.id === fields.receiverId)!;
        const life = standing(
          {
            id,
            receivedAt,
            createdMs,
            severity: fields.severity,
            urgency: fields.urgency,
            requestedReplyAt: fields.requestedReplyAt,
            departmentId: fields.complainedDepartmentId || reception,
            receiverName: receiver.name,
            invalidReason: planned === 'invalid' ? historical.invalidReason || invalidReason(lifeRnd) : planned === 'closed' ? historical.invalidReason : '',
          },
          planned,
          due,
          lifeRnd,
          nowMs,
        );
        const createdAt = new Date(createdMs).toISOString();
        insertComplaint.run({
          ...fields,
          id,
          office_code: OFFICE_CODE,
          number: formatComplaintNumber(OFFICE_CODE, receivedAt, seq),
          dept: fields.complainedDepartmentId || null,
          validity: life.validity,
          invalidReason: life.invalidReason,
          status: life.status,
          createdAt,
          updatedAt: new Date(Math.max(createdMs, life.updatedMs)).toISOString(),
          round: life.round,
          heldFromStatus: life.heldFromStatus,
          closedAt: life.closedAt,
          invalidNoticedAt: life.invalidNoticedAt,
          invalidNoticeMethod: life.invalidNoticeMethod,
        });
        // The trigram index fills itself (triggers); the bigram index is the repository's to fill.
        indexBigrams(ctx.db, id);
        // The same timeline entry the service writes at intake: every filled field, names not ids.
        const changes = COMPLAINT_FIELD_NAMES.filter((f) => fields[f] !== '').map((f) => ({
          field: f,
          before: '',
          after: dir.nameOf(f, String(fields[f])),
        }));
        insertEvent.run(ulid(createdMs), id, createdAt, receiver.id, receiver.name, JSON.stringify(changes));
        for (const d of life.deadlines) {
          insertDeadline.run(d);
          deadlines++;
          if (!d.completedAt && !d.cancelledAt) openDeadlines++;
        }
        if (life.handling) {
          insertRound.run(life.handling);
          handlingRounds++;
        }
        if (life.hold) {
          insertHold.run(life.hold);
          holds++;
        }
        if (life.status !== 'closed') open[life.status] = (open[life.status] ?? 0) + 1;
      });
      flushDay();
    })
    .immediate();
  const ms = performance.now() - started;
  return {
    rows,
    events: rows,
    open,
    deadlines,
    openDeadlines,
    handlingRounds,
    holds,
    days: dayCount,
    maxSeqPerDay: maxSeq,
    firstDay: received[0]!.slice(0, 10),
    lastDay: received[received.length - 1]!.slice(0, 10),
    ms,
  };
}
