import {
  CHANNELS,
  COMPENSATION_KINDS,
  CONTACT_METHODS,
  ESCALATION_LEVELS,
  SATISFACTIONS,
  SEVERITIES,
  URGENCIES,
  VALIDITIES,
  ZH_LABELS,
  type Channel,
  type CompensationKind,
  type ContactMethod,
  type EnumNames,
  type EscalationLevel,
  type Satisfaction,
  type Severity,
  type Urgency,
  type Validity,
} from '../../src-preload/contract';

/** An option list as the paper prints it, in the paper's order: value → printed label. */
export type Options<T extends string> = readonly (readonly [T, string])[];

/**
 * Every label comes from the one table the screen and Excel use (contract/labels.ts); only the
 * order of the tick boxes and the paper's own 其他 box are decided here.
 */
const optionsOf = <T extends string>(values: readonly T[], names: EnumNames<T>): Options<T> => values.map((v) => [v, names[v]] as const);

/** FORMS.md lists six ways; the two rarer channels print as 其他 with their name (see channelTicks). */
const PAPER_CHANNELS = ['phone', 'visit', 'letter', 'online', 'suggestion_box'] as const satisfies readonly Channel[];
export const CHANNEL_OPTIONS: Options<Channel | 'other'> = [...optionsOf(PAPER_CHANNELS, ZH_LABELS.channel), ['other', '其他']];
export const OTHER_CHANNEL_NAMES: Partial<Record<Channel, string>> = Object.fromEntries(
  CHANNELS.filter((c) => !(PAPER_CHANNELS as readonly Channel[]).includes(c)).map((c) => [c, ZH_LABELS.channel[c]]),
);

export const SEVERITY_OPTIONS: Options<Severity> = optionsOf(SEVERITIES, ZH_LABELS.severity);
export const URGENCY_OPTIONS: Options<Urgency> = optionsOf(URGENCIES, ZH_LABELS.urgency);
export const VALIDITY_OPTIONS: Options<Validity> = optionsOf(VALIDITIES, ZH_LABELS.validity);
export const SATISFACTION_OPTIONS: Options<Satisfaction> = optionsOf(SATISFACTIONS, ZH_LABELS.satisfaction);
export const CONTACT_OPTIONS: Options<ContactMethod> = optionsOf(CONTACT_METHODS, ZH_LABELS.contactMethod);
export const COMPENSATION_OPTIONS: Options<CompensationKind> = optionsOf(COMPENSATION_KINDS, ZH_LABELS.compensation);
export const ESCALATION_OPTIONS: Options<EscalationLevel> = optionsOf(ESCALATION_LEVELS, ZH_LABELS.escalation);

/** The printed label of a value ('' for none). */
export const labelOf = <T extends string>(options: Options<T>, value: T | '' | null | undefined): string =>
  options.find(([v]) => v === value)?.[1] ?? '';
