/**
 * The bundled font prints every hanzi of GB 2312 and the rarer name characters offices meet (emoji
 * with the bundled Noto Emoji), and is found from source, from the built app and through the
 * override — never from node_modules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findFontDirectory, loadFonts, missingGlyphs } from '../../src-main/pdf/fonts';

const ROOT = resolve(__dirname, '..', '..');
const BUNDLED = join(ROOT, 'resources', 'fonts');

/** Rare characters common in names (通用规范汉字表, outside GB 2312). */
const RARE_NAME_CHARACTERS = '堃喆昇镕犇淼玥珺赟';

/** Every assigned hanzi of GB 2312: rows 0xB0–0xF7, cells 0xA1–0xFE, decoded as GB 18030. */
function gb2312Hanzi(): string[] {
  const decoder = new TextDecoder('gb18030');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      // Unassigned cells (0xD7FA–0xD7FE) decode to the private use area or U+FFFD.
      if (/^\p{Script=Han}$/u.test(ch)) out.push(ch);
    }
  }
  return out;
}

describe('coverage of the bundled Noto Sans SC', () => {
  it('has every one of the 6,763 GB 2312 hanzi', () => {
    const hanzi = gb2312Hanzi();
    expect(hanzi).toHaveLength(6763);
    expect(new Set(hanzi).size).toBe(6763);
    expect(missingGlyphs(hanzi.join(''))).toEqual([]);
  });

  it('has the rare name characters 堃 喆 昇 镕 犇 淼 玥 珺 赟', () => {
    expect(missingGlyphs(RARE_NAME_CHARACTERS)).toEqual([]);
  });

  it('has the form marks and punctuation the forms print', () => {
    expect(missingGlyphs('□■√✓　，。：；（）〔〕、…·—_/-0123456789ABCxyz¥')).toEqual([]);
  });

  it('reports what no bundled font has, once each, in order: CJK Extension B and the empty ballot box', () => {
    // ☑ is an emoji: Noto Emoji prints it (font-runs.ts); ☐ is not.
    expect(missingGlyphs('𠮷田𠮷☑☐')).toEqual(['𠮷', '☐']);
  });

  it('prints emoji with the bundled Noto Emoji: nothing reported', () => {
    expect(missingGlyphs('漏水😡🙏👍🏽❤️1️⃣👨‍👩‍👧')).toEqual([]);
  });

  it('never reports white space or control characters', () => {
    expect(missingGlyphs(' \t\n\r\u3000\u00a0\u200b\u0000')).toEqual([]);
  });
});

describe('finding the fonts', () => {
  const saved = process.env.COMPLAINT_DESK_RESOURCES;
  afterEach(() => {
    if (saved === undefined) delete process.env.COMPLAINT_DESK_RESOURCES;
    else process.env.COMPLAINT_DESK_RESOURCES = saved;
  });

  it('from the TypeScript source (vitest, tsx) and from the built out/main', () => {
    delete process.env.COMPLAINT_DESK_RESOURCES;
    expect(findFontDirectory(join(ROOT, 'src-main', 'pdf'))).toBe(BUNDLED);
    expect(findFontDirectory(join(ROOT, 'out', 'main'))).toBe(BUNDLED);
  });

  it('through COMPLAINT_DESK_RESOURCES, which must hold fonts/', () => {
    process.env.COMPLAINT_DESK_RESOURCES = join(ROOT, 'resources');
    expect(findFontDirectory('/')).toBe(BUNDLED);
    const empty = mkdtempSync(join(tmpdir(), 'complaint-desk-fonts-'));
    try {
      process.env.COMPLAINT_DESK_RESOURCES = empty;
      expect(() => findFontDirectory()).toThrow(/COMPLAINT_DESK_RESOURCES=.*NotoSansSC-Regular\.ttf/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('says where it looked when there are no fonts', () => {
    delete process.env.COMPLAINT_DESK_RESOURCES;
    expect(() => findFontDirectory(tmpdir())).toThrow(/PDF fonts not found.*COMPLAINT_DESK_RESOURCES/);
  });

  it('loads the bundled TTFs once, not a copy from node_modules', () => {
    const fonts = loadFonts();
    expect(fonts.regular.path).toBe(join(BUNDLED, 'NotoSansSC-Regular.ttf'));
    expect(fonts.bold.path).toBe(join(BUNDLED, 'NotoSansSC-Bold.ttf'));
    expect(fonts.regular.bytes.readUInt32BE(0)).toBe(0x00010000); // a TrueType outline font
    expect(fonts.emoji.path).toBe(join(BUNDLED, 'NotoEmoji-Regular.ttf'));
    expect(fonts.emoji.bytes.readUInt32BE(0)).toBe(0x00010000);
    expect(loadFonts().regular.bytes).toBe(fonts.regular.bytes);
  });
});
