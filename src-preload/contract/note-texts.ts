/**
 * The notes main writes on a complaint's timeline, as templates in both languages. An event keeps
 * its key and parameters (complaint_events.note_key / note_params) beside the Chinese `note` main
 * words from the same template (printed, and shown for rows written before notes had keys), so the
 * timeline can be read in the user's language. Parameters are named as in texts.ts; what staff typed
 * (reasons, results) and names stay as they were written.
 */
import { formatText, type KeyedText, type Locale, type ParamArgs } from './texts';

export const NOTE_TEXTS_ZH = {
  'step.dispatch': '{action} · 派单：{department}',
  'step.dispatchWithHandler': '{action} · 派单：{department}（处理人 {handler}）',
  'step.dispatchRound': '{action} · 派单：{department}（第 {round} 轮）',
  'step.dispatchRoundWithHandler': '{action} · 派单：{department}（处理人 {handler}）（第 {round} 轮）',
  'step.redispatch': '{action} · 转派：{from} → {to}，原因：{reason}',
  'step.redispatchWithHandler': '{action} · 转派：{from} → {to}（处理人 {handler}），原因：{reason}',
  'step.signFor': '{action} · 签收：{signer}，{at}',
  'step.recordResult': '{action} · 处理完成（{handler}，{at}）：{result}',
  'step.reply': '{action} · 答复投诉人（{replier}，{method}，{at}）：{content}',
  'step.followUp': '{action} · 回访（{visitor}）：{satisfaction}',
  'step.followUpUnsatisfied': '{action} · 回访（{visitor}）：不满意，退回重新处理（第 {round} 轮，待派单）',
  'step.followUpImpossible': '{action} · 无法回访：{reason}（{supervisor}审核）',
  'step.markInvalid': '{action} · 判为无效投诉：{reason}',
  'step.notifyInvalid': '{action} · 已告知投诉人无效原因（{method}，{at}）',
  'step.escalate': '{action} · 上报{level}：{reason}',
  'step.summarize': '{action} · 总结与改进：{summary}',
  'step.hold': '{action} · 挂起：{reason}（预计 {date} 恢复），处理时限暂停计时',
  'step.resume': '{action} · 恢复处理（挂起 {held}，处理时限顺延）',
  'autoMajor.oneMonth': '受理满一个月（{receivedAt} 受理，{dueAt} 满期）仍未解决，按规定自动升级为重大投诉',
  'autoMajor.months': '受理满 {months} 个月（{receivedAt} 受理，{dueAt} 满期）仍未解决，按规定自动升级为重大投诉',
  signedCopy: '收回签字件：{form} v{version}，所印字段已锁定（{file}）',
  lockedEdit: '修改已签字表单上的内容（审批：{supervisor}；原因：{reason}）。请重新打印新版本并签字',
} as const;

export type NoteKey = keyof typeof NOTE_TEXTS_ZH;

/** English for every note: a key without its English fails to compile. No CJK here (test/unit/texts.test.ts). */
export const NOTE_TEXTS_EN: Readonly<Record<NoteKey, string>> = {
  'step.dispatch': '{action} · dispatched to {department}',
  'step.dispatchWithHandler': '{action} · dispatched to {department} (handler {handler})',
  'step.dispatchRound': '{action} · dispatched to {department} (round {round})',
  'step.dispatchRoundWithHandler': '{action} · dispatched to {department} (handler {handler}) (round {round})',
  'step.redispatch': '{action} · handed on: {from} → {to}; reason: {reason}',
  'step.redispatchWithHandler': '{action} · handed on: {from} → {to} (handler {handler}); reason: {reason}',
  'step.signFor': '{action} · signed for by {signer}, {at}',
  'step.recordResult': '{action} · handled ({handler}, {at}): {result}',
  'step.reply': '{action} · complainant answered ({replier}, {method}, {at}): {content}',
  'step.followUp': '{action} · follow-up ({visitor}): {satisfaction}',
  'step.followUpUnsatisfied': '{action} · follow-up ({visitor}): unsatisfied, sent back for another round (round {round}, to be dispatched)',
  'step.followUpImpossible': '{action} · no follow-up possible: {reason} (approved by {supervisor})',
  'step.markInvalid': '{action} · marked invalid: {reason}',
  'step.notifyInvalid': '{action} · complainant told why it is invalid ({method}, {at})',
  'step.escalate': '{action} · reported to {level}: {reason}',
  'step.summarize': '{action} · summary and improvement: {summary}',
  'step.hold': '{action} · on hold: {reason} (expected back {date}); the resolution clock is paused',
  'step.resume': '{action} · resumed after {held} on hold; the resolution deadline moves on by that much',
  'autoMajor.oneMonth': 'still unresolved a month after intake (received {receivedAt}, a month on {dueAt}): now a major complaint, as the procedure requires',
  'autoMajor.months': 'still unresolved {months} months after intake (received {receivedAt}, due {dueAt}): now a major complaint, as the procedure requires',
  signedCopy: 'signed copy back: {form} v{version}; the printed fields are locked ({file})',
  lockedEdit: 'changed what a signed form shows (approved by {supervisor}; reason: {reason}). Print the new version and have it signed again',
};

export const NOTE_TEXTS: Readonly<Record<Locale, Readonly<Record<NoteKey, string>>>> = { 'zh-CN': NOTE_TEXTS_ZH, en: NOTE_TEXTS_EN };

/** A timeline note as main stores it: `noteOf('step.signFor', { action: 'signFor', signer, at })`. */
export function noteOf<K extends NoteKey>(key: K, ...[params]: ParamArgs<(typeof NOTE_TEXTS_ZH)[K]>): KeyedText<K> {
  return { key, params: (params ?? {}) };
}

/** A timeline note in one language. */
export function wordNote(locale: Locale, text: KeyedText<NoteKey>): string {
  return formatText(NOTE_TEXTS[locale][text.key], text.params, locale);
}
