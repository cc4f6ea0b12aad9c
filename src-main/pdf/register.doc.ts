/**
 * 投诉记录表, the register (FORMS.md): one row per complaint on A4 landscape, the header row on every
 * page, the totals line and three signatures at the end. `null` prints the blank register.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ZH_LABELS, type RegisterPrintData, type RegisterRow, type ReportTotals } from '../../src-preload/contract';
import { DATE_LINE, GAP, LINE, breaksAnywhere, continuationLine, formDocument, formFooter, gridLayout, str, titleBlock, RULE, type FormHeader } from './layout';
import { columnWidths, contentBox, fitRow, rowRoom, type CellText, type Grid } from './table-rows';

const TITLE = '投诉记录表';
/** 15 columns across 740 pt: 7.5 pt text and 2 pt padding leave the two text columns about 100 pt each. */
const FONT_SIZE = 7.5;
const LINE_HEIGHT = 1.15;
const PADDING = 2;
/** Blank rows on the blank register: as many 8 mm rows as fill the landscape page (render test checks one page). */
export const BLANK_ROWS = 13;

interface Column {
  header: string;
  /** Points of text; '*' shares what is left. Fixed widths fit their usual values (2026-11-02, 138****5678). */
  width: number | '*';
  value: (r: RegisterRow) => string;
  center?: boolean;
  /** What the column prints on the （续） part of a row taller than a page (others carry on with their text). */
  continued?: (r: RegisterRow) => string;
}

export const REGISTER_COLUMNS: Column[] = [
  { header: '序号', width: 16, value: (r) => String(r.seq), center: true, continued: (r) => String(r.seq) },
  { header: '编号', width: 71, value: (r) => r.number, continued: (r) => `${r.number}（续）` },
  { header: '受理时间', width: 40, value: (r) => r.receivedAt },
  { header: '投诉人', width: 30, value: (r) => r.complainantName },
  { header: '房号', width: 36, value: (r) => r.room },
  { header: '联系电话', width: 46, value: (r) => r.phone },
  { header: '方式', width: 23, value: (r) => r.channel },
  { header: '类别', width: 30, value: (r) => r.category },
  { header: '投诉内容', width: '*', value: (r) => r.description },
  { header: '被投诉\n部门', width: 30, value: (r) => r.department },
  { header: '接待人', width: 30, value: (r) => r.receiver },
  { header: '等级', width: 15, value: (r) => r.severity, center: true },
  { header: '处理结果', width: '*', value: (r) => r.result },
  { header: '回访情况', width: 62, value: (r) => r.followUp },
  { header: '状态/备注', width: 40, value: (r) => r.remark },
];

/** Latin letters and digits run about 0.6 em; Chinese text breaks between any two characters. */
const LATIN_EM = 0.6;
/** Pieces no line break may split: runs without spaces or Chinese, cut after - and / (where lines may break). */
const unbreakablePieces = (text: string) => text.split(/[\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+|(?<=[-/])/u);

/** The columns' text widths on the landscape page, '*' shared out as pdfmake would: what is measured is what prints. */
const WIDTHS = columnWidths(
  REGISTER_COLUMNS.map((c) => c.width),
  contentBox('landscape').width,
  PADDING,
);
const GRID: Grid = { widths: WIDTHS, padding: PADDING, rule: RULE, style: { fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT } };

/**
 * The text of a cell of user text that wraps inside its column: a run too long for a narrow column
 * (a Latin name, a landline with extension) is broken between letters instead of drawing over its neighbour.
 */
function cellText(text: string, width: number): CellText {
  const t = str(text);
  const tooLong = breaksAnywhere(t) || unbreakablePieces(t).some((p) => [...p].length * LATIN_EM * FONT_SIZE > width);
  return tooLong ? { text: t, breakAll: true } : { text: t };
}

const cell = (c: CellText, center = false): TableCell => ({ text: c.text, ...(c.breakAll && { wordBreak: 'break-all' }), ...(center && { alignment: 'center' }) });

/**
 * One complaint's row, whole; or, taller than a page, cut between lines into parts that each fit
 * a page, the later ones numbered `编号（续）` (table-rows.ts).
 */
function complaintRows(r: RegisterRow, room: number): TableCell[][] {
  const texts = REGISTER_COLUMNS.map((c, i) => cellText(c.value(r), WIDTHS[i]!));
  const parts = fitRow(GRID, texts, room, REGISTER_COLUMNS.map((c) => c.continued?.(r)));
  return parts.map((part) => part.map((text, i) => cell(text, REGISTER_COLUMNS[i]!.center)));
}

/** 92.9%, 100%, or — when there is nothing to count. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`);

const BLANK = '____';

/**
 * 本期共 42 件：有效 39，无效 3；重大 1；按时办结 37；回访 42（100%）；满意 36，基本满意 5，不满意 1
 * (FORMS.md); blanks to fill in without totals. Shared with the monthly report (`本月`).
 */
export function summaryLine(t: ReportTotals | null, period = '本期'): string {
  if (!t) {
    return `${period}共 ${BLANK} 件：有效 ${BLANK}，无效 ${BLANK}；重大 ${BLANK}；按时办结 ${BLANK}；回访 ${BLANK}（${BLANK}%）；满意 ${BLANK}，基本满意 ${BLANK}，不满意 ${BLANK}`;
  }
  const followUpRate = percent(t.followUpOwed > 0 ? t.followedUp / t.followUpOwed : null);
  const impossible = t.followUpImpossible > 0 ? `，无法回访 ${t.followUpImpossible}` : '';
  return (
    `${period}共 ${t.total} 件：有效 ${t.valid}，无效 ${t.invalid}；重大 ${t.major}；按时办结 ${t.closedOnTime}；` +
    `回访 ${t.followedUp}（${followUpRate}）${impossible}；满意 ${t.satisfied}，基本满意 ${t.basicallySatisfied}，不满意 ${t.unsatisfied}`
  );
}

/** 记录人 / 客服主管 / 服务中心主任 (the roles' names from the one table), each with a line to sign and the date to write. */
function signatures(): Content {
  return {
    columns: ['记录人', ZH_LABELS.role.supervisor, ZH_LABELS.role.director].map((role) => ({ text: `${role}：__________${GAP}日期：${DATE_LINE}`, width: '*' })),
    columnGap: 12,
    margin: [0, 14, 0, 0],
  };
}

function grid(data: RegisterPrintData | null): Content {
  const header: TableCell[] = REGISTER_COLUMNS.map((c) => ({ text: c.header, style: 'band', alignment: 'center' }));
  const empty = (text: string): TableCell[] => [{ text, colSpan: REGISTER_COLUMNS.length, alignment: 'center' }, ...REGISTER_COLUMNS.slice(1).map(() => ({}))];
  let body: TableCell[][];
  if (!data) body = Array.from({ length: BLANK_ROWS }, () => REGISTER_COLUMNS.map(() => ''));
  else if (data.rows.length === 0) body = [empty('本期无投诉记录')];
  else {
    const room = rowRoom(GRID, contentBox('landscape').height, REGISTER_COLUMNS.map((c) => ({ text: c.header })), { ...GRID.style, bold: true });
    body = data.rows.flatMap((r) => complaintRows(r, room));
  }
  return {
    table: {
      // The header row repeats on every page, with a first row under it. A row never breaks over
      // pages: one that does not fit moves whole to the next (one taller than a page is cut above).
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: WIDTHS,
      body: [header, ...body],
      // Blank rows are one line of handwriting high (pdfmake's height excludes the padding).
      ...(!data && { heights: (row: number) => (row === 0 ? 'auto' : LINE - 2 * PADDING) }),
    },
    layout: gridLayout(PADDING),
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
  };
}

export function complaintRegisterDoc(form: FormHeader, data: RegisterPrintData | null): TDocumentDefinitions {
  const period = data ? `${data.period.from} 至 ${data.period.to}` : `${DATE_LINE} 至 ${DATE_LINE}`;
  // The print's header names the office; the data's name stands in when a caller leaves it out.
  const office = { ...form, officeName: str(form.officeName) || str(data?.officeName) };
  const facts: Content[] = data ? [{ text: `筛选条件：${data.filters || '全部'}${GAP}${GAP}数据截至：${data.asOf}`, style: 'small', margin: [0, 0, 0, 6] }] : [];
  return formDocument(
    `${TITLE} ${data ? period : ''}`.trim(),
    [
      titleBlock(office, TITLE, `期间：${period}`, facts),
      grid(data),
      { text: summaryLine(data?.totals ?? null), margin: [0, 8, 0, 0] },
      signatures(),
    ],
    continuationLine(`${office.officeName} ${TITLE}（续）${GAP}期间：${period}`),
    formFooter(form),
    'landscape',
  );
}
