import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';

/** The bundled Noto Sans SC (resources/fonts/README.md): one file per weight pdfmake needs. */
export const FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' } as const;
export type FontWeight = keyof typeof FONT_FILES;
/**
 * The bundled monochrome Noto Emoji (resources/fonts/README.md): what residents type from a phone
 * (😡🙏) is printed with it, since Noto Sans SC has no emoji. One weight: bold text prints it too.
 */
export const EMOJI_FONT_FILE = 'NotoEmoji-Regular.ttf';
/** Every file the folder must hold. */
const BUNDLED_FILES = [...Object.values(FONT_FILES), EMOJI_FONT_FILE];

export interface LoadedFont {
  path: string;
  bytes: Buffer;
}
export type LoadedFonts = Record<FontWeight | 'emoji', LoadedFont>;

const hasFonts = (dir: string) => BUNDLED_FILES.every((f) => existsSync(join(dir, f)));

/**
 * The folder holding the fonts. Order: COMPLAINT_DESK_RESOURCES (a resources folder, for odd
 * installs and tests), Electron's process.resourcesPath (packaged app: extraResources → fonts/),
 * then up from this file: src-main/pdf under vitest/tsx, out/main when built, so never node_modules.
 */
export function findFontDirectory(start = __dirname): string {
  const tried: string[] = [];
  const env = process.env.COMPLAINT_DESK_RESOURCES;
  if (env) {
    const dir = join(resolve(env), 'fonts');
    if (hasFonts(dir)) return dir;
    // A wrong override is a setup mistake: say so instead of quietly using another copy.
    throw new Error(`COMPLAINT_DESK_RESOURCES=${env}: ${dir} does not contain ${BUNDLED_FILES.join(', ')}`);
  }
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const dir = join(resourcesPath, 'fonts');
    tried.push(dir);
    if (hasFonts(dir)) return dir;
  }
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts');
    tried.push(candidate);
    if (hasFonts(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`PDF fonts not found (looked in ${tried.join(', ')}); set COMPLAINT_DESK_RESOURCES to the folder holding fonts/`);
}

let loaded: LoadedFonts | undefined;

/** The TTF bytes, read once per process (about 21 MB; every render reuses them). */
export function loadFonts(): LoadedFonts {
  if (!loaded) {
    const dir = findFontDirectory();
    const read = (file: string): LoadedFont => {
      const path = join(dir, file);
      return { path, bytes: readFileSync(path) };
    };
    loaded = { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold), emoji: read(EMOJI_FONT_FILE) };
  }
  return loaded;
}

export type FontKind = FontWeight | 'emoji';
let parsed: Record<FontKind, fontkit.Font> | undefined;

/** The fonts parsed by fontkit, once per process: for the glyph check and for measuring text (text-measure.ts). */
function parsedFonts(): Record<FontKind, fontkit.Font> {
  if (!parsed) {
    const fonts = loadFonts();
    const parse = ({ path, bytes }: LoadedFont) => {
      const font = fontkit.create(bytes);
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${path} is a font collection, expected a single TTF`);
      return font;
    };
    parsed = { regular: parse(fonts.regular), bold: parse(fonts.bold), emoji: parse(fonts.emoji) };
    shareDecodedTables(parsed.regular);
  }
  return parsed;
}

/** One bundled font as fontkit reads it (the same bytes pdfkit embeds). */
export const parsedFont = (kind: FontKind): fontkit.Font => parsedFonts()[kind];

interface TableDecoding {
  stream: { buffer: Uint8Array };
  _decodeTable: (this: TableDecoding, table: { tag: string }) => unknown;
}

/**
 * pdfkit parses the font again for every document (fontkit.create per PDF): for a 10 MB CJK font
 * that is most of a form's rendering time (cmap, hmtx, loca, GSUB…). The parsed tables are plain
 * data read from the same bytes, so they are kept per font file and shared by every later parse.
 * fontkit's exports cannot be wrapped (non-configurable getters), its TrueType class can.
 */
function shareDecodedTables(sample: fontkit.Font): void {
  const proto = Object.getPrototypeOf(sample) as TableDecoding;
  if (Object.hasOwn(proto, SHARED)) return;
  const decode = proto._decodeTable;
  const byFile = new WeakMap<Uint8Array, Map<string, unknown>>();
  proto._decodeTable = function (this: TableDecoding, table) {
    let tables = byFile.get(this.stream.buffer);
    if (!tables) byFile.set(this.stream.buffer, (tables = new Map<string, unknown>()));
    if (!tables.has(table.tag)) tables.set(table.tag, decode.call(this, table));
    return tables.get(table.tag);
  };
  Object.defineProperty(proto, SHARED, { value: true });
}
const SHARED = Symbol('complaint-desk shared font tables');

/**
 * Whitespace, control characters and the invisible ones (zero-width joiner, variation selectors:
 * fontkit hides default-ignorable code points) are layout, not glyphs: never reported.
 */
const IGNORED = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
export const isIgnorable = (ch: string) => IGNORED.test(ch);

/** Whether Noto Sans SC prints this code point in both weights. */
export function textFontHas(cp: number): boolean {
  const fonts = parsedFonts();
  return fonts.regular.hasGlyphForCodePoint(cp) && fonts.bold.hasGlyphForCodePoint(cp);
}

/** Whether Noto Emoji has a glyph for this code point. */
export const emojiFontHas = (cp: number): boolean => parsedFonts().emoji.hasGlyphForCodePoint(cp);

/**
 * The distinct characters (in order of first appearance) that no bundled font prints: neither
 * weight of Noto Sans SC nor, for emoji, Noto Emoji (the renderer sets those in it, emoji.ts).
 * pdfkit would print them as empty boxes, so callers must show them to the user instead.
 */
export function missingGlyphs(text: string): string[] {
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    if (IGNORED.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (!textFontHas(cp) && !emojiFontHas(cp)) missing.add(ch);
  }
  return [...missing];
}
