/** How the forms print a complaint's values (pure; shared by both forms). */
import type { Complaint, FollowUpView } from '../../src-preload/contract';
import { CHANNEL_OPTIONS, CONTACT_OPTIONS, OTHER_CHANNEL_NAMES, SATISFACTION_OPTIONS, labelOf } from './labels';
import { joinClauses } from './doc-text';
import { GAP, orLine, ticks } from './layout';

export interface PrintOptions {
  /** 138****5678 (FORMS.md, PROCEDURES §8: residents' phone numbers are protected). Default true. */
  maskPhone?: boolean;
}

/** Hide the four digits before the last four: 13812345678 → 138****5678, 0571-88886666 → 0571-****6666. */
export const maskPhone = (phone: string) => (phone.length >= 8 ? `${phone.slice(0, -8)}****${phone.slice(-4)}` : phone);

export const roomOf = (c: Complaint | undefined) => (c ? `${c.building}${c.unit}${c.room}` : '');

export function phoneOf(c: Complaint | undefined, options: PrintOptions): string {
  if (!c) return '';
  const phone = options.maskPhone === false ? c.phone : maskPhone(c.phone);
  return [phone, c.contactOther].filter(Boolean).join(GAP);
}

/** 投诉方式 ticks; 问卷调查 and 员工反馈 mark 其他 and name themselves. */
export function channelTicks(c: Complaint | undefined): string {
  const other = c ? OTHER_CHANNEL_NAMES[c.channel] : undefined;
  return ticks(CHANNEL_OPTIONS, other ? 'other' : c?.channel, other ? { other: `（${other}）` } : {});
}

/** Money as written on the form: 200, 150.50. */
export const yuan = (amount: number) => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));

const impossible = (f: FollowUpView) => `未能回访的原因：${f.impossibleReason}（审核主管：${orLine(f.approvedBy, 6)}）`;

/** 跟踪验证 on the complaint record: one line per follow-up, or the blanks to fill in. */
export function recordFollowUpLines(followUps: FollowUpView[]): string[] {
  if (followUps.length === 0) {
    return [`回访时间：${orLine('', 12)}${GAP}方式：${orLine('', 6)}${GAP}被回访人：${orLine('', 6)}${GAP}意见：${orLine('', 16)}`, `（未能回访的原因：${orLine('', 30)}）`];
  }
  return followUps.flatMap((f) => {
    if (f.impossibleReason) return [`第${f.round}轮${GAP}${impossible(f)}`];
    const opinion = joinClauses([f.opinion, labelOf(SATISFACTION_OPTIONS, f.satisfaction)], '，');
    return [`第${f.round}轮${GAP}回访时间：${f.at}${GAP}方式：${labelOf(CONTACT_OPTIONS, f.method)}${GAP}回访人：${f.visitor}${GAP}被回访人：${f.personVisited}`, `意见：${opinion}`];
  });
}

/** 回访记录 on the handling record: 方式 and 满意度 as tick boxes (FORMS.md). */
export function handlingFollowUpLines(f: FollowUpView | undefined): string[] {
  if (f?.impossibleReason) return [impossible(f)];
  return [
    `回访时间：${orLine(f?.at, 12)}${GAP}方式：${ticks(CONTACT_OPTIONS, f?.method)}`,
    `回访人：${orLine(f?.visitor, 8)}${GAP}被回访人：${orLine(f?.personVisited, 8)}`,
    `满意度：${ticks(SATISFACTION_OPTIONS, f?.satisfaction)}${GAP}意见：${orLine(f?.opinion, 16)}`,
  ];
}
