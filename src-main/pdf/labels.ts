import type {
  Channel,
  CompensationKind,
  ContactMethod,
  EscalationLevel,
  Satisfaction,
  Severity,
  Urgency,
  Validity,
} from '../../src-preload/contract';

/** An option list as the paper prints it, in the paper's order: value → printed label. */
export type Options<T extends string> = readonly (readonly [T, string])[];

/** FORMS.md lists six ways; the two rarer channels print as 其他 with their name (see channelTicks). */
export const CHANNEL_OPTIONS: Options<Channel | 'other'> = [
  ['phone', '来电'],
  ['visit', '来访'],
  ['letter', '来函'],
  ['online', '网络/微信'],
  ['suggestion_box', '意见箱'],
  ['other', '其他'],
];
export const OTHER_CHANNEL_NAMES: Partial<Record<Channel, string>> = { questionnaire: '问卷调查', staff_report: '员工反馈/巡查' };

export const SEVERITY_OPTIONS: Options<Severity> = [
  ['minor', '轻微'],
  ['ordinary', '一般'],
  ['important', '重要'],
  ['major', '重大'],
];
export const URGENCY_OPTIONS: Options<Urgency> = [
  ['urgent', '紧急'],
  ['normal', '不紧急'],
];
export const VALIDITY_OPTIONS: Options<Validity> = [
  ['valid', '有效'],
  ['invalid', '无效'],
];
export const SATISFACTION_OPTIONS: Options<Satisfaction> = [
  ['satisfied', '满意'],
  ['basically_satisfied', '基本满意'],
  ['unsatisfied', '不满意'],
];
export const CONTACT_OPTIONS: Options<ContactMethod> = [
  ['phone', '电话'],
  ['visit', '上门'],
  ['message', '短信/微信'],
  ['letter', '书面'],
];
export const COMPENSATION_OPTIONS: Options<CompensationKind> = [
  ['none', '无'],
  ['cash', '现金'],
  ['management_fee_waiver', '减免物业费'],
  ['parking_fee_waiver', '减免停车费'],
];
export const ESCALATION_OPTIONS: Options<EscalationLevel> = [
  ['supervisor', '客服主管'],
  ['director', '主任'],
  ['company', '公司'],
];

/** The printed label of a value ('' for none). */
export const labelOf = <T extends string>(options: Options<T>, value: T | '' | null | undefined): string =>
  options.find(([v]) => v === value)?.[1] ?? '';
