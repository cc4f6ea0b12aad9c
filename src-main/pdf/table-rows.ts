/**
 * Table rows that stay whole on paper (issue 13 point 9): a register or report row is never split
 * across a page break — a row that does not fit moves whole to the next page (pdfmake's
 * `dontBreakRows`), so every page starts with a complaint's number. Only a row taller than a
 * whole page continues, cut here between two of its lines into parts that each fit a page; the
 * later parts repeat the row's number marked （续）.
 *
 * pdfmake cannot do the last part itself: an unbreakable row taller than the page loses all
 * that does not fit on its first page (pdfmake issues #961, #2806), and a breakable row is cut
 * wherever the page ends, with no number on the next page. Heights come from text-measure.ts,
 * which lays text out as pdfmake does, with the bundled fonts.
 */
import type { PageOrientation } from 'pdfmake/interfaces';
import { PAGE_MARGINS, RULE } from './layout';
import { heightBound, heightOf, textLines, type TextLine, type TextStyle } from './text-measure';

/** A4 as pdfmake has it, in points. */
const A4 = { width: 595.28, height: 841.89 };

/** The page's content box (inside the margins) in points. */
export function contentBox(orientation: PageOrientation): { width: number; height: number } {
  const [width, height] = orientation === 'landscape' ? [A4.height, A4.width] : [A4.width, A4.height];
  const [left, top, right, bottom] = PAGE_MARGINS;
  return { width: width - left - right, height: height - top - bottom };
}

/**
 * Column widths as pdfmake computes them for a ruled table filling `available` points: fixed
 * widths as given, '*' columns sharing what the cells' padding, the rules and the fixed columns
 * leave. Given to pdfmake as numbers, so the widths measured here are the widths printed.
 */
export function columnWidths(widths: readonly (number | '*')[], available: number, padding: number, rule = RULE): number[] {
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const star = stars ? (available - widths.length * (rule + 2 * padding) - rule - fixed) / stars : 0;
  return widths.map((w) => (w === '*' ? star : w));
}

/** A table's geometry: text widths of its columns, the padding inside every cell, its ruled lines. */
export interface Grid {
  widths: number[];
  padding: number;
  rule: number;
  /** The body's text. */
  style: TextStyle;
}

/** One cell's text, and whether it may break between any two characters (pdfmake's break-all). */
export interface CellText {
  text: string;
  breakAll?: boolean;
}

const linesOf = (grid: Grid, cells: readonly CellText[], style = grid.style): TextLine[][] =>
  cells.map((c, i) => textLines(c.text, grid.widths[i]!, { ...style, breakAll: c.breakAll }));

/** The height of a row's tallest cell text. */
const contentHeight = (laid: TextLine[][]) => Math.max(0, ...laid.map(heightOf));

/**
 * How tall a body row's text may be and still fit on an empty page under the repeated header
 * row (`header`, in `headerStyle`): the page's content height less the header with the table's
 * top rule, and the row's own padding and rule — less one line of the body's text, a margin for
 * the measure. A row's text no taller than this is never cut.
 */
export function rowRoom(grid: Grid, pageHeight: number, header: readonly CellText[], headerStyle: TextStyle): number {
  const headerRow = grid.rule + grid.padding + contentHeight(linesOf(grid, header, headerStyle)) + grid.padding + grid.rule;
  const ownFrame = 2 * grid.padding + grid.rule;
  const margin = heightOf(textLines('', 100, grid.style));
  return pageHeight - headerRow - ownFrame - margin;
}

/**
 * The row as printed: itself when its text fits in `room` (pdfmake keeps it whole), otherwise
 * parts cut between lines, each no taller than `room`. A column given in `continued` prints that
 * text on every later part (the number marked （续）); the others carry on with their own text.
 */
export function fitRow<C extends CellText>(grid: Grid, cells: readonly C[], room: number, continued: readonly (string | undefined)[]): C[][] {
  // Nearly every row is far shorter than a page: told by the quick bound, without laying it out.
  if (cells.every((c, i) => heightBound(c.text, grid.widths[i]!, grid.style) <= room)) return [[...cells]];
  const laid = linesOf(grid, cells);
  if (contentHeight(laid) <= room) return [[...cells]];
  const next = cells.map(() => 0);
  const parts: C[][] = [];
  while (parts.length === 0 || laid.some((lines, i) => next[i]! < lines.length)) {
    const later = parts.length > 0;
    parts.push(
      cells.map((cell, i) => {
        const lines = laid[i]!;
        const mark = continued[i];
        // A short column (the number) repeats; one that did not fit the first part carries on.
        if (later && mark !== undefined && next[i]! >= lines.length) return { ...cell, text: mark, breakAll: false };
        const from = next[i]!;
        let to = from;
        for (let h = 0; to < lines.length && (to === from || h + lines[to]!.height <= room); to++) h += lines[to]!.height;
        next[i] = to;
        return { ...cell, text: to > from ? partText(cell.text, lines[from]!, lines[to - 1]!) : '' };
      }),
    );
  }
  return parts;
}

/** The text of lines `first` to `last`: the newline ending the last one and spaces starting the first are not printed anyway. */
const partText = (text: string, first: TextLine, last: TextLine) =>
  text
    .slice(first.start, last.end)
    .replace(/^[ \t]+/, '')
    .replace(/\r?\n$|\r$/, '');
