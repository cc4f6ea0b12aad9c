/** 投诉处理记录表 (FORMS.md, PROCEDURES §4): one block per handling round; `null` prints the blank form. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { ZH_LABELS, type ComplaintDetail, type ComplaintProcess, type HandlingRoundView, type RedispatchView, type ReplyView } from '../../src-preload/contract';
import { handlingFollowUpLines, phoneOf, roomOf, yuan, type PrintOptions } from './complaint-facts';
import { joinClauses } from './doc-text';
import { COMPENSATION_OPTIONS, CONTACT_OPTIONS, ESCALATION_OPTIONS, SEVERITY_OPTIONS, labelOf } from './labels';
import {
  GAP,
  bandRow,
  continuationHeader,
  formDocument,
  formFooter,
  formTable,
  formTitle,
  gridRow,
  orLine,
  para,
  signature,
  ticks,
  type Field,
  type FormHeader,
  type Row,
} from './layout';

const TITLE = '投诉处理记录表';
const COLUMNS = 6;
/** Label, value three times over: wide enough for `2026-11-02 09:20` in each value column. */
const WIDTHS: (number | '*')[] = [64, '*', 56, '*', 68, '*'];

const row = (lines: number, ...fields: Field[]): Row => ({ cells: gridRow(COLUMNS, fields), lines });
const lines = (texts: string[]) => ({ stack: texts.map((t) => para(t)) });

/** □无 □现金 ___元 …: the chosen kind marked with its amount, the others left to fill in. */
function compensation(r: HandlingRoundView | undefined): string {
  const chosen = r?.result ? r.compensationKind : undefined;
  const amount = (kind: string) => `${chosen === kind ? ` ${yuan(r!.compensationAmount)} ` : '___'}元`;
  return ticks(COMPENSATION_OPTIONS, chosen, { cash: amount('cash'), management_fee_waiver: amount('management_fee_waiver'), parking_fee_waiver: amount('parking_fee_waiver') });
}

/** A 转派 as the form reads it: when, from which department to which, who recorded it, why, and the first department's 签收 it replaced. */
const redispatchLine = (t: RedispatchView): string =>
  `第${t.round}轮 ${t.at} 由${t.fromDepartmentName}转至${t.toDepartmentName}${t.toHandlerName ? `（处理人 ${t.toHandlerName}）` : ''}` +
  // The reason is the desk's own words: its closing 。 gives way to the ； that follows (no 。；).
  `，经办人：${t.actor}，${joinClauses([`原因：${t.reason}`, t.fromSignedBy ? `${t.fromDepartmentName}原签收：${t.fromSignedBy} ${t.fromSignedAt}` : ''], '；')}`;

/** A 答复 as the form reads it: when, how, who answered, what the complainant was told. */
const replyLine = (r: ReplyView): string => `${r.at}${GAP}方式：${labelOf(CONTACT_OPTIONS, r.method)}${GAP}答复人：${r.replier}${GAP}内容：${r.content}`;

/** One handling round (a blank one when nothing was dispatched yet). */
function roundRows(r: HandlingRoundView | undefined, number: number, p: ComplaintProcess | undefined): Row[] {
  const due = p?.deadlines.find((d) => d.kind === 'resolution' && d.round === number)?.dueAt ?? '';
  const followUp = p?.followUps.find((f) => f.round === number);
  // 责任部门 and 签收 below are the department that has the form now; each move before it is a line here.
  const moves = (p?.redispatches ?? []).filter((t) => t.round === number).map(redispatchLine);
  return [
    { cells: bandRow(COLUMNS, `第${number}轮`), lines: 0.75 },
    row(1, { label: '责任部门', value: r?.departmentName ?? '' }, { label: '派单时间', value: r?.dispatchedAt ?? '' }, { label: '处理时限', value: due }),
    ...(moves.length ? [row(moves.length, { label: '转派记录', value: lines(moves) })] : []),
    row(1, { label: '签 收 人', value: r?.signedBy ?? '' }, { label: '签收时间', value: r?.signedAt ?? '' }, { label: '派 单 人', value: r?.dispatchedBy ?? '' }),
    // Printed at dispatch, the department writes measures by hand: room for it until they are on record.
    row(r?.measures ? 2 : 4, { label: '处理措施', value: r?.measures ?? '' }),
    row(2, { label: '处理结果', value: r?.result ?? '', span: 3 }, { label: '完成时间', value: r?.completedAt ?? '' }),
    row(1, { label: '补偿情况', value: compensation(r) }),
    row(2, { label: '处理人签字', value: signature(r?.completedBy || r?.handlerName), span: 2 }, { label: `${ZH_LABELS.role.department_head}签字`, value: signature(undefined) }),
    row(2, { label: '回访记录', value: lines(handlingFollowUpLines(followUp)) }),
    row(1, { label: '回访人签字', value: signature(followUp?.visitor, true) }),
  ];
}

/** 升级/重大: the levels reported to (ticked), then one line per report with its time and reason. */
function escalationLines(p: ComplaintProcess | undefined): string[] {
  const all = p?.escalations ?? [];
  const head = `上报：${ticks(ESCALATION_OPTIONS, all.map((e) => e.level))}${GAP}时间：${orLine(all.map((e) => e.at).join('、'), 12)}`;
  if (all.length === 0) return [head, `原因：${orLine('', 30)}`];
  return [head, ...all.map((e) => `${e.at} 上报${labelOf(ESCALATION_OPTIONS, e.level)}（${e.actor}）：${e.reason}`)];
}

export function handlingRecordDoc(form: FormHeader, detail: ComplaintDetail | null, options: PrintOptions = {}): TDocumentDefinitions {
  const c = detail?.complaint;
  const p = detail?.process;
  // Every round so far, numbered: one sent back by a follow-up and not yet dispatched prints blank, to fill in.
  const roundCount = Math.max(1, p?.round ?? 0, ...(p?.rounds ?? []).map((r) => r.round));
  const rounds = Array.from({ length: roundCount }, (_, i) => p?.rounds.find((r) => r.round === i + 1));
  const summary = [p?.summary && `总结：${p.summary}`, p?.improvement && `改进措施：${p.improvement}`].filter((x): x is string => !!x);
  const replies = (p?.replies ?? []).map(replyLine);
  const holds = (p?.holds ?? []).map((h) => `${h.fromAt} 至 ${h.resumedAt || '（未恢复）'}，预计 ${h.expectedDate} 恢复：${h.reason}`);

  const rows: Row[] = [
    row(1, { label: '投诉人/房号', value: [c?.complainantName, roomOf(c), phoneOf(c, options)].filter(Boolean).join(GAP) }),
    row(1, { label: '受理时间', value: c?.receivedAt ?? '' }, { label: '投诉类别', value: c?.categoryName ?? '' }, { label: '投诉等级', value: labelOf(SEVERITY_OPTIONS, c?.severity) }),
    row(2, { label: '投诉摘要', value: c?.description ?? '' }),
    row(1, { label: '投诉人要求', value: c?.request ?? '', span: 3 }, { label: '要求答复时间', value: c?.requestedReplyAt ?? '' }),
    row(1, { label: '接待人签字', value: signature(c?.receiverName, true) }),
    // Reception's answers to the complainant (§1, §5), each on its own line, before the handling.
    ...(replies.length ? [row(replies.length, { label: '答复记录', value: lines(replies) })] : []),
    ...rounds.flatMap((r, i) => roundRows(r, i + 1, p)),
    ...(holds.length ? [row(1, { label: '挂起记录', value: lines(holds) })] : []),
    row(2, { label: '升级/重大', value: lines(escalationLines(p)) }),
    row(2, { label: '总结与改进', value: lines(summary) }),
    // The reviewer by role, as the screen names it (服务中心主任), where a signature cell prints a name: the caption stays one line.
    row(1, { label: '审核', value: signature(ZH_LABELS.role.director, true) }),
  ];

  const number = c?.number ?? '';
  return formDocument(
    `${TITLE} ${number}`.trim(),
    [formTitle(form, TITLE, number), formTable(WIDTHS, rows)],
    continuationHeader(form, TITLE, number),
    formFooter(form),
  );
}
