/**
 * English mode (issue 13 point 19): every text the desk shows in English is English, every refusal
 * and timeline note has both languages, and the Chinese main words is the same as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  complaintCreateSchema,
  ENUM_LABELS,
  ERROR_TEXTS_EN,
  ERROR_TEXTS_ZH,
  issueText,
  NOTE_TEXTS_EN,
  NOTE_TEXTS_ZH,
  noteOf,
  setTextLocale,
  TERMS_EN,
  wordError,
  wordNote,
  errorText,
} from '../../src-preload/contract';
import { en } from '../../src-renderer/src/app/messages.en';
import { CJK } from '../helpers/cjk';

/**
 * English strings that name something Chinese on purpose, by their path in messages.en.ts: the
 * language button names 中文 in Chinese (a reader who wants it can find it); the address hints show
 * what to type, since addresses are written the Chinese way (3栋 = building 3, 2单元 = unit 2).
 */
const DELIBERATELY_CHINESE = new Set(['common.language', 'hints.building', 'hints.unit']);

/** Every string of a nested catalogue, with its dotted path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const placeholders = (template: string) => new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));

afterEach(() => setTextLocale('zh-CN'));

describe('English text has no Chinese characters or full-width punctuation', () => {
  it.each([
    ['messages.en.ts', en],
    ['the English refusals (error-texts.ts)', ERROR_TEXTS_EN],
    ['the English timeline notes (note-texts.ts)', NOTE_TEXTS_EN],
    ['the English field names (terms.ts)', TERMS_EN],
    ['the English labels (labels.ts)', ENUM_LABELS.en],
  ])('%s', (_name, catalogue) => {
    const chinese = strings(catalogue).filter(([path, text]) => CJK.test(text) && !DELIBERATELY_CHINESE.has(path));
    expect(chinese).toEqual([]);
  });

  it('keeps the allow-list honest: each entry exists and is still Chinese on purpose', () => {
    const all = new Map(strings(en));
    for (const path of DELIBERATELY_CHINESE) expect(CJK.test(all.get(path) ?? ''), path).toBe(true);
  });
});

describe('both languages word every refusal and note from the same parameters', () => {
  it.each([
    ['refusals', ERROR_TEXTS_ZH, ERROR_TEXTS_EN],
    ['notes', NOTE_TEXTS_ZH, NOTE_TEXTS_EN],
  ] as const)('%s: the English uses only parameters the Chinese is given', (_name, zh, english) => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, template] of Object.entries(english)) {
      const extra = [...placeholders(template)].filter((p) => !placeholders((zh as Record<string, string>)[key]!).has(p));
      expect(extra, key).toEqual([]);
    }
  });

  it('words a refusal naming a field, an enum and a list in either language', () => {
    const refusal = errorText('lifecycle.notAllowed', { status: 'in_progress', action: 'dispatch', allowed: ['registered', 'returned'] });
    expect(wordError('zh-CN', refusal)).toBe('投诉当前为“处理中”，不能派单（只有“已登记”、“退回待派单”的投诉可以）');
    expect(wordError('en', refusal)).toBe('This complaint is "In progress": Dispatch is not possible (only for a complaint that is "Registered" or "Returned")');
    expect(wordError('en', errorText('time.notBefore', { field: '签收时间', time: '2026-11-02 09:12' }))).toBe('Signed at cannot be before 2026-11-02 09:12');
  });

  it('words a timeline note as main stored it, and in English', () => {
    const note = noteOf('step.resume', { action: 'resume', held: 180 });
    expect(wordNote('zh-CN', note)).toBe('恢复处理 · 恢复处理（挂起 3 小时，处理时限顺延）');
    expect(wordNote('en', note)).toBe('Resume · resumed after 3 h on hold; the resolution deadline moves on by that much');
    const escalated = noteOf('step.escalate', { action: 'escalate', level: 'director', reason: '业主扬言找媒体曝光' });
    expect(wordNote('zh-CN', escalated)).toBe('上报 · 上报服务中心主任：业主扬言找媒体曝光');
    expect(wordNote('en', escalated)).toBe('Escalate · reported to Centre director: 业主扬言找媒体曝光');
  });
});

describe('schema messages are keyed', () => {
  const withoutName = { receivedAt: '2026-11-02 09:12', channel: 'phone', receiverId: '01JBQZ5K6W3M8N2P4R7T9V1X3Y', categoryId: '01JBQZ5K6W3M8N2P4R7T9V1X3Z', description: '漏水' };

  it('a zod issue carries its key and parameters (zod copies them from the raw issue: pinned here)', () => {
    const issue = complaintCreateSchema.safeParse(withoutName).error!.issues[0]!;
    expect(issue.path).toEqual(['complainantName']);
    expect(issue.message).toBe('请填写投诉人姓名');
    expect(issueText(issue)).toEqual({ key: 'field.required', params: { field: '投诉人姓名' } });
  });

  it('words the same check in English once the renderer switches language', () => {
    setTextLocale('en');
    expect(complaintCreateSchema.safeParse(withoutName).error!.issues[0]!.message).toBe('Enter complainant name');
    expect(complaintCreateSchema.safeParse({ ...withoutName, complainantName: '张伟', phone: '12345' }).error!.issues[0]!.message).toBe(
      'Phone number is not valid (a mobile has 11 digits; a landline looks like 0571-88886666)',
    );
  });
});
