/**
 * The register (投诉登记) as an Excel workbook: one sheet, a title, the Chinese header row frozen
 * with an autofilter on it, then one row per complaint — the same lines the paper register prints.
 *
 * Written with ExcelJS's streaming writer: rows go to disk as they are made, so 20,000 rows take
 * some 150 MB instead of the in-memory workbook's 500 MB, and the loop yields now and then so the
 * app (and web mode's other requests) stay responsive while a big file is written.
 */
import ExcelJS from 'exceljs';
import type { RegisterRow } from '../../src-preload/contract';

interface RegisterColumn {
  header: string;
  /** In Excel's units (the width of a "0"); a Chinese character takes about two. */
  width: number;
  value: (r: RegisterRow) => string | number;
  /** Long text wraps inside its cell instead of running over the next one. */
  wrap?: boolean;
  center?: boolean;
}

/** The print's columns (src-main/pdf/register.doc.ts), with 状态 apart from 备注 so it can be filtered on. */
export const REGISTER_XLSX_COLUMNS: readonly RegisterColumn[] = [
  { header: '序号', width: 6, value: (r) => r.seq, center: true },
  { header: '投诉编号', width: 20, value: (r) => r.number },
  { header: '受理时间', width: 17, value: (r) => r.receivedAt },
  { header: '投诉人', width: 10, value: (r) => r.complainantName },
  { header: '房号', width: 14, value: (r) => r.room },
  { header: '联系电话', width: 16, value: (r) => r.phone, wrap: true },
  { header: '投诉方式', width: 10, value: (r) => r.channel },
  { header: '类别', width: 12, value: (r) => r.category },
  { header: '投诉内容', width: 48, value: (r) => r.description, wrap: true },
  { header: '被投诉部门', width: 18, value: (r) => r.department, wrap: true },
  { header: '接待人', width: 10, value: (r) => r.receiver },
  { header: '等级', width: 8, value: (r) => r.severity, center: true },
  { header: '状态', width: 10, value: (r) => r.status },
  { header: '处理结果', width: 36, value: (r) => r.result, wrap: true },
  { header: '回访情况', width: 22, value: (r) => r.followUp, wrap: true },
  { header: '备注', width: 24, value: (r) => r.notes, wrap: true },
];

export const REGISTER_SHEET_NAME = '投诉登记';
/** Rows above the data: the title, the filters line, the header row (frozen, with the autofilter). */
const TITLE_ROW = 1;
const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;

export interface RegisterWorkbook {
  /** 阳光花园服务中心 投诉登记（2026-11-01 至 2026-11-30） */
  title: string;
  /** 筛选、导出时间、件数 in one line. */
  subtitle: string;
  rows: RegisterRow[];
}

/** Let other work run between batches of rows (writing is synchronous per row). */
const YIELD_EVERY = 500;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Write the workbook to `path` (the caller renames it into place once complete). */
export async function writeRegisterWorkbook(path: string, book: RegisterWorkbook): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  workbook.creator = '物业投诉台';
  const lastColumn = REGISTER_XLSX_COLUMNS.length;
  const sheet = workbook.addWorksheet(REGISTER_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    // Printed from Excel: A4 landscape, all columns on the page's width.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Column styles are set before any row: every data cell inherits its column's alignment.
  sheet.columns = REGISTER_XLSX_COLUMNS.map((c) => ({
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: c.wrap ?? false, horizontal: c.center ? 'center' : 'left' } },
  }));

  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn);
  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = book.title;
  title.getCell(1).style = { font: { bold: true, size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } };
  title.height = 24;
  title.commit();

  sheet.mergeCells(SUBTITLE_ROW, 1, SUBTITLE_ROW, lastColumn);
  const subtitle = sheet.getRow(SUBTITLE_ROW);
  subtitle.getCell(1).value = book.subtitle;
  subtitle.getCell(1).style = { font: { size: 10, color: { argb: 'FF555555' } }, alignment: { horizontal: 'left', vertical: 'middle' } };
  subtitle.commit();

  const header = sheet.getRow(HEADER_ROW);
  REGISTER_XLSX_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = {
      font: { bold: true },
      alignment: { horizontal: 'center', vertical: 'middle' },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } },
      border: { bottom: { style: 'thin', color: { argb: 'FF8899AA' } } },
    };
  });
  header.commit();
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + book.rows.length, column: lastColumn } };

  for (const [i, r] of book.rows.entries()) {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    // Every value but 序号 is text: times stay `YYYY-MM-DD HH:mm` as stored, numbers keep leading zeros.
    REGISTER_XLSX_COLUMNS.forEach((c, col) => (row.getCell(col + 1).value = c.value(r)));
    row.commit();
    if ((i + 1) % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  sheet.commit();
  await workbook.commit();
}
