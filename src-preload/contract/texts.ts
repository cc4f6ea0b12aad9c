/**
 * Texts that main composes and the renderer may have to word in another language: refusals
 * (error-texts.ts) and timeline notes (note-texts.ts). Each crosses the bridge as a key with
 * parameters; main also words it in Chinese (the `message` of an error, the stored `note` of an
 * event) from the same templates, so the Chinese and the key cannot drift apart.
 *
 * A parameter is worded by its name:
 * - `field`, `what`, `job`, `form`: a term (terms.ts), e.g. `{ field: '投诉人姓名' }` → "complainant name";
 * - `status`, `allowed` (a list), `action`, `satisfaction`, `method`, `level`: an enum code, worded
 *   through the one label table (labels.ts), as the screens and the paper name it;
 * - `held`: minutes, worded as a duration;
 * - anything else (names, numbers, times, what the user typed) is shown as it is.
 */
import { z } from './zod';
import { TERMS_EN, type Term } from './terms';
import { ENUM_LABELS, type EnumLabels } from './labels';

export type Locale = 'zh-CN' | 'en';

export type TextParam = string | number | readonly string[];
export type TextParams = Readonly<Record<string, TextParam>>;

/** Enum codes a text may name, worded through labels.ts. */
type LabelKind = keyof Pick<EnumLabels, 'status' | 'action' | 'satisfaction' | 'contactMethod' | 'escalation'>;

const PARAM_KINDS: Readonly<Record<string, LabelKind | 'term' | 'duration'>> = {
  field: 'term',
  what: 'term',
  job: 'term',
  form: 'term',
  status: 'status',
  allowed: 'status',
  action: 'action',
  satisfaction: 'satisfaction',
  method: 'contactMethod',
  level: 'escalation',
  held: 'duration',
};

/** The `{name}` placeholders of a template, as a union of names (`never` when there are none). */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type ParamValue<P extends string> = P extends 'allowed'
  ? readonly string[]
  : P extends 'field' | 'what' | 'job' | 'form'
    ? Term
    : P extends LabelParam
      ? string
      : string | number;
type LabelParam = 'status' | 'action' | 'satisfaction' | 'method' | 'level';
/** The parameters a template needs, by name, typed: a missing or misspelled one fails to compile. */
export type ParamsOf<T extends string> = { readonly [P in Placeholders<T>]: ParamValue<P> };
/** `[]` for a template without placeholders, `[params]` otherwise: for rest arguments. */
export type ParamArgs<T extends string> = [Placeholders<T>] extends [never] ? [params?: Record<string, never>] : [params: ParamsOf<T>];

/** A text as it crosses the bridge and is stored: its key in a catalogue and its parameters. */
export interface KeyedText<K extends string = string> {
  key: K;
  params: TextParams;
}

/** zh: 3 天 2 小时 5 分钟 (every part, as the timeline has always said it); en: 3 d 2 h 5 min. */
function duration(minutes: number, locale: Locale): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const units = locale === 'en' ? [' d', ' h', ' min'] : [' 天', ' 小时', ' 分钟'];
  return [d ? `${d}${units[0]}` : '', h ? `${h}${units[1]}` : '', m || (!d && !h) ? `${m}${units[2]}` : ''].filter(Boolean).join(' ');
}

/** A list of codes: zh “已登记”、“已派单”; en "Registered" or "Dispatched". */
function list(items: readonly string[], locale: Locale): string {
  if (locale === 'zh-CN') return items.map((i) => `“${i}”`).join('、');
  const quoted = items.map((i) => `"${i}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

function paramText(name: string, value: TextParam, locale: Locale): string {
  const kind = PARAM_KINDS[name];
  const label = (code: string) => {
    if (kind === 'term') return locale === 'en' ? (TERMS_EN[code as Term] ?? code) : code;
    if (kind === undefined || kind === 'duration') return code;
    return (ENUM_LABELS[locale][kind] as Readonly<Record<string, string>>)[code] ?? code;
  };
  if (Array.isArray(value)) return list(value.map(label), locale);
  if (kind === 'duration') return duration(Number(value), locale);
  return label(String(value));
}

/** Fill a template's `{name}` placeholders; English sentences start with a capital. */
export function formatText(template: string, params: TextParams, locale: Locale): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(name, params[name]!, locale) : whole));
  return locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// The language texts are worded in where the reader is: main words Chinese; the renderer follows
// the user's choice (its forms' validation messages, error-texts.ts `keyed`, and the refusals it
// words). Validation issues carry their key and parameters (`issueText`), for main's dispatcher.

let textLocale: Locale = 'zh-CN';

/**
 * The renderer's language switch: its forms' validation messages and the refusals it words follow
 * it. Main never calls this: what main words is Chinese.
 */
export function setTextLocale(locale: Locale): void {
  textLocale = locale;
  // The few checks without a message of ours fall back to zod's own texts: in the same language.
  z.config(locale === 'en' ? z.locales.en() : z.locales.zhCN());
}

export const getTextLocale = (): Locale => textLocale;

/** What a keyed message leaves on the issue it raises (error-texts.ts `keyed`), for `issueText`. */
export interface IssueStamp {
  errorKey?: string;
  errorParams?: TextParams;
}

/** The key and parameters of a reported zod issue, if a keyed message raised it. */
export function issueText(issue: z.core.$ZodIssue): KeyedText | undefined {
  const stamp = (issue as { params?: IssueStamp }).params;
  return stamp?.errorKey ? { key: stamp.errorKey, params: stamp.errorParams ?? {} } : undefined;
}
