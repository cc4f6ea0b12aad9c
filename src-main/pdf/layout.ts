/**
 * The look of the paper forms (shared/domain/FORMS.md), shared by every builder: A4 portrait,
 * bordered grids with labels on the left, tick boxes, signature cells with a date to write.
 * Pure data: nothing here touches fonts or files.
 */
import type { Content, ContentTable, DynamicContent, PageOrientation, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { textPieces } from './doc-text';
import type { Options } from './labels';

/** Millimetres to PDF points. */
export const mm = (v: number) => (v * 72) / 25.4;

/** Left, top, right, bottom: at least 15 mm; header and footer sit inside the top and bottom bands. */
export const PAGE_MARGINS: [number, number, number, number] = [mm(18), mm(20), mm(18), mm(22)];
/** One line of handwriting (FORMS.md: at least 8 mm). */
export const LINE = mm(8);
export const DATE_LINE = '____年__月__日';
/** The full-width space (U+3000) the forms put between items on a line. */
export const GAP = '\u3000';

/** Never 'undefined' or 'null' on paper: missing values print as nothing. */
export const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

/** A value inside a sentence, or a line to write on when it is empty. */
export const orLine = (v: string | null | undefined, width = 10): string => str(v) || '_'.repeat(width);

/** A run this long with no break opportunity (a URL, a long number) would push the grid off the page. */
const UNBREAKABLE = /[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]{20,}/u;
/** True when `text` must be allowed to break anywhere (pdfmake's break-all) to stay inside its cell. */
export const breaksAnywhere = (text: string) => UNBREAKABLE.test(text);

/** A paragraph of user text that always wraps inside its cell. */
export const para = (text: string | null | undefined, extra: Record<string, unknown> = {}): Content => {
  const t = str(text);
  return { text: t, ...(breaksAnywhere(t) && { wordBreak: 'break-all' as const }), ...extra };
};

/** Printed guidance in an empty cell (not data): small and grey. */
export const hint = (text: string): Content => ({ text, style: 'hint' });

/** `■来电 □来访 …`: the chosen option(s) marked, the others open; `after` adds text behind an option. */
export function ticks<T extends string>(
  options: Options<T>,
  chosen: T | readonly T[] | '' | null | undefined,
  after: Partial<Record<T, string>> = {},
): string {
  const marked = (value: T) => (Array.isArray(chosen) ? chosen.includes(value) : value === chosen);
  return options.map(([value, label]) => `${marked(value) ? '■' : '□'}${label}${after[value] ?? ''}`).join(GAP);
}

/**
 * A signature cell: the printed name (if known), a line to sign on and the date to write by hand.
 * Wide cells take one line; narrow ones stack 签字 and 日期 so neither breaks in the middle.
 */
export function signature(name: string | undefined, wide = false): Content {
  const sign = '签字：______________';
  const date = `日期：${DATE_LINE}`;
  if (wide) return { columns: [{ text: str(name), width: '*' }, { text: `${sign}${GAP}${GAP}${date}`, width: 'auto' }] };
  return { stack: [{ text: str(name) }, { text: sign }, { text: date }] };
}

/** One label and its value, the value spreading over `span` columns of the grid (default 1). */
export interface Field {
  label: string;
  value: Content;
  span?: number;
}

const label = (text: string): TableCell => ({ text, style: 'label' });

/**
 * A grid row of label/value pairs. Columns alternate label, value; a value spanning several
 * columns swallows the labels between, and the last value fills the rest of the row.
 */
export function gridRow(columns: number, fields: Field[]): TableCell[] {
  const cells: TableCell[] = [];
  fields.forEach((f, i) => {
    const rest = columns - cells.length - 1;
    const span = i === fields.length - 1 ? rest : Math.min(f.span ?? 1, rest);
    cells.push(label(f.label));
    const value = typeof f.value === 'string' ? para(f.value) : f.value;
    cells.push({ ...(value as object), colSpan: span } as TableCell);
    for (let k = 1; k < span; k++) cells.push({});
  });
  if (cells.length !== columns) throw new Error(`grid row has ${cells.length} cells, expected ${columns}`);
  return cells;
}

/** A full-width band inside the grid (第1轮 …). */
export function bandRow(columns: number, text: string): TableCell[] {
  return [{ text, style: 'band', colSpan: columns }, ...Array.from({ length: columns - 1 }, () => ({}))];
}

export interface Row {
  cells: TableCell[];
  /** Minimum height in lines of handwriting (content taller than this grows the row). */
  lines?: number;
}

const PADDING = 4;
/** The width of the forms' ruled lines, in points. */
export const RULE = 0.8;
/** The forms' ruled grid: 0.8 pt lines, `padding` points inside every cell. */
export const gridLayout = (padding: number) => ({
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  paddingLeft: () => padding,
  paddingRight: () => padding,
  paddingTop: () => padding,
  paddingBottom: () => padding,
});
const FORM_LAYOUT = gridLayout(PADDING);

/**
 * Rough lines of 10 pt text a cell needs, counted for the narrowest value column (16 characters;
 * Latin letters about half): an overestimate at worst lets a row break that would have fitted.
 */
export function estimatedLines(cell: TableCell): number {
  return textPieces(cell)
    .flatMap((piece) => piece.split('\n'))
    .reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1), 0) / 16)), 0);
}

/** Rows that may be taller than this many lines are allowed to break across pages. */
const BREAKABLE_LINES = 8;

/**
 * The bordered grid, as consecutive tables sharing their borders: short rows in unbreakable runs
 * (a row never leaves one line behind on the next page), each long row alone and free to break
 * over pages. A long row gets no minimum height: pdfmake would add it again after the page break.
 */
export function formTable(widths: (number | '*')[], rows: Row[]): Content {
  const runs: { rows: Row[]; breakable: boolean }[] = [];
  for (const row of rows) {
    const breakable = Math.max(...row.cells.map(estimatedLines)) > BREAKABLE_LINES;
    const last = runs.at(-1);
    if (last && !last.breakable && !breakable) last.rows.push(row);
    else runs.push({ rows: [row], breakable });
  }
  return {
    stack: runs.map(
      (run): ContentTable => ({
        table: {
          widths,
          body: run.rows.map((r) => r.cells),
          // pdfmake's row height excludes the cell padding: take it off so a one-line row is 8 mm in all.
          heights: run.breakable ? 'auto' : run.rows.map((r) => (r.lines ?? 1) * LINE - 2 * PADDING),
          dontBreakRows: !run.breakable,
        },
        layout: FORM_LAYOUT,
      }),
    ),
  };
}

export interface FormHeader {
  /** 〔服务中心名〕 from the settings. */
  officeName: string;
  /** 表单编号, a setting (e.g. WY-KF-JL-004). */
  formCode: string;
  /** The form's revision, e.g. A/0. */
  formVersion: string;
  /** e.g. `打印版本 v3 · 2026-11-22 10:54`; empty on blank forms. */
  printVersion: string;
  /**
   * What the form's QR code holds (complaint number, form and print version, see print.service):
   * a scanned signed copy is matched back to its complaint and print by it. Empty: no QR (blank forms).
   */
  qr?: string;
}

/** The QR code's side: 16 mm scans reliably from a phone photo of the sheet. */
export const QR_SIZE = mm(16);

/** The form's QR code, or nothing on a blank form. */
export const qrCode = (form: FormHeader): Content | null => (form.qr ? { qr: form.qr, fit: QR_SIZE, eccLevel: 'M', margin: 0 } : null);

/** Spaced like the printed forms: 投 诉 记 录 表. */
const spaced = (title: string) => [...title].join(' ');

/** Office and title, then the complaint number (blank to fill in) and the form number; the QR code on the right. */
export function formTitle(form: FormHeader, title: string, number: string): Content {
  return titleBlock(form, title, `编号：${orLine(number, 22)}`);
}

/**
 * Office and spaced title, a line with `facts` on the left (编号, 期间, 月份…) and the form number
 * and revision on the right, `extra` lines below; the QR code on the right when the print has one.
 */
export function titleBlock(form: FormHeader, title: string, facts: string, extra: Content[] = []): Content {
  const heading: Content = {
    stack: [
      { text: [{ text: `${str(form.officeName)}${GAP}`, fontSize: 13 }, { text: spaced(title), fontSize: 17 }], bold: true, alignment: 'center' },
      {
        columns: [
          { text: facts, width: '*' },
          { text: `表单编号：${str(form.formCode)}${GAP}版本：${str(form.formVersion)}`, width: 'auto' },
        ],
        margin: [0, 8, 0, extra.length ? 2 : 6],
      },
      ...extra,
    ],
  };
  const qr = qrCode(form);
  return qr ? { columns: [{ ...heading, width: '*' }, { stack: [qr], width: QR_SIZE, margin: [8, 0, 0, 4] }] } : heading;
}

/** From page 2 on: which form and complaint this sheet continues. */
export const continuationHeader = (form: FormHeader, title: string, number: string): DynamicContent =>
  continuationLine(`${str(form.officeName)} ${title}（续）${GAP}编号：${orLine(number, 22)}`);

/** A line in the top margin from page 2 on, saying what the sheet continues. */
export const continuationLine =
  (text: string): DynamicContent =>
  (page) =>
    page > 1 ? { text, style: 'small', margin: [PAGE_MARGINS[0], mm(12), PAGE_MARGINS[2], 0] } : null;

/** Form number and revision, print version, page x / y: all inside the bottom margin. */
export const formFooter =
  (form: FormHeader): DynamicContent =>
  (page, pages) => ({
    columns: [
      { text: `${str(form.formCode)}${GAP}${str(form.formVersion)}`, width: 'auto' },
      { text: str(form.printVersion), alignment: 'center', width: '*' },
      { text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'right', width: 'auto' },
    ],
    style: 'small',
    margin: [PAGE_MARGINS[0], mm(6), PAGE_MARGINS[2], 0],
  });

/** A4 (portrait unless told: the register is landscape) with the forms' styles; the font is set by the renderer. */
export function formDocument(
  title: string,
  content: Content[],
  header: DynamicContent,
  footer: DynamicContent,
  orientation: PageOrientation = 'portrait',
): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: PAGE_MARGINS,
    info: { title, creator: '物业投诉台 Complaint Desk' },
    header,
    footer,
    content,
    defaultStyle: { fontSize: 10, lineHeight: 1.2 },
    styles: {
      label: { bold: true },
      band: { bold: true, fillColor: '#eeeeee' },
      small: { fontSize: 8 },
      hint: { fontSize: 8, color: '#777777' },
    },
  };
}
