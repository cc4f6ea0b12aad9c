import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';

/** The bundled Noto Sans SC (resources/fonts/README.md): one file per weight pdfmake needs. */
export const FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' } as const;
export type FontWeight = keyof typeof FONT_FILES;

export interface LoadedFont {
  path: string;
  bytes: Buffer;
}
export type LoadedFonts = Record<FontWeight, LoadedFont>;

const hasFonts = (dir: string) => Object.values(FONT_FILES).every((f) => existsSync(join(dir, f)));

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
    throw new Error(`COMPLAINT_DESK_RESOURCES=${env}: ${dir} does not contain ${Object.values(FONT_FILES).join(', ')}`);
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

/** The TTF bytes, read once per process (about 20 MB; every render reuses them). */
export function loadFonts(): LoadedFonts {
  if (!loaded) {
    const dir = findFontDirectory();
    const read = (weight: FontWeight): LoadedFont => {
      const path = join(dir, FONT_FILES[weight]);
      return { path, bytes: readFileSync(path) };
    };
    loaded = { regular: read('regular'), bold: read('bold') };
  }
  return loaded;
}

let parsed: fontkit.Font[] | undefined;

function parsedFonts(): fontkit.Font[] {
  if (!parsed) {
    const fonts = loadFonts();
    parsed = [fonts.regular, fonts.bold].map(({ path, bytes }) => {
      const font = fontkit.create(bytes);
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${path} is a font collection, expected a single TTF`);
      return font;
    });
    shareDecodedTables(parsed[0]!);
  }
  return parsed;
}

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

/** Whitespace and control characters are layout, not glyphs: never reported. */
const IGNORED = /^[\s\p{Cc}\p{Cf}]$/u;

/**
 * The distinct characters (in order of first appearance) that the regular or bold face lacks:
 * pdfkit would print them as empty boxes, so callers must show them to the user instead.
 */
export function missingGlyphs(text: string): string[] {
  const fonts = parsedFonts();
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    if (IGNORED.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (!fonts.every((f) => f.hasGlyphForCodePoint(cp))) missing.add(ch);
  }
  return [...missing];
}
