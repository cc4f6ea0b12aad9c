/** 顾客投诉记录表 for one complaint (FORMS.md, PROCEDURES §3); `null` prints the blank form. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ComplaintDetail } from '../../src-preload/contract';
import { channelTicks, phoneOf, recordFollowUpLines, roomOf, type PrintOptions } from './complaint-facts';
import { SEVERITY_OPTIONS, URGENCY_OPTIONS, VALIDITY_OPTIONS, CONTACT_OPTIONS, labelOf } from './labels';
import {
  continuationHeader,
  hint,
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

const TITLE = '顾客投诉记录表';
const COLUMNS = 4;
/** Label, value, label, value: A4 less margins is about 493 pt. */
const WIDTHS: (number | '*')[] = [70, '*', 70, '*'];

export function complaintRecordDoc(form: FormHeader, detail: ComplaintDetail | null, options: PrintOptions = {}): TDocumentDefinitions {
  const c = detail?.complaint;
  const p = detail?.process;
  const row = (lines: number, ...fields: Field[]): Row => ({ cells: gridRow(COLUMNS, fields), lines });

  // 投诉性质: the reason of an invalid complaint sits in the tick line, the notice below it.
  const validity = [ticks(VALIDITY_OPTIONS, c?.validity, { invalid: `（原因：${orLine(c?.invalidReason, 10)}）` })];
  if (p?.invalidNoticedAt) validity.push(`已于 ${p.invalidNoticedAt} ${labelOf(CONTACT_OPTIONS, p.invalidNoticeMethod)}告知投诉人`);

  const results = (p?.rounds ?? [])
    .filter((r) => r.result)
    .map((r) => `第${r.round}轮（${r.departmentName}，${r.completedBy || r.handlerName}，${r.completedAt}）：${r.result}`);
  const attachments = detail?.attachments.map((a) => a.fileName).join('、') ?? '';

  const rows: Row[] = [
    row(1, { label: '投 诉 人', value: c?.complainantName ?? '' }, { label: '房　　号', value: roomOf(c) }),
    row(1, { label: '联系电话', value: phoneOf(c, options) }, { label: '受理时间', value: c?.receivedAt ?? '' }),
    row(1, { label: '投诉方式', value: channelTicks(c) }),
    row(1, { label: '投诉类别', value: c?.categoryName ?? '' }, { label: '紧急程度', value: ticks(URGENCY_OPTIONS, c?.urgency) }),
    row(1, { label: '事发时间', value: c?.eventTime ?? '' }, { label: '事发地点', value: c?.eventPlace ?? '' }),
    row(1, { label: '被投诉部门/人', value: [c?.complainedDepartmentName, c?.complainedPerson].filter(Boolean).join(' / ') }),
    row(c ? 3 : 6, { label: '投诉内容', value: c ? c.description : hint('（事件经过，简明扼要）') }),
    row(2, { label: '业主原话', value: c?.ownerWords ?? '' }),
    row(2, { label: '投诉人要求', value: c?.request ?? '' }, { label: '要求答复时间', value: c?.requestedReplyAt ?? '' }),
    row(1, { label: '投诉性质', value: { stack: validity.map((v) => para(v)) } }, { label: '投诉等级', value: ticks(SEVERITY_OPTIONS, c?.severity) }),
    row(1, { label: '附　　件', value: attachments }),
    row(2, { label: '接待人签字', value: signature(c?.receiverName) }, { label: '投诉人确认', value: signature(undefined) }),
    row(3, { label: '处理结果', value: { stack: results.map((r) => para(r)) } }),
    row(2, { label: '跟踪验证', value: { stack: recordFollowUpLines(p?.followUps ?? []).map((l) => para(l)) } }),
  ];

  const number = c?.number ?? '';
  return formDocument(
    `${TITLE} ${number}`.trim(),
    [formTitle(form, TITLE, number), formTable(WIDTHS, rows)],
    continuationHeader(form, TITLE, number),
    formFooter(form),
  );
}
