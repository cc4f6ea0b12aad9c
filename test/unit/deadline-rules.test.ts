/**
 * The reply (答复), the first response (首次响应) and a major complaint's definite reply (明确答复) as
 * PROCEDURES.md §5 sets them, on the pure rules under the default policy and the bundled calendar.
 * Expected times by hand: 2026-11-02 is a Monday; 国庆 2026 is Oct 1–7 off, Sat Oct 10 worked.
 */
import { describe, expect, it } from 'vitest';
import type { DeadlinePolicy, Severity, Urgency } from '../../src-preload/contract';
import { deadlinePolicySchema } from '../../src-preload/contract';
import { buildCalendar } from '../../src-main/domain/calendar';
import { BUNDLED_CALENDAR_YEARS } from '../../src-main/domain/calendar-data';
import { DEFAULT_DEADLINE_POLICY, intakeDeadlines, type DueContext } from '../../src-main/domain/deadlines';

const calendar = buildCalendar(BUNDLED_CALENDAR_YEARS.flatMap((y) => y.days));
const ctx = (policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): DueContext => ({ policy, calendar, timeZone: 'Asia/Shanghai' });
const due = (severity: Severity, urgency: Urgency, requestedReplyAt = '', receivedAt = '2026-11-02 09:12', policy?: DeadlinePolicy) =>
  Object.fromEntries(intakeDeadlines({ receivedAt, severity, urgency, requestedReplyAt }, ctx(policy)).deadlines.map((d) => [d.kind, d.dueAt]));

describe('the reply to the complainant (答复)', () => {
  it('not urgent, no time named: within 2 working days, not the 24-hour standard', () => {
    // Tue 3, Wed 4 → Wed 23:59. The first response keeps the 24 hours, as a stage of its own.
    expect(due('ordinary', 'normal')).toMatchObject({ response: '2026-11-04 23:59', first_response: '2026-11-03 09:12' });
    expect(due('minor', 'normal')).toMatchObject({ response: '2026-11-04 23:59', first_response: '2026-11-03 09:12' });
  });

  it('urgent (严重且紧急 or 不严重但紧急), no time named: within 2 hours', () => {
    expect(due('important', 'urgent')).toMatchObject({ response: '2026-11-02 11:12', first_response: '2026-11-03 09:12' });
    expect(due('minor', 'urgent')).toMatchObject({ response: '2026-11-02 11:12', first_response: '2026-11-03 09:12' });
  });

  it('a time the complainant named rules, earlier or later than the default', () => {
    expect(due('ordinary', 'normal', '2026-11-02 15:00').response).toBe('2026-11-02 15:00');
    expect(due('ordinary', 'normal', '2026-11-06 17:00').response).toBe('2026-11-06 17:00');
    expect(due('ordinary', 'urgent', '2026-11-02 10:00').response).toBe('2026-11-02 10:00');
    expect(due('ordinary', 'urgent', '2026-11-02 18:00').response).toBe('2026-11-02 18:00');
    // The first response does not move with it.
    expect(due('ordinary', 'urgent', '2026-11-02 18:00').first_response).toBe('2026-11-03 09:12');
  });

  it('counts working days on the official calendar (国庆 2026)', () => {
    // Wed Sep 30: Oct 1–7 off; Thu Oct 8, Fri Oct 9.
    expect(due('ordinary', 'normal', '', '2026-09-30 16:00').response).toBe('2026-10-09 23:59');
  });

  it('comes from the policy: a different setting moves it', () => {
    const policy = structuredClone(DEFAULT_DEADLINE_POLICY);
    policy.reply.normal = { unit: 'working_days', amount: 1 };
    policy.reply.urgent = { unit: 'minutes', amount: 30 };
    expect(due('ordinary', 'normal', '', undefined, policy).response).toBe('2026-11-03 23:59');
    expect(due('ordinary', 'urgent', '', undefined, policy).response).toBe('2026-11-02 09:42');
  });
});

describe('the first response (首次响应)', () => {
  it('is on by default for every severity, 24 hours', () => {
    for (const s of ['minor', 'ordinary', 'important', 'major'] as const) expect(due(s, 'normal').first_response, s).toBe('2026-11-03 09:12');
  });

  it('is a setting: switched off for a severity it is not set', () => {
    const policy = structuredClone(DEFAULT_DEADLINE_POLICY);
    policy.severities.minor.firstResponse = null;
    policy.severities.major.firstResponse = { unit: 'hours', amount: 4 };
    expect(due('minor', 'normal', '', undefined, policy)).not.toHaveProperty('first_response');
    expect(due('major', 'normal', '', undefined, policy).first_response).toBe('2026-11-02 13:12');
  });
});

describe('a major complaint’s definite reply (明确答复)', () => {
  it('within 24 hours, beside the reply, for major complaints only', () => {
    expect(due('major', 'normal')).toEqual({
      response: '2026-11-04 23:59',
      first_response: '2026-11-03 09:12',
      definite_reply: '2026-11-03 09:12',
      report: '2026-11-02 10:12',
      dispatch: '2026-11-02 09:22',
      resolution: '2026-11-05 23:59',
    });
    for (const s of ['minor', 'ordinary', 'important'] as const) expect(due(s, 'urgent'), s).not.toHaveProperty('definite_reply');
  });
});

describe('the policy schema', () => {
  it('accepts the defaults and refuses a month count outside 1–12 in Chinese', () => {
    expect(deadlinePolicySchema.parse(DEFAULT_DEADLINE_POLICY)).toEqual(DEFAULT_DEADLINE_POLICY);
    const bad = { ...DEFAULT_DEADLINE_POLICY, autoMajorMonths: 0 };
    const result = deadlinePolicySchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['autoMajorMonths'], message: '自动升级月数应在 1–12 之间' });
  });
});
