/**
 * How pdfmake (0.3.11) will set a text in a column of a given width, worked out beforehand so a
 * table builder can keep every row whole on a page and cut the rare row taller than a page
 * between two of its lines (table-rows.ts). The same steps as pdfmake, with the same fonts:
 * - words: UAX #14 line break opportunities from `linebreak`, the library pdfmake's TextBreaker
 *   uses (a newline ends a line); with `wordBreak: 'break-all'` every character is a word;
 * - widths: fontkit's advances of the bundled fonts, as pdfkit's widthOfString measures them
 *   (emoji in Noto Emoji, as the renderer sets them: font-runs.ts);
 * - lines: pdfmake's LayoutBuilder.buildNextLine — words while they fit, a word's trailing
 *   spaces not counted, a word wider than what is left of a line cut at its longest prefix that fits;
 * - heights: each line as tall as its tallest word, the font's ascent to descent times lineHeight.
 * test/unit/pdf-text-measure.test.ts checks the lines against what pdfmake prints.
 */
import LineBreaker from 'linebreak';
import { fontRuns, usesEmojiFont } from './font-runs';
import { parsedFont, type FontKind } from './fonts';

export interface TextStyle {
  fontSize: number;
  /** pdfmake's lineHeight: a multiple of the font's own line height. */
  lineHeight: number;
  bold?: boolean;
  /** pdfmake's `wordBreak: 'break-all'`: a line may break between any two characters. */
  breakAll?: boolean;
}

/** One printed line: where it starts and ends in the text (UTF-16 offsets) and how tall it is. */
export interface TextLine {
  start: number;
  end: number;
  height: number;
}

/** A word as pdfmake cuts it from a text: with where it sits in the text and its font. */
interface Piece {
  text: string;
  start: number;
  end: number;
  /** A newline follows: the line ends after this word. */
  lineEnd: boolean;
  /** Set in Noto Emoji (the renderer's emoji runs, font-runs.ts). */
  emoji: boolean;
  /** pdfmake's noNewLine: the word runs on into the next run's first word (no break between them). */
  noNewLine?: boolean;
}

/** A word as pdfmake measures it (its `inline`). */
interface Word extends Piece {
  width: number;
  height: number;
  /** Widths of leading and trailing white space: not counted at the start or end of a line. */
  leadingCut: number;
  trailingCut: number;
}

/** pdfmake's splitWords of one text item: break-all cuts between characters, otherwise at UAX #14 opportunities. */
function splitWords(text: string, breakAll: boolean): Omit<Piece, 'emoji'>[] {
  const out: Omit<Piece, 'emoji'>[] = [];
  if (breakAll) {
    // pdfmake cuts UTF-16 units; characters here (cutting a surrogate pair prints nothing useful anyway).
    let at = 0;
    for (const ch of text) {
      const newline = ch === '\n' || ch === '\r';
      out.push({ text: newline ? '' : ch, start: at, end: at + ch.length, lineEnd: newline });
      at += ch.length;
    }
    return out;
  }
  if (text.length === 0) return [{ text: '', start: 0, end: 0, lineEnd: false }];
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const word = text.slice(last, bk.position);
    const newline = bk.required || /\r?\n$|\r$/.test(word);
    out.push({ text: newline ? word.replace(/\r?\n$|\r$/, '') : word, start: last, end: bk.position, lineEnd: newline });
    last = bk.position;
  }
  return out;
}

/**
 * pdfmake's TextBreaker over the items the renderer makes of a text: one per font run, each cut
 * into words (an emoji run never break-all: font-runs.ts sets it `wordBreak: 'normal'`). Where a
 * run's last word and the next run's first would make one word, the first is marked noNewLine.
 */
function pieces(text: string, breakAll: boolean): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  let lastWord: string | null = null;
  for (const run of fontRuns(text)) {
    const words = splitWords(run.text, breakAll && !run.emoji);
    if (lastWord !== null && words.length > 0 && splitWords(lastWord + words[0]!.text, false).length === 1) out.at(-1)!.noNewLine = true;
    for (const w of words) out.push({ ...w, start: at + w.start, end: at + w.end, emoji: run.emoji });
    const last = words.at(-1);
    lastWord = last && !last.lineEnd ? last.text : null;
    at += run.text.length;
  }
  return out;
}

/** Widths in thousandths of an em of the strings laid out so far, per font: most are one Chinese character. */
const widthCache = new Map<FontKind, Map<string, number>>();
/** Distinct strings kept per font before starting over (numbers and names fill it; a few MB at most). */
const WIDTH_CACHE_LIMIT = 50_000;

/**
 * pdfkit's widthOfString in thousandths of an em: the string laid out in pieces ending after each
 * space or tab, each glyph's advance scaled to 1000 units per em. Computed in pdfkit's order, so
 * the points come out to the same last bit: pdfmake's test whether a word fits is `<=`, and a
 * column of exactly four characters decides on that bit.
 */
function unitsOf(kind: FontKind, text: string): number {
  let cache = widthCache.get(kind);
  if (!cache || cache.size > WIDTH_CACHE_LIMIT) widthCache.set(kind, (cache = new Map<string, number>()));
  let units = cache.get(text);
  if (units === undefined) {
    const font = parsedFont(kind);
    units = 0;
    const scale = 1000 / font.unitsPerEm;
    for (const piece of text.split(/(?<=[ \t])/)) if (piece) units += font.layout(piece).advanceWidth * scale;
    cache.set(text, units);
  }
  return units;
}

const fontOf = (emoji: boolean, style: TextStyle): FontKind => (emoji ? 'emoji' : style.bold ? 'bold' : 'regular');

interface Metrics {
  unitsPerEm: number;
  /** Ascent to descent in ems (no line gap: pdfmake's line height leaves it out). */
  lineEm: number;
  /** Advances in ems of the basic plane's characters, as looked up (NaN: not yet). */
  advances: Float64Array;
}
const metricsCache = new Map<FontKind, Metrics>();

/** A font's metrics, read once (fontkit's getters decode tables on every call). */
function metrics(kind: FontKind): Metrics {
  let m = metricsCache.get(kind);
  if (!m) {
    const font = parsedFont(kind);
    m = { unitsPerEm: font.unitsPerEm, lineEm: (font.ascent - font.descent) / font.unitsPerEm, advances: new Float64Array(0x10000).fill(NaN) };
    metricsCache.set(kind, m);
  }
  return m;
}

/** The advance in ems of one character's glyph in `kind` (no shaping: for the quick bound). */
function advanceEm(kind: FontKind, ch: string): number {
  const cp = ch.codePointAt(0)!;
  const m = metrics(kind);
  if (cp < 0x10000 && !Number.isNaN(m.advances[cp])) return m.advances[cp]!;
  const em = parsedFont(kind).glyphForCodePoint(cp).advanceWidth / m.unitsPerEm;
  if (cp < 0x10000) m.advances[cp] = em;
  return em;
}

/** Width in points of a word in its font (pdfmake: `font.widthOfString(text, fontSize)`). */
const widthOf = (text: string, style: TextStyle, emoji: boolean) => unitsOf(fontOf(emoji, style), text) * (style.fontSize / 1000);

const isSpace = (code: number) => !Number.isNaN(code) && /\s/.test(String.fromCharCode(code));

/** pdfmake's TextInlines.measure: the word's width, height and white space cut at line ends. */
function word(piece: Piece, style: TextStyle): Word {
  const { text, emoji } = piece;
  // Most words are one Chinese character: look for white space only where it could be.
  const leading = isSpace(text.charCodeAt(0)) ? /^\s+/.exec(text)![0] : '';
  const trailing = isSpace(text.charCodeAt(text.length - 1)) ? /\s+$/.exec(text)![0] : '';
  return {
    ...piece,
    width: widthOf(text, style, emoji),
    height: metrics(fontOf(emoji, style)).lineEm * style.fontSize * style.lineHeight,
    leadingCut: leading ? widthOf(leading, style, emoji) : 0,
    trailingCut: trailing ? widthOf(trailing, style, emoji) : 0,
  };
}

/** pdfmake's findMaxFitLength: the longest prefix (UTF-16 units, at least one) no wider than `maxWidth`. */
function maxFitLength(w: Word, maxWidth: number, style: TextStyle): number {
  let low = 1;
  let high = w.text.length;
  let best = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (widthOf(w.text.substring(0, mid), style, w.emoji) <= maxWidth) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

/** The lines pdfmake sets `text` in, `width` points wide (a cell's width less its padding). */
export function textLines(text: string, width: number, style: TextStyle): TextLine[] {
  const queue = pieces(text, style.breakAll ?? false).map((p) => word(p, style));
  const lines: TextLine[] = [];
  let next = 0;
  while (next < queue.length) {
    // pdfmake's Line: the widths so far, less the first word's leading and the last word's trailing space.
    let count = 0;
    let widths = 0;
    let leadingCut = 0;
    let trailingCut = 0;
    let forced = false;
    const line: TextLine = { start: queue[next]!.start, end: queue[next]!.start, height: 0 };
    /** Line.hasEnoughSpaceForInline: a word running on into the next is measured with it. */
    const fits = (at: number) => {
      if (count === 0) return true;
      if (forced) return false;
      let w = queue[at]!;
      let wordWidth = w.width;
      let wordTrailingCut = w.trailingCut;
      while (w.noNewLine && at + 1 < queue.length) {
        w = queue[++at]!;
        wordWidth += w.width;
        wordTrailingCut += w.trailingCut;
      }
      return widths + wordWidth - leadingCut - wordTrailingCut <= width;
    };
    let runOn = false;
    while (next < queue.length && (fits(next) || runOn)) {
      let w = queue[next]!;
      let hardWrap = false;
      const available = width - (widths - leadingCut - trailingCut);
      if (w.text.length > 1 && w.width > available) {
        const chars = maxFitLength(w, available, style);
        if (chars < w.text.length) {
          // The rest goes back in front of the queue; both parts keep the word's cuts, as pdfmake's clone does.
          const rest = { ...w, text: w.text.substring(chars), start: w.start + chars, width: widthOf(w.text.substring(chars), style, w.emoji) };
          w = { ...w, text: w.text.substring(0, chars), end: w.start + chars, width: widthOf(w.text.substring(0, chars), style, w.emoji) };
          queue[next] = rest;
          next--;
          hardWrap = true;
        }
      }
      next++;
      if (count === 0) leadingCut = w.leadingCut;
      trailingCut = w.trailingCut;
      widths += w.width;
      count++;
      line.end = w.end;
      line.height = Math.max(line.height, w.height);
      if (w.lineEnd) forced = true;
      runOn = !!w.noNewLine && !hardWrap;
    }
    lines.push(line);
  }
  return lines;
}

/** The height of text set in these lines. */
export const heightOf = (lines: readonly TextLine[]): number => lines.reduce((h, l) => h + l.height, 0);

/** Shaping (kerning) may widen a string a little beyond its glyphs' advances: allowed for in the bound. */
const SHAPING_SLACK = 1.1;

/**
 * A height pdfmake's lines of `text` never exceed, from the characters' advances alone (no line
 * breaking): most cells are far shorter than a page, and this tells so for a fraction of the cost
 * of textLines. Greedy filling ends a line only when the next word does not fit, and cuts a word
 * wider than the line so that its first part fills the line but for one character: so each line
 * but a paragraph's last, with the first word of the line after it, is wider than the column less
 * the widest character, and a paragraph of width T takes fewer than 2·T / (column − widest) + 1 lines.
 */
export function heightBound(text: string, width: number, style: TextStyle): number {
  const textFont = fontOf(false, style);
  const lineHeight = Math.max(metrics(textFont).lineEm, metrics('emoji').lineEm) * style.fontSize * style.lineHeight;
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let ems = 0;
    let widest = 0;
    for (const ch of paragraph) {
      const em = advanceEm(usesEmojiFont(ch) ? 'emoji' : textFont, ch);
      ems += em;
      widest = Math.max(widest, em);
    }
    const usable = width - widest * style.fontSize * SHAPING_SLACK;
    if (usable <= 0) return Infinity;
    lines += Math.floor((2 * ems * style.fontSize * SHAPING_SLACK) / usable) + 1;
  }
  return lines * lineHeight;
}

/** The height pdfmake gives `text` in a column `width` points wide. */
export const textHeight = (text: string, width: number, style: TextStyle): number => heightOf(textLines(text, width, style));
