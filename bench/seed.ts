/**
 * Office setup through the real dispatcher, then the historical register bulk-loaded with plain
 * INSERTs in one transaction (complaints + one 'created' event each + the day counters).
 */
import type { AppContext } from '../src-main/app-context';
import { ulid } from '../src-main/lib/ulid';
import { formatComplaintNumber } from '../src-main/services/complaints.service';
import { COMPLAINT_FIELD_NAMES, type ComplaintFieldName, type ComplaintFields, type ListEntry, type Staff } from '../src-preload/contract';
import {
  historicalStatus,
  makeComplaintFields,
  wallTime,
  wallTimeToEpoch,
  type DirectoryIds,
  type Household,
} from './data';
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
  days: number;
  maxSeqPerDay: number;
  firstDay: string;
  lastDay: string;
  ms: number;
}

/**
 * `rows` complaints received over the `days` days before `today` (epoch day number), in time
 * order, numbered `<office>-YYYYMMDD-NNN` per day; complaint_day_counters ends at each day's last
 * number so that the service's later creates continue the sequence.
 */
export function bulkLoad(ctx: AppContext, dir: Directory, households: readonly Household[], rnd: Random, rows: number, days: number, today: number): LoadResult {
  const nowMs = Date.now();
  // Received times first, so numbers follow the order of receipt; a mild upward trend in volume.
  const received = Array.from({ length: rows }, () => wallTime(rnd, today - 1 - Math.floor(days * rnd.next() ** 1.15))).sort();

  const insertComplaint = ctx.db.prepare(`
    INSERT INTO complaints (id, office_code, number, received_at, channel, receiver_id, complainant_name, building, unit, room,
      phone, contact_other, event_time, event_place, complained_department_id, complained_person, category_id, description,
      owner_words, request, requested_reply_at, validity, invalid_reason, severity, urgency, status, version, created_at, updated_at)
    VALUES (@id, @office_code, @number, @receivedAt, @channel, @receiverId, @complainantName, @building, @unit, @room,
      @phone, @contactOther, @eventTime, @eventPlace, @dept, @complainedPerson, @categoryId, @description,
      @ownerWords, @request, @requestedReplyAt, @validity, @invalidReason, @severity, @urgency, @status, 1, @createdAt, @updatedAt)`);
  const insertEvent = ctx.db.prepare(
    `INSERT INTO complaint_events (id, complaint_id, at, actor_id, actor_name, kind, changes, note) VALUES (?, ?, ?, ?, ?, 'created', ?, '')`,
  );
  const setCounter = ctx.db.prepare(
    `INSERT INTO complaint_day_counters (office_code, day, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (office_code, day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`,
  );

  const started = performance.now();
  let maxSeq = 0;
  let dayCount = 0;
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
      for (const receivedAt of received) {
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
        const { status, validity, invalidReason } = historicalStatus(rnd, ageDays);
        Object.assign(fields, { validity, invalidReason });
        const updatedMs = status === 'registered' ? createdMs : Math.min(nowMs, createdMs + rnd.int(1, 15 * 24) * 3_600_000);
        const id = ulid(createdMs);
        const createdAt = new Date(createdMs).toISOString();
        insertComplaint.run({
          ...fields,
          id,
          office_code: OFFICE_CODE,
          number: formatComplaintNumber(OFFICE_CODE, receivedAt, seq),
          dept: fields.complainedDepartmentId || null,
          status,
          createdAt,
          updatedAt: new Date(updatedMs).toISOString(),
        });
        // The same timeline entry the service writes at intake: every filled field, names not ids.
        const changes = COMPLAINT_FIELD_NAMES.filter((f) => fields[f] !== '').map((f) => ({
          field: f,
          before: '',
          after: dir.nameOf(f, String(fields[f])),
        }));
        const receiver = dir.receivers.find((r) => r.id === fields.receiverId)!;
        insertEvent.run(ulid(createdMs), id, createdAt, receiver.id, receiver.name, JSON.stringify(changes));
      }
      flushDay();
    })
    .immediate();
  const ms = performance.now() - started;
  return {
    rows,
    events: rows,
    days: dayCount,
    maxSeqPerDay: maxSeq,
    firstDay: received[0]!.slice(0, 10),
    lastDay: received[received.length - 1]!.slice(0, 10),
    ms,
  };
}

