/**
 * 月度投诉统计报表 to head office (FORMS.md, PROCEDURES §8), A4 portrait: the summary line, tables
 * by category, department, channel and severity, the rates beside last month's, the major
 * complaints, recurring problems and the signatures. `null` prints the blank report form.
 * Complainants' names and phone numbers stay at the office: the report names complaints by number and room.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { BreakdownRow, MonthlyReport, OfficeReportRow, RateLine, Ratio } from '../../src-preload/contract';
import { DEADLINE_KINDS } from '../../src-preload/contract/enums';
import { ZH_LABELS } from '../../src-preload/contract/labels';
import { DEADLINE_KIND_NAMES } from '../domain/deadlines';
import { CHANNEL_OPTIONS, OTHER_CHANNEL_NAMES, SEVERITY_OPTIONS } from './labels';
import { percent, summaryLine } from './register.doc';
import { GAP, LINE, RULE, breaksAnywhere, continuationLine, formDocument, formFooter, formTable, gridLayout, gridRow, hint, para, signature, str, titleBlock, type FormHeader } from './layout';
import { columnWidths, contentBox, fitRow, rowRoom, type CellText, type Grid } from './table-rows';

const TITLE = '月度投诉统计报表';
const FONT_SIZE = 9;
/** The document's line height (formDocument), set on the tables too: what table-rows.ts measures. */
const LINE_HEIGHT = 1.2;
const PADDING = 3;
/** Empty rows in the blank form's open lists (categories, departments, majors, recurring problems). */
const BLANK_LIST_ROWS = 5;

/** One row of a table; `lines` on the blank form gives room to write (FORMS.md: at least 8 mm a line). */
interface Line {
  cells: TableCell[];
  lines?: number;
}

const head = (texts: string[]): TableCell[] => texts.map((text) => ({ text, style: 'band', alignment: 'center' }));
const num = (v: number | string): TableCell => ({ text: str(v), alignment: 'center' });
const spanning = (columns: number, text: string): TableCell[] => [{ text, colSpan: columns, alignment: 'center' }, ...Array.from({ length: columns - 1 }, () => ({}))];

/**
 * A ruled table with its header row repeated on every page and kept with the first row; rows with
 * `lines` are at least that many lines of handwriting high. No row splits over pages: one that
 * does not fit moves whole to the next (long texts go through longTextTable).
 */
function table(widths: (number | '*')[], header: string[], rows: Line[]): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths,
      body: [head(header), ...rows.map((r) => r.cells)],
      heights: (i: number) => {
        const lines = i > 0 ? rows[i - 1]?.lines : undefined;
        return lines ? lines * LINE - 2 * PADDING : 'auto';
      },
    },
    layout: gridLayout(PADDING),
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
  };
}

/** A cell of user text in a long-text table; `center` for a figure. */
type TextCell = CellText & { center?: boolean };
const textCell = (text: string, center = false): TextCell => ({ text, ...(breaksAnywhere(text) && { breakAll: true }), ...(center && { center }) });
const tableCell = (c: TextCell): TableCell => ({ text: c.text, ...(c.breakAll && { wordBreak: 'break-all' }), ...(c.center && { alignment: 'center' }) });

/**
 * A full-width table of long texts (major complaints, recurring problems): each row whole on one
 * page; a row taller than a page is cut between lines into parts that each fit, the later ones
 * naming the row in the first column as `…（续）` (table-rows.ts).
 */
function longTextTable(widths: (number | '*')[], header: string[], rows: { cells: TextCell[]; continued: string }[]): Content {
  const style = { fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT };
  const grid: Grid = { widths: columnWidths(widths, contentBox('portrait').width, PADDING), padding: PADDING, rule: RULE, style };
  const room = rowRoom(grid, contentBox('portrait').height, header.map((text) => textCell(text)), { ...style, bold: true });
  const parts = rows.flatMap((r) => fitRow(grid, r.cells, room, [`${r.continued}（续）`]));
  return table(grid.widths, header, parts.map((cells) => ({ cells: cells.map(tableCell) })));
}

/** A section heading; `headlineLevel` lets pageBreakBefore keep it with what follows. */
const section = (text: string): Content => ({ text, bold: true, fontSize: 11, margin: [0, 10, 0, 4], headlineLevel: 1 });

/** A heading needs this much room below it for its table's header and a first row, or it moves to the next page. */
const KEEP_WITH_HEADING = 100;
/**
 * True when a heading starts too low on its page. Decided from its own position only: pdfmake's
 * "following nodes" include the running footer, and rows it moved to the next page keep stale positions.
 */
const headingStrandedAt = (p: { top: number; pageInnerHeight: number; verticalRatio?: number }) =>
  (1 - (p.verticalRatio ?? 0)) * p.pageInnerHeight < KEEP_WITH_HEADING;

const blankRow = (columns: number, lines = 1): Line => ({ cells: Array.from({ length: columns }, () => ''), lines });

/** 件数 / 占比 / 按时 / 超时 by one dimension, with the 合计 line; blank: the names given (or empty rows) and no figures. */
function breakdown(title: string, rows: BreakdownRow[] | null, blankNames: string[] = []): Content {
  const widths: (number | '*')[] = ['*', 26, 34, 26, 26];
  const header = [title, '件数', '占比', '按时', '超时'];
  if (!rows) {
    const names = blankNames.length ? blankNames : Array.from({ length: BLANK_LIST_ROWS }, () => '');
    return table(widths, header, [...names.map((n) => ({ cells: [n, '', '', '', ''], lines: 1 })), { cells: ['合计', '', '', '', ''], lines: 1 }]);
  }
  const sum = (f: (r: BreakdownRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = sum((r) => r.count);
  return table(widths, header, [
    ...rows.map((r) => ({ cells: [para(r.name) as TableCell, num(r.count), num(percent(r.share)), num(r.onTime), num(r.late)] })),
    { cells: [{ text: '合计', bold: true }, num(total), num(percent(total > 0 ? 1 : null)), num(sum((r) => r.onTime)), num(sum((r) => r.late))] },
  ]);
}

/** Two tables side by side, as the paper puts them. */
const pair = (left: Content, right: Content): Content => ({ columns: [left, right], columnGap: 10, margin: [0, 0, 0, 6] });

/** 92.9%（13/14）, or — when there was nothing to count. */
const ratioText = (r: Ratio) => (r.rate === null ? '—' : `${percent(r.rate)}（${r.count}/${r.of}）`);

const RATE_NAMES = ['回访率（目标 100%）', '满意率', '重复投诉率'];

/**
 * Head office's all-offices report (issue 5): one line per office with its main figures, then the
 * 合计 line of the consolidated figures printed above and below it. Nothing when the report is
 * one office's.
 */
function officesTable(report: MonthlyReport | null): Content[] {
  if (!report?.byOffice.length) return [];
  const officeCell = (o: Pick<OfficeReportRow, 'officeName' | 'officeCode'>) => para(o.officeName ? `${o.officeName}\n（${o.officeCode}）` : o.officeCode) as TableCell;
  const figures = (t: OfficeReportRow['totals'], closed: number): TableCell[] => [num(t.total), num(t.valid), num(t.invalid), num(t.major), num(closed)];
  const t = report.totals;
  const closed = report.byOffice.reduce((s, o) => s + o.closed, 0);
  const decided = t.closedOnTime + t.closedLate;
  const onTime: Ratio = { count: t.closedOnTime, of: decided, rate: decided > 0 ? t.closedOnTime / decided : null };
  const { followUp, satisfaction } = report.rates;
  return [
    { text: '各服务中心情况', bold: true, margin: [0, 8, 0, 4] },
    table(
      ['*', 26, 26, 26, 26, 30, 66, 66, 66],
      ['服务中心', '受理', '有效', '无效', '重大', '已办结', '按时办结率', '回访率', '满意率'],
      [
        ...report.byOffice.map((o) => ({
          cells: [officeCell(o), ...figures(o.totals, o.closed), num(ratioText(o.onTime)), num(ratioText(o.followUp)), num(ratioText(o.satisfaction))],
        })),
        { cells: [{ text: '合计', bold: true }, ...figures(t, closed), num(ratioText(onTime)), num(ratioText(followUp.current)), num(ratioText(satisfaction.current))] },
      ],
    ),
    hint('按时办结率：按时办结 ÷（按时办结 + 超时）；已办结：本月受理、统计时已办结的投诉。分类统计中各服务中心的同名类别、部门合并计算。'),
  ];
}

function rates(report: MonthlyReport | null): Content {
  const line = (name: string, r: RateLine | null): Line => ({ cells: [name, num(r ? ratioText(r.current) : ''), num(r ? ratioText(r.previous) : '')], lines: r ? undefined : 1 });
  const stageNames = report ? report.rates.onTime.map((s) => s.stage) : DEADLINE_KINDS.map((kind) => DEADLINE_KIND_NAMES[kind]);
  const r = report?.rates;
  return {
    stack: [
      table(['*', 130, 130], ['指标', '本月', '上月'], [
        ...stageNames.map((stage, i) => line(`及时率 · ${stage}`, r?.onTime[i] ?? null)),
        line(RATE_NAMES[0]!, r?.followUp ?? null),
        line(RATE_NAMES[1]!, r?.satisfaction ?? null),
        line(RATE_NAMES[2]!, r?.repeat ?? null),
      ]),
      {
        // The definitions printed with the figures, so head office reads every office's report alike.
        stack: [
          hint('及时率：在时限内完成的环节 ÷（按时 + 超时，到期仍未完成的算超时）；回访率：已回访 ÷ 已处理完毕的有效投诉（无法回访的不算已回访）；'),
          hint('满意率：（满意 + 基本满意）÷ 已回访，以最后一次回访为准；重复投诉率：同一房号或电话 30 日内再次投诉同一类别 ÷ 本月投诉；无效投诉不计入及时、回访与重复发生的问题。'),
        ],
        margin: [0, 3, 0, 0],
      },
    ],
  };
}

function majors(report: MonthlyReport | null): Content {
  const widths: (number | '*')[] = [74, '*', '*', '*', '*'];
  const header = ['编号 / 房号', '事件经过', '处理措施', '处理结果', '总结与改进'];
  if (!report) return table(widths, header, Array.from({ length: 2 }, () => blankRow(5, 3)));
  if (report.majors.length === 0) return table(widths, header, [{ cells: spanning(5, '本月无重大投诉') }]);
  return longTextTable(
    widths,
    header,
    report.majors.map((m) => ({
      cells: [
        textCell([m.number, m.receivedAt, m.room, m.category, m.department].filter(Boolean).join('\n')),
        textCell(m.description),
        textCell(m.measures.join('\n')),
        textCell(m.outcome),
        textCell([m.summary && `总结：${m.summary}`, m.improvement && `改进：${m.improvement}`].filter(Boolean).join('\n')),
      ],
      continued: m.number,
    })),
  );
}

function recurring(report: MonthlyReport | null): Content {
  const widths: (number | '*')[] = [62, 26, 88, '*'];
  const header = ['楼栋 / 类别', '件数', '涉及投诉', '已采取的措施'];
  if (!report) return table(widths, header, Array.from({ length: 2 }, () => blankRow(4, 2)));
  if (report.recurring.length === 0) return table(widths, header, [{ cells: spanning(4, '本月无同一楼栋或同一类别 3 次及以上的投诉') }]);
  return longTextTable(
    widths,
    header,
    report.recurring.map((p) => ({
      cells: [
        textCell([p.office, p.kind === 'building' ? '同一楼栋' : '同一类别', p.name].filter(Boolean).join('\n')),
        textCell(String(p.count), true),
        textCell(p.numbers.join('\n')),
        textCell(p.measures.join('\n') || '（尚无处理措施）'),
      ],
      continued: p.name,
    })),
  );
}

/** 编制 / 审核 / 服务中心主任 (the role's name from the one table): a signature and a date each. */
const signatures = (): Content =>
  formTable([36, '*', 36, '*', 36, '*'], [
    {
      cells: gridRow(6, [
        { label: '编　制', value: signature(undefined) },
        { label: '审　核', value: signature(undefined) },
        { label: ZH_LABELS.role.director, value: signature(undefined) },
      ]),
      lines: 3,
    },
  ]);

const channelNames = [...CHANNEL_OPTIONS.filter(([v]) => v !== 'other').map(([, label]) => label), ...Object.values(OTHER_CHANNEL_NAMES)];

export function monthlyReportDoc(form: FormHeader, report: MonthlyReport | null): TDocumentDefinitions {
  const office = { ...form, officeName: str(form.officeName) || str(report?.officeName) };
  const [year, month] = report ? report.month.split('-') : ['____', '__'];
  const monthText = `${year} 年 ${month} 月`;
  const facts = report ? `月份：${monthText}（${report.period.from} 至 ${report.period.to}）` : `月份：${monthText}`;
  const asOf: Content[] = report ? [{ text: `统计截至：${report.asOf}${GAP}（按受理时间统计本月投诉；状态与时限按统计时的情况）`, style: 'small', margin: [0, 0, 0, 4] }] : [];
  const doc = formDocument(
    `${TITLE} ${report?.month ?? ''}`.trim(),
    [
      titleBlock(office, TITLE, facts, asOf),
      section('一、本月概况'),
      { text: summaryLine(report?.totals ?? null, '本月') },
      ...officesTable(report),
      section('二、分类统计'),
      pair(breakdown('投诉类别', report?.byCategory ?? null), breakdown('责任部门', report?.byDepartment ?? null)),
      pair(breakdown('受理渠道', report?.byChannel ?? null, channelNames), breakdown('投诉等级', report?.bySeverity ?? null, SEVERITY_OPTIONS.map(([, l]) => l))),
      section('三、主要指标（与上月对比）'),
      rates(report),
      section('四、重大投诉'),
      majors(report),
      section('五、重复发生的问题（同一楼栋或同一类别本月 3 次及以上）'),
      recurring(report),
      section('六、签字'),
      signatures(),
    ],
    continuationLine(`${office.officeName} ${TITLE}（续）${GAP}月份：${monthText}`),
    formFooter(form),
  );
  return { ...doc, pageBreakBefore: (node) => node.headlineLevel === 1 && headingStrandedAt(node.startPosition) };
}
