/**
 * Speed-ups inside the pinned PDF engine (pdfmake 0.3.11 with its pdfkit 0.19.1 and fontkit 2.0.4),
 * for issue #4's goals (bench/pdf.ts). Chinese text is the costly case: every Han character is a
 * line-break opportunity, so pdfmake handles it as one piece of text per character — measured,
 * placed and drawn one by one. Each speed-up keeps what is printed the same: the same glyphs at
 * the same places (the render tests compare page images with the stock engine's).
 *
 * 1. Style lookups: pdfmake asked the style stack ~20 properties per piece, each time pushing the
 *    piece, building two closures and a Set and popping again. Same answers, read in place.
 * 2. Measuring: the pieces of a plain string carry no style of their own, so they all get the
 *    same answers — looked up once per string (and reused for the next cell while the nodes above
 *    say the same), the piece built whole instead of growing field by field.
 * 3. Line building: pdfmake copied the rest of a text (`slice(1)`) for every piece it placed —
 *    quadratic in a cell's length. Copied only when the piece must stay with the next one.
 * 4. Drawing: pdfmake drew every piece as its own text object (colour, opacity, save, BT…ET,
 *    restore); pieces continuing each other in one font, size and colour are drawn as one string
 *    made of the glyphs each piece was measured with, so every glyph lands where it was placed.
 * 5. Shaping: pdfkit cached fontkit's layout per document; it is kept per font file for the
 *    process. And a string none of whose glyphs a default OpenType lookup of the font starts at
 *    (most Chinese characters, most numbers) is laid out as fontkit would — cmap glyphs at their
 *    advances — without running fontkit's shaper (test/unit/pdf-shaping.test.ts checks every
 *    such character of the bundled fonts against fontkit).
 * 6. Subsetting: fontkit decoded each simple glyph's outline only to see it was not composite;
 *    the glyph header says so, and the glyph's bytes and metrics are kept per font file.
 * 7. Content streams: pdfkit made a Buffer of every operator; consecutive ones are converted once
 *    (same bytes).
 *
 * Each patch checks the engine's versions and the shape of what it replaces, and stays off
 * otherwise (rendering is then slower, never different). COMPLAINT_DESK_PDF_ENGINE=stock turns
 * them all off (diagnosis, and the render tests' reference). Sharing fontkit's decoded tables
 * between documents lives in fonts.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Dict = Record<string, unknown>;

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

const load = createRequire(__filename);
/** The engine these patches were written against: anything else is left alone. */
const PINNED = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' } as const;

/** The version of the package `name` as `from` would load it (fontkit exports no package.json, so found by its entry). */
function versionOf(name: string, from: NodeJS.Require = load): string | undefined {
  try {
    for (let dir = dirname(from.resolve(name)); dirname(dir) !== dir; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version;
    }
  } catch {
    // not installed where expected
  }
  return undefined;
}

/** pdfmake as installed, the pdfkit it loads and the fontkit that pdfkit loads. */
function enginePinned(): boolean {
  try {
    const pdfkitFrom = createRequire(load.resolve('pdfmake'));
    const fontkitFrom = createRequire(pdfkitFrom.resolve('pdfkit'));
    return versionOf('pdfmake') === PINNED.pdfmake && versionOf('pdfkit', pdfkitFrom) === PINNED.pdfkit && versionOf('fontkit', fontkitFrom) === PINNED.fontkit;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------------------------------------
// 1. Style lookups
// ------------------------------------------------------------------------------------------------

interface StyleStack {
  styleDictionary: Record<string, Dict | undefined>;
  defaultStyle?: Dict;
  styleOverrides?: unknown[];
  getProperty(property: string): unknown;
}
interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(item: unknown, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
}

/** pdfmake's getStylePropertyFromStyle: a named style, then what it extends (last first), cycles cut. */
function fromNamedStyle(dictionary: StyleStack['styleDictionary'], name: string, property: string, visited?: Set<string>): unknown {
  if (visited) {
    if (visited.has(name)) return undefined;
    visited.add(name);
  }
  const style = dictionary[name];
  if (!style) return undefined;
  const value = style[property];
  if (isValue(value)) return value;
  if (style.extends) {
    const seen = visited ?? new Set([name]);
    const parents = (Array.isArray(style.extends) ? style.extends : [style.extends]) as string[];
    for (let i = parents.length - 1; i >= 0; i--) {
      const inherited = fromNamedStyle(dictionary, parents[i]!, property, seen);
      if (isValue(inherited)) return inherited;
    }
  }
  return undefined;
}

/** One entry of the stack: a style name or an object of overrides. */
function fromEntry(dictionary: StyleStack['styleDictionary'], entry: unknown, property: string): unknown {
  return isString(entry) ? fromNamedStyle(dictionary, entry, property) : (entry as Dict)[property];
}

/** pdfmake's getProperty: the stack's entries from the top, then the default style. */
function getProperty(this: StyleStack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const value = fromEntry(this.styleDictionary, overrides[i], property);
      if (isValue(value)) return value;
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

/**
 * pdfmake's getStyleProperty: the item's own value, else what the stack answers with the item's
 * styles and the item pushed on top (strings and section nodes push nothing) — read without pushing.
 */
function getStyleProperty(item: unknown, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown {
  const own = (item as Dict)[property];
  if (isValue(own)) return own;
  if (!stack) return defaultValue;
  if (!isString(item) && (item as Dict).section === undefined) {
    // Pushed above the stack: the item's style names in order, then the item (which has no value).
    const style = (item as Dict).style;
    if (style) {
      const names = Array.isArray(style) ? (style as unknown[]) : [style];
      for (let i = names.length - 1; i >= 0; i--) {
        const value = fromEntry(stack.styleDictionary, names[i], property);
        if (isValue(value)) return value;
      }
    }
  }
  const value = stack.getProperty(property);
  return isValue(value) ? value : defaultValue;
}

function speedUpStyleLookups(): boolean {
  const StyleContextStack = (load('pdfmake/js/StyleContextStack') as { default?: StyleStackClass }).default;
  if (typeof StyleContextStack?.getStyleProperty !== 'function' || typeof StyleContextStack.prototype.getProperty !== 'function') return false;
  StyleContextStack.prototype.getProperty = getProperty;
  StyleContextStack.getStyleProperty = getStyleProperty;
  return true;
}

// ------------------------------------------------------------------------------------------------
// 2. Measuring
// ------------------------------------------------------------------------------------------------

interface MeasuredFont {
  lineHeight(size: number): number;
}
interface TextInlinesThis {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): MeasuredFont };
  widthOfText(text: string, inline: Dict): number;
}
interface PieceStyle {
  font: MeasuredFont;
  alignment: unknown;
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
  height: number;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

/** The style pdfmake's TextInlines.measure looks up for one piece of text, in its order and with its defaults. */
function pieceStyle(inlines: TextInlinesThis, item: Dict, stack: StyleStack): PieceStyle {
  const get = (property: string, defaultValue: unknown) => getStyleProperty(item, stack, property, defaultValue);
  const font = inlines.pdfDocument.provideFont(get('font', 'Roboto'), get('bold', false), get('italics', false));
  const alignment = get('alignment', 'left');
  let fontSize = get('fontSize', 12) as number;
  const style = {
    font,
    alignment,
    fontFeatures: get('fontFeatures', null),
    characterSpacing: get('characterSpacing', 0),
    color: get('color', 'black'),
    decoration: get('decoration', null),
    decorationColor: get('decorationColor', null),
    decorationStyle: get('decorationStyle', null),
    decorationThickness: get('decorationThickness', null),
    background: get('background', null),
    link: get('link', null),
    linkToPage: get('linkToPage', null),
    linkToDestination: get('linkToDestination', null),
    noWrap: get('noWrap', null),
    opacity: get('opacity', 1),
    sup: get('sup', false),
    sub: get('sub', false),
  };
  // Font size reduction for superscript and subscript, as pdfmake does.
  if (style.sup || style.sub) fontSize *= 0.58;
  const lineHeight = get('lineHeight', 1) as number;
  return {
    ...style,
    fontSize,
    height: font.lineHeight(fontSize) * lineHeight,
    preserveLeadingSpaces: get('preserveLeadingSpaces', false),
    preserveTrailingSpaces: get('preserveTrailingSpaces', false),
  };
}

/** Every property pieceStyle asks for. */
const PIECE_PROPERTIES = new Set([
  'font', 'bold', 'italics', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor',
  'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub',
  'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces',
]);
const STYLE_NAME = Symbol('style name');

/**
 * Everything the stack can answer for those properties: the style dictionary, then each entry from
 * the top (a style name, or an object's values for them), then the default style. Null when an
 * entry is not a plain object (its values might not be enumerable).
 */
function stackSignature(stack: StyleStack): unknown[] | null {
  const signature: unknown[] = [stack.styleDictionary];
  const entries = stack.styleOverrides ?? [];
  for (let i = entries.length - 1; i >= 0; i--) if (!signEntry(signature, entries[i])) return null;
  if (stack.defaultStyle && !signEntry(signature, stack.defaultStyle)) return null;
  return signature;
}

/** One entry's part of the signature; false when it is not a style name or plain object. */
function signEntry(signature: unknown[], entry: unknown): boolean {
  if (isString(entry)) {
    signature.push(STYLE_NAME, entry);
    return true;
  }
  if (!entry || typeof entry !== 'object') return false;
  const proto = Object.getPrototypeOf(entry) as unknown;
  if (proto !== Object.prototype && proto !== null && !Array.isArray(entry)) return false;
  signature.push(STYLE_NAME);
  for (const key in entry) {
    if (!PIECE_PROPERTIES.has(key)) continue;
    const value = (entry as Dict)[key];
    if (isValue(value)) signature.push(key, value);
  }
  return true;
}

const sameSignature = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const LAST_PLAIN = Symbol('last plain piece style');
type TextInlinesCache = TextInlinesThis & { [LAST_PLAIN]?: { signature: unknown[]; style: PieceStyle } };

/**
 * The style of a piece with no style of its own: only the stack answers, so neighbouring cells of
 * a table (the same table and styles above them) get the same answers — reused while the stack's
 * signature is unchanged (per document: the cache lives on pdfmake's per-document TextInlines).
 */
function plainPieceStyle(inlines: TextInlinesCache, item: Dict, stack: StyleStack): PieceStyle {
  const signature = stackSignature(stack);
  const last = inlines[LAST_PLAIN];
  if (signature && last && sameSignature(signature, last.signature)) return last.style;
  const style = pieceStyle(inlines, item, stack);
  if (signature) inlines[LAST_PLAIN] = { signature, style };
  return style;
}

/** What TextBreaker and measure put on a piece cut from a plain string: none of it is a style. */
const PLAIN_KEYS = new Set(['text', 'lineEnd', 'noNewLine', 'leadingCut', 'leadingIndent']);
function plain(item: Dict): boolean {
  for (const key in item) if (!PLAIN_KEYS.has(key)) return false;
  return true;
}
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** The style's fields on a piece, as pdfmake's measure sets them. */
function assignStyle(item: Dict, style: PieceStyle): Dict {
  item.font = style.font;
  item.alignment = style.alignment;
  item.fontSize = style.fontSize;
  item.fontFeatures = style.fontFeatures;
  item.characterSpacing = style.characterSpacing;
  item.color = style.color;
  item.decoration = style.decoration;
  item.decorationColor = style.decorationColor;
  item.decorationStyle = style.decorationStyle;
  item.decorationThickness = style.decorationThickness;
  item.background = style.background;
  item.link = style.link;
  item.linkToPage = style.linkToPage;
  item.linkToDestination = style.linkToDestination;
  item.noWrap = style.noWrap;
  item.opacity = style.opacity;
  item.sup = style.sup;
  item.sub = style.sub;
  item.height = style.height;
  return item;
}

/**
 * The same fields on a new object built whole (the plain piece is referenced by pdfmake's array
 * only): adding twenty fields one by one to the two-field piece regrows its storage again and again.
 */
function measuredPiece(piece: Dict, style: PieceStyle): Dict {
  const item: Dict = {
    text: piece.text,
    font: style.font,
    alignment: style.alignment,
    fontSize: style.fontSize,
    fontFeatures: style.fontFeatures,
    characterSpacing: style.characterSpacing,
    color: style.color,
    decoration: style.decoration,
    decorationColor: style.decorationColor,
    decorationStyle: style.decorationStyle,
    decorationThickness: style.decorationThickness,
    background: style.background,
    link: style.link,
    linkToPage: style.linkToPage,
    linkToDestination: style.linkToDestination,
    noWrap: style.noWrap,
    opacity: style.opacity,
    sup: style.sup,
    sub: style.sub,
    height: style.height,
    width: 0,
    leadingCut: piece.leadingCut,
    trailingCut: 0,
  };
  if ('lineEnd' in piece) item.lineEnd = piece.lineEnd;
  if ('noNewLine' in piece) item.noNewLine = piece.noNewLine;
  if ('leadingIndent' in piece) item.leadingIndent = piece.leadingIndent;
  return item;
}

/**
 * pdfmake's TextInlines.measure. Pieces carrying no style of their own (all pieces of a plain
 * string, i.e. one per Chinese character) all get the stack's answers: looked up once per text.
 */
function measure(this: TextInlinesThis, array: Dict[], stack: StyleStack): Dict[] {
  if (array.length) {
    const leadingIndent = getStyleProperty(array[0], stack, 'leadingIndent', 0) as number;
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  let shared: PieceStyle | undefined;
  for (let i = 0; i < array.length; i++) {
    const piece = array[i]!;
    let item: Dict;
    let style: PieceStyle;
    if (plain(piece)) {
      style = shared ??= plainPieceStyle(this, piece, stack);
      item = array[i] = measuredPiece(piece, style);
    } else {
      style = pieceStyle(this, piece, stack);
      item = assignStyle(piece, style);
    }
    const text = item.text as string;
    item.width = this.widthOfText(text, item);
    if (!item.leadingCut) item.leadingCut = 0;
    if (!style.preserveLeadingSpaces) {
      const leadingSpaces = text.match(LEADING);
      if (leadingSpaces) (item.leadingCut as number) += this.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!style.preserveTrailingSpaces) {
      const trailingSpaces = text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
    }
  }
  return array;
}

function measurePiecesTogether(): boolean {
  const TextInlines = (load('pdfmake/js/TextInlines') as { default?: { prototype: { measure?: unknown; widthOfText?: unknown } } }).default;
  if (typeof TextInlines?.prototype.measure !== 'function' || typeof TextInlines.prototype.widthOfText !== 'function') return false;
  TextInlines.prototype.measure = measure;
  return true;
}

// ------------------------------------------------------------------------------------------------
// 3. Line building
// ------------------------------------------------------------------------------------------------

interface LayoutInline extends Dict {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
}
interface LayoutLine {
  inlines: LayoutInline[];
  lastLineInParagraph?: boolean;
  hasEnoughSpaceForInline(inline: LayoutInline, nextInlines?: LayoutInline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: LayoutInline): void;
}
interface LayoutBuilderThis {
  writer: { context(): { availableWidth: number } };
}
type LineClass = new (maxWidth: number) => LayoutLine;
type TextInlinesClass = new (pdfDocument: null) => { widthOfText(text: string, inline: LayoutInline): number };

/**
 * pdfmake's LayoutBuilder.buildNextLine. The original asks whether the next piece fits with
 * `pieces.slice(1)` — a copy of the rest of the text for every piece placed (quadratic in a
 * cell's length, one piece per Chinese character). Line.hasEnoughSpaceForInline reads those
 * following pieces only for a piece that must stay on the line with the next one (noNewLine):
 * only then are they copied.
 */
const NONE: LayoutInline[] = [];
/** line.hasEnoughSpaceForInline(pieces[0], pieces.slice(1)), copying only when the copy is read. */
const fitsNext = (line: LayoutLine, pieces: LayoutInline[]) => line.hasEnoughSpaceForInline(pieces[0]!, pieces[0]!.noNewLine ? pieces.slice(1) : NONE);

function lineBuilder(Line: LineClass, TextInlines: TextInlinesClass) {
  const cloneInline = (inline: LayoutInline): LayoutInline => {
    const copy = (inline.constructor as () => LayoutInline)();
    for (const key in inline) copy[key] = inline[key];
    return copy;
  };
  const findMaxFitLength = (text: string, maxWidth: number, measure: (part: string) => number) => {
    let low = 1;
    let high = text.length;
    let bestFit = 1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      if (measure(text.substring(0, mid)) <= maxWidth) {
        bestFit = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return bestFit;
  };
  return function buildNextLine(this: LayoutBuilderThis, textNode: { _inlines?: LayoutInline[] }): LayoutLine | null {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    let isForceContinue = false;
    while (textNode._inlines && textNode._inlines.length > 0 && (fitsNext(line, textNode._inlines) || isForceContinue)) {
      let isHardWrap = false;
      const inline = textNode._inlines.shift()!;
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (txt) => textInlines.widthOfText(txt, inline));
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          newInline.width = textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          textNode._inlines.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = !!inline.noNewLine && !isHardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
    return line;
  };
}

function buildLinesWithoutCopies(): boolean {
  const LayoutBuilder = (load('pdfmake/js/LayoutBuilder') as { default?: { prototype: { buildNextLine?: unknown } } }).default;
  const Line = (load('pdfmake/js/Line') as { default?: LineClass }).default;
  const TextInlines = (load('pdfmake/js/TextInlines') as { default?: TextInlinesClass }).default;
  if (typeof LayoutBuilder?.prototype.buildNextLine !== 'function' || !Line || typeof (Line.prototype as LayoutLine).hasEnoughSpaceForInline !== 'function' || typeof TextInlines !== 'function') return false;
  LayoutBuilder.prototype.buildNextLine = lineBuilder(Line, TextInlines);
  return true;
}

// ------------------------------------------------------------------------------------------------
// 4. Drawing
// ------------------------------------------------------------------------------------------------

interface GlyphRun {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth?: number }[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: { stream?: { buffer?: Uint8Array } };
  scale: number;
  layoutCache?: Record<string, GlyphRun>;
  layoutCached: (this: EmbeddedFont, text: string) => GlyphRun;
  layoutRun: (this: EmbeddedFont, text: string, features?: unknown) => GlyphRun;
  subset?: object;
}
interface Inline extends Dict {
  text: string;
  fontFeatures?: unknown;
  characterSpacing?: number;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  decoration?: unknown;
  background?: unknown;
  sup?: unknown;
  sub?: unknown;
  _pageNodeRef?: unknown;
  justifyShift?: number;
  fontSize?: number;
  color?: unknown;
  x: number;
  width: number;
  height?: number;
  font: EmbeddedFont;
}
interface Line {
  inlines: Inline[];
  _pageNodeRef?: unknown;
}
interface RendererProto {
  renderLine: (this: unknown, line: Line, x: number, y: number) => unknown;
}

const opacityOf = (inline: Inline) => (typeof inline.opacity === 'number' && !Number.isNaN(inline.opacity) ? inline.opacity : 1);
/** Glyph positions that far apart are the same spot on paper (a millionth of a point). */
const SAME_SPOT = 1e-6;

/** Anything that makes pdfmake draw a piece on its own, or differently from a plain run of glyphs. */
function drawnAlone(inline: Inline): boolean {
  return !!(
    inline.fontFeatures ||
    inline.characterSpacing ||
    inline.link ||
    inline.linkToPage ||
    inline.linkToDestination ||
    inline.decoration ||
    inline.background ||
    inline.sup ||
    inline.sub ||
    inline._pageNodeRef ||
    inline.justifyShift ||
    !inline.font?.layoutCache ||
    inline.text.includes('\n') ||
    inline.text.includes('\r')
  );
}

function continues(a: Inline, b: Inline): boolean {
  return (
    a.font === b.font &&
    a.fontSize === b.fontSize &&
    a.color === b.color &&
    opacityOf(a) === opacityOf(b) &&
    !drawnAlone(b) &&
    Math.abs(b.x - (a.x + a.width)) <= SAME_SPOT
  );
}

function joinRuns(runs: GlyphRun[]): GlyphRun {
  const joined: GlyphRun = { glyphs: [], positions: [], advanceWidth: 0 };
  for (const run of runs) {
    for (let i = 0; i < run.glyphs.length; i++) {
      joined.glyphs.push(run.glyphs[i]!);
      joined.positions.push(run.positions[i]!);
    }
    joined.advanceWidth += run.advanceWidth;
  }
  return joined;
}

function sameRun(a: GlyphRun, b: GlyphRun): boolean {
  if (a.glyphs.length !== b.glyphs.length) return false;
  for (let i = 0; i < a.glyphs.length; i++) {
    const p = a.positions[i]!;
    const q = b.positions[i]!;
    if (a.glyphs[i]!.id !== b.glyphs[i]!.id || p.xAdvance !== q.xAdvance || p.yAdvance !== q.yAdvance || p.xOffset !== q.xOffset || p.yOffset !== q.yOffset) return false;
  }
  return true;
}

/**
 * pdfkit lays a string out in pieces ending after each space or tab, each looked up in the
 * document's layout cache by its text. For the joined string, give the cache every piece that
 * spans several texts, made of the glyphs each text was measured with. False when the cache
 * already holds a different layout for such a piece (the texts are then drawn one by one).
 */
function cacheJoinedRuns(font: EmbeddedFont, texts: string[]): boolean {
  const cache = font.layoutCache!;
  const runs: GlyphRun[] = [];
  let key = '';
  for (const text of texts) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09) continue;
      const segment = text.slice(start, i + 1);
      runs.push(font.layoutCached(segment));
      key += segment;
      if (!cachePiece(cache, runs, key)) return false;
      runs.length = 0;
      key = '';
      start = i + 1;
    }
    if (start < text.length) {
      const segment = start === 0 ? text : text.slice(start);
      runs.push(font.layoutCached(segment));
      key += segment;
    }
  }
  return cachePiece(cache, runs, key);
}

/** One piece of the joined string: cached when it spans several texts (a piece within one text is cached already). */
function cachePiece(cache: Record<string, GlyphRun>, runs: GlyphRun[], key: string): boolean {
  if (runs.length < 2) return true;
  const joined = joinRuns(runs);
  const cached = cache[key];
  if (!cached) {
    cache[key] = joined;
    return true;
  }
  return sameRun(cached, joined);
}

/** The line's pieces with each run of continuing pieces joined into one (the same array when none join). */
function joinedInlines(inlines: Inline[]): Inline[] {
  if (inlines.length < 2) return inlines;
  let out: Inline[] | undefined;
  for (let i = 0; i < inlines.length; ) {
    const first = inlines[i]!;
    let end = i + 1;
    if (!drawnAlone(first)) while (end < inlines.length && continues(inlines[end - 1]!, inlines[end]!)) end++;
    const texts: string[] = [];
    let height = 0;
    for (let k = i; k < end; k++) {
      texts.push(inlines[k]!.text);
      height = Math.max(height, inlines[k]!.height ?? 0);
    }
    const joins = end - i > 1 && cacheJoinedRuns(first.font, texts);
    if (joins) {
      out ??= inlines.slice(0, i);
      const last = inlines[end - 1]!;
      out.push({ ...first, text: texts.join(''), width: last.x + last.width - first.x, height });
    } else if (out) {
      for (let k = i; k < end; k++) out.push(inlines[k]!);
    }
    i = end;
  }
  return out ?? inlines;
}

function drawLinesAsRuns(): boolean {
  const Renderer = (load('pdfmake/js/Renderer') as { default?: { prototype: RendererProto } }).default;
  const renderLine = Renderer?.prototype.renderLine;
  if (typeof renderLine !== 'function') return false;
  Renderer!.prototype.renderLine = function (this: unknown, line: Line, x: number, y: number) {
    const inlines = line.inlines;
    const joined = line._pageNodeRef ? inlines : joinedInlines(inlines);
    if (joined === inlines) return renderLine.call(this, line, x, y);
    line.inlines = joined;
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = inlines;
    }
  };
  return true;
}

// ------------------------------------------------------------------------------------------------
// 5. Shaping, 6. subsetting, 7. content streams: patched on the first font pdfmake loads
// ------------------------------------------------------------------------------------------------

/**
 * Distinct texts kept per font file before starting over: a character or a word each, about 600
 * bytes with its glyphs (so ~12 MB at most). The Chinese characters a desk uses fit many times
 * over; numbers (phones, complaint numbers) are what fills it.
 */
const SHARED_RUNS_LIMIT = 20_000;
const sharedRuns = new WeakMap<Uint8Array, Map<string, GlyphRun>>();

// Plain runs: what fontkit's layout gives a string that no lookup applies to, without running it.

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number }[];
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface LookupSubtable extends Dict {
  lookupType?: number;
  extension?: LookupSubtable;
}
interface LayoutTable {
  scriptList?: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } | null } }[];
  featureList?: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList?: { length: number; get(index: number): { lookupType: number; subTables: Iterable<LookupSubtable> } };
  featureVariations?: unknown;
}
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  stream?: { buffer?: Uint8Array };
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef | null };
  kern?: unknown;
  morx?: unknown;
  _variationProcessor?: unknown;
  numGlyphs: number;
  glyphsForString(text: string): FontkitGlyph[];
}

/**
 * The features fontkit's default shaper (Latin, Han and common characters) applies left to
 * right (fontkit 2.0.4: variation, directional, common and horizontal features; fractions only
 * around U+2044, which is not a plain character here).
 */
const DEFAULT_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern']);
/**
 * Where each lookup type tests the glyph it starts at (it does nothing to a glyph outside it),
 * and whether it needs a glyph after that one (pair adjustment and cursive attachment: fontkit
 * returns when there is none).
 */
const FIRST_COVERAGE: Record<'GSUB' | 'GPOS', Record<number, [field: string, needsNext: boolean]>> = {
  GSUB: { 1: ['coverage', false], 2: ['coverage', false], 3: ['coverage', false], 4: ['coverage', false], 8: ['coverage', false] },
  GPOS: { 1: ['coverage', false], 2: ['coverage', true], 3: ['coverage', true], 4: ['markCoverage', false], 5: ['markCoverage', false], 6: ['mark1Coverage', false] },
};
/** touched[glyph]: what a lookup may do starting at it. */
const ANYWHERE = 1;
const BEFORE_ANOTHER = 2;
const EXTENSION = { GSUB: 7, GPOS: 9 } as const;

/**
 * Code points whose strings fontkit shapes with its default shaper and whose glyphs it never
 * hides: printable ASCII, CJK punctuation (without the combining marks U+302A–U+302F), the
 * ideographs its Unicode data knows (Extension A to U+4DB5, the unified block to U+9FEF) and
 * full-width forms.
 */
const plainCodeUnit = (c: number) =>
  (c >= 0x20 && c <= 0x7e) || (c >= 0x3000 && c <= 0x303f && (c < 0x302a || c > 0x302f)) || (c >= 0x3400 && c <= 0x4db5) || (c >= 0x4e00 && c <= 0x9fef) || (c >= 0xff01 && c <= 0xff5e);

/** The script fontkit's Unicode data gives a plain code unit, by its OpenType tag: Latin, Han, or none (common). */
function scriptOf(c: number): 'latn' | 'hani' | null {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return 'latn';
  if ((c >= 0x3400 && c <= 0x4db5) || (c >= 0x4e00 && c <= 0x9fef) || c === 0x3005 || c === 0x3007 || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3038 && c <= 0x303b)) return 'hani';
  return null;
}

/** fontkit's Script.forString for plain text: the first Latin or Han character's script, else 'zzzz'. */
export function plainScript(text: string): 'latn' | 'hani' | 'zzzz' {
  for (let i = 0; i < text.length; i++) {
    const script = scriptOf(text.charCodeAt(i));
    if (script) return script;
  }
  return 'zzzz';
}
const SCRIPT_FALLBACK = ['DFLT', 'dflt', 'latn'];

/**
 * Per glyph, for a script fontkit may pick: whether its layout might change the glyph or its
 * neighbours — the glyph is where some lookup of a default feature starts (in the default
 * language of the script entry fontkit selects in GSUB and in GPOS: pdfkit names no language),
 * anywhere or only with a glyph after it; or it is a mark (fontkit zeroes its advance). Null when
 * the font has anything this does not account for (variations, AAT, a legacy kern table,
 * contextual or unknown lookups, no fallback script).
 */
function touchedGlyphs(font: FontkitFont, script: string): Uint8Array | null {
  if (font._variationProcessor || font.morx || font.kern) return null;
  const touched = new Uint8Array(font.numGlyphs + 1);
  const touch = (glyph: number, how: number) => {
    if (touched[glyph] !== ANYWHERE) touched[glyph] = how;
  };
  const mark = (coverage: Coverage | undefined, how: number): boolean => {
    if (!coverage) return false;
    if (coverage.version === 1 && coverage.glyphs) for (const g of coverage.glyphs) touch(g, how);
    else if (coverage.version === 2 && coverage.rangeRecords) for (const r of coverage.rangeRecords) for (let g = r.start; g <= r.end; g++) touch(g, how);
    else return false;
    return true;
  };
  for (const tag of ['GSUB', 'GPOS'] as const) {
    const table = font[tag];
    if (!table) continue;
    if (table.featureVariations || !table.scriptList || !table.featureList || !table.lookupList) return null;
    // OTProcessor.selectScript: the script's entry, else the first of DFLT, dflt, latn.
    const entry = table.scriptList.find((e) => e.tag === script) ?? SCRIPT_FALLBACK.map((t) => table.scriptList!.find((e) => e.tag === t)).find(Boolean);
    if (!entry) return null;
    const lookups = new Set<number>();
    for (const index of entry.script.defaultLangSys?.featureIndexes ?? []) {
      const record = table.featureList[index];
      if (record && DEFAULT_FEATURES.has(record.tag)) for (const lookup of record.feature.lookupListIndexes) lookups.add(lookup);
    }
    for (const index of lookups) {
      const lookup = table.lookupList.get(index);
      for (let subtable of lookup.subTables) {
        let type = lookup.lookupType;
        if (type === EXTENSION[tag]) {
          type = subtable.lookupType!;
          subtable = subtable.extension!;
        }
        const where = FIRST_COVERAGE[tag][type];
        if (!where || !mark(subtable[where[0]] as Coverage | undefined, where[1] ? BEFORE_ANOTHER : ANYWHERE)) return null;
      }
    }
  }
  const classes = font.GDEF?.glyphClassDef;
  if (classes) {
    if (classes.version === 1 && classes.classValueArray) classes.classValueArray.forEach((c, i) => c === 3 && (touched[classes.startGlyph! + i] = ANYWHERE));
    else if (classes.version === 2 && classes.classRangeRecord) for (const r of classes.classRangeRecord) if (r.class === 3) touched.fill(ANYWHERE, r.start, r.end + 1);
    else return null;
  }
  return touched;
}

const touchedByFile = new WeakMap<Uint8Array, Map<string, Uint8Array | null>>();

/**
 * fontkit's layout of `text` when nothing in it can be substituted or positioned: the cmap's
 * glyphs at their advances, no offsets — what fontkit returns then, without running its
 * shaper. Null when that is not certain. The glyph objects are fontkit's own (glyphsForString,
 * as its layout begins).
 */
export function plainLayout(font: FontkitFont, text: string): { glyphs: FontkitGlyph[]; xAdvances: number[] } | null {
  if (!text) return null;
  for (let i = 0; i < text.length; i++) if (!plainCodeUnit(text.charCodeAt(i))) return null;
  const bytes = font.stream?.buffer;
  if (!bytes) return null;
  let byScript = touchedByFile.get(bytes);
  if (!byScript) touchedByFile.set(bytes, (byScript = new Map<string, Uint8Array | null>()));
  const script = plainScript(text);
  let touched = byScript.get(script);
  if (touched === undefined) byScript.set(script, (touched = touchedGlyphs(font, script)));
  if (!touched) return null;
  const glyphs = font.glyphsForString(text);
  if (glyphs.length !== text.length) return null;
  const xAdvances: number[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const how = touched[glyphs[i]!.id];
    if (how === ANYWHERE || (how === BEFORE_ANOTHER && i < glyphs.length - 1)) return null;
    xAdvances.push(glyphs[i]!.advanceWidth);
  }
  return { glyphs, xAdvances };
}

/** pdfkit's layoutRun (positions scaled to 1000 units per em) for a plain run. */
function plainRun(font: EmbeddedFont, text: string): GlyphRun | null {
  const plainText = plainLayout(font.font as FontkitFont, text);
  if (!plainText) return null;
  const scale = font.scale;
  const positions: GlyphRun['positions'] = [];
  let advanceWidth = 0;
  plainText.glyphs.forEach((glyph, i) => {
    const xAdvance = plainText.xAdvances[i]! * scale;
    positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: glyph.advanceWidth * scale });
    advanceWidth += xAdvance;
  });
  return { glyphs: plainText.glyphs, positions, advanceWidth };
}

function shareLayouts(proto: EmbeddedFont): boolean {
  const layoutCached = proto.layoutCached;
  if (typeof layoutCached !== 'function' || typeof proto.layoutRun !== 'function') return false;
  proto.layoutCached = function (this: EmbeddedFont, text: string): GlyphRun {
    const cache = this.layoutCache;
    const bytes = this.font.stream?.buffer;
    if (!cache || !bytes) return layoutCached.call(this, text);
    const own = cache[text];
    if (own) return own;
    let runs = sharedRuns.get(bytes);
    if (!runs) sharedRuns.set(bytes, (runs = new Map<string, GlyphRun>()));
    let run = runs.get(text);
    if (!run) {
      run = plainRun(this, text) ?? this.layoutRun(text);
      if (runs.size >= SHARED_RUNS_LIMIT) runs.clear();
      runs.set(text, run);
    }
    cache[text] = run;
    return run;
  };
  return true;
}

interface TTFFont {
  stream: { buffer: Uint8Array };
  loca: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}
interface TTFSubset {
  font: TTFFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph: (this: TTFSubset, gid: number) => number;
}
interface SimpleGlyph {
  bytes: Uint8Array;
  advance: number;
  bearing: number;
}
const simpleGlyphs = new WeakMap<Uint8Array, Map<number, SimpleGlyph>>();

function subsetWithoutDecoding(proto: TTFSubset): boolean {
  const addGlyph = proto._addGlyph;
  if (typeof addGlyph !== 'function') return false;
  proto._addGlyph = function (this: TTFSubset, gid: number): number {
    const font = this.font;
    if (font._variationProcessor || !Array.isArray(this.glyf)) return addGlyph.call(this, gid);
    let glyphs = simpleGlyphs.get(font.stream.buffer);
    if (!glyphs) simpleGlyphs.set(font.stream.buffer, (glyphs = new Map<number, SimpleGlyph>()));
    let simple = glyphs.get(gid);
    if (!simple) {
      const start = font.loca.offsets[gid]!;
      const stream = font._getTableStream('glyf');
      stream.pos += start;
      const bytes = stream.readBuffer(font.loca.offsets[gid + 1]! - start);
      // numberOfContours, the glyph's first int16: negative for a composite glyph (its components are renumbered).
      if (bytes.length >= 2 && (bytes[0]! & 0x80) !== 0) return addGlyph.call(this, gid);
      const glyph = font.getGlyph(gid);
      simple = { bytes, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      glyphs.set(gid, simple);
    }
    this.glyf.push(simple.bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: simple.advance, bearing: simple.bearing });
    this.offset += simple.bytes.length;
    return this.glyf.length - 1;
  };
  return true;
}

interface PDFReference {
  buffer: Uint8Array[] | Uint8Array;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write: (this: PDFReference, chunk: unknown) => void;
  finalize: (this: PDFReference) => void;
}
const PENDING = Symbol('pending content');
type Batched = PDFReference & { [PENDING]?: string };

/**
 * pdfkit turns every drawing operator into its own Buffer (`Buffer.from(op + '\n', 'binary')`) and
 * concatenates them all at the end: thousands of tiny buffers per page. Consecutive operators are
 * kept as one string and converted once, giving the same bytes (latin1 is one byte a character).
 */
function batchContentWrites(proto: PDFReference): boolean {
  const { write, finalize } = proto;
  if (typeof write !== 'function' || typeof finalize !== 'function') return false;
  const flush = (ref: Batched) => {
    const pending = ref[PENDING];
    if (pending === undefined) return;
    ref[PENDING] = undefined;
    // Counted when written: only the bytes are added.
    (ref.buffer as Uint8Array[]).push(Buffer.from(pending, 'latin1'));
  };
  proto.write = function (this: Batched, chunk: unknown) {
    if (chunk instanceof Uint8Array || !Array.isArray(this.buffer)) {
      flush(this);
      return write.call(this, chunk);
    }
    const text = (chunk as string) + '\n';
    this[PENDING] = (this[PENDING] ?? '') + text;
    // What pdfkit's write does besides keeping the bytes: count them, mark the stream compressed.
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Batched) {
    flush(this);
    return finalize.call(this);
  };
  return true;
}

interface PdfmakeDocumentProto {
  provideFont: (this: { _root?: object }, family: string, bold: boolean, italics: boolean) => EmbeddedFont;
}

/** Which speed-ups are in place (names as in the header; some only once a document has loaded a font). */
const applied = new Set<string>();
const apply = (name: string, install: () => boolean) => {
  if (install()) applied.add(name);
};

/** pdfkit's font and reference classes and fontkit's subset class are not exported: patched from the first font pdfmake loads. */
function patchOnFirstFont(): boolean {
  const PDFDocument = (load('pdfmake/js/PDFDocument') as { default?: { prototype: PdfmakeDocumentProto } }).default;
  const provideFont = PDFDocument?.prototype.provideFont;
  if (typeof provideFont !== 'function') return false;
  const seen = new WeakSet<object>();
  const once = (proto: object | null | undefined, fits: boolean, name: string, install: () => boolean) => {
    if (!proto || !fits || seen.has(proto)) return;
    seen.add(proto);
    apply(name, install);
  };
  PDFDocument!.prototype.provideFont = function (this: { _root?: object }, family: string, bold: boolean, italics: boolean) {
    const refProto = this._root && (Object.getPrototypeOf(this._root) as PDFReference | null);
    once(refProto, true, 'content streams', () => batchContentWrites(refProto!));
    const font = provideFont.call(this, family, bold, italics);
    const fontProto = Object.getPrototypeOf(font) as EmbeddedFont | null;
    once(fontProto, 'layoutCache' in font, 'shaping', () => shareLayouts(fontProto!));
    const subsetProto = font.subset && (Object.getPrototypeOf(font.subset) as TTFSubset | null);
    once(subsetProto, !!font.subset && 'glyphEncoder' in font.subset, 'subsetting', () => subsetWithoutDecoding(subsetProto!));
    return font;
  };
  return true;
}

let installed = false;

/** Install the speed-ups once (renderPdf calls this before its first document). */
export function speedUpPdfEngine(): void {
  if (installed) return;
  installed = true;
  if (process.env.COMPLAINT_DESK_PDF_ENGINE === 'stock' || !enginePinned()) return;
  apply('style lookups', speedUpStyleLookups);
  apply('measuring', measurePiecesTogether);
  apply('line building', buildLinesWithoutCopies);
  apply('drawing', drawLinesAsRuns);
  patchOnFirstFont();
}

/** The speed-ups in place so far (tests check the pinned engine gets them all). */
export const pdfEngineSpeedUps = (): string[] => [...applied];
