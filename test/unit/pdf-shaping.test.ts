/**
 * The shaping shortcut in src-main/pdf/engine-speedups.ts (plainLayout) must give exactly what
 * fontkit's layout gives, for the bundled fonts: the same glyph objects at the same advances, no
 * offsets — checked for every character it accepts, every pair of printable ASCII characters and
 * thousands of random strings of the kinds a desk prints (numbers, dates, phones, Latin words,
 * Chinese with punctuation). Where it is unsure it must say so (null), never guess.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, findFontDirectory } from '../../src-main/pdf/fonts';
import { plainLayout, plainScript } from '../../src-main/pdf/engine-speedups';

type Font = Parameters<typeof plainLayout>[0] & {
  layout(text: string): { glyphs: object[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] };
};

/** The ranges plainLayout may accept (anything else must be left to fontkit). */
const RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
];

/** A fixed pseudo-random sequence: the same strings every run. */
function random(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Mismatches between plainLayout and fontkit's layout over `texts`, and how many were taken plain. */
function compare(font: Font, texts: Iterable<string>): { plain: number; mismatches: string[] } {
  let plain = 0;
  const mismatches: string[] = [];
  for (const text of texts) {
    const fast = plainLayout(font, text);
    if (!fast) continue;
    plain++;
    const run = font.layout(text);
    const same =
      run.glyphs.length === fast.glyphs.length &&
      run.glyphs.every((g, i) => g === fast.glyphs[i]) &&
      run.positions.every((p, i) => p.xAdvance === fast.xAdvances[i] && p.yAdvance === 0 && p.xOffset === 0 && p.yOffset === 0);
    if (!same) mismatches.push(text);
  }
  return { plain, mismatches };
}

const fonts = Object.values(FONT_FILES).map((file) => [file, fontkit.create(readFileSync(join(findFontDirectory(), file))) as unknown as Font] as const);

describe('plainLayout (the shaping shortcut)', () => {
  it('names the script as fontkit does for every character it accepts', () => {
    // unicode-properties is fontkit's own source of scripts.
    const fromFontkit = createRequire(createRequire(__filename).resolve('fontkit'));
    const { getScript } = fromFontkit('unicode-properties') as { getScript: (cp: number) => string };
    const tags: Record<string, string> = { Latin: 'latn', Han: 'hani' };
    const wrong: string[] = [];
    for (const [from, to] of RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const script = getScript(cp);
        const expected = ['Common', 'Inherited', 'Unknown'].includes(script) ? 'zzzz' : (tags[script] ?? script);
        const text = String.fromCharCode(cp);
        if (plainLayout(fonts[0]![1], text) && plainScript(text) !== expected) wrong.push(`U+${cp.toString(16)} ${script}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  for (const [file, font] of fonts) {
    it(`gives fontkit's layout for every single character and every ASCII pair (${file})`, () => {
      // Characters the font lacks included: both give its .notdef glyph.
      const singles: string[] = [];
      for (const [from, to] of RANGES) for (let cp = from; cp <= to; cp++) singles.push(String.fromCharCode(cp));
      const pairs: string[] = [];
      for (let a = 0x20; a <= 0x7e; a++) for (let b = 0x20; b <= 0x7e; b++) pairs.push(String.fromCharCode(a, b));
      const one = compare(font, singles);
      const two = compare(font, pairs);
      expect(one.mismatches).toEqual([]);
      expect(two.mismatches).toEqual([]);
      // It does take the common case: nearly every ideograph on its own.
      expect(one.plain).toBeGreaterThan(20_000);
      // A Latin string's digits are substituted by this font's locl: never plain.
      expect(plainLayout(font, 'YGHA-20261101-001')).toBeNull();
      expect(plainLayout(font, '2026-')).not.toBeNull();
    }, 60_000);

    it(`gives fontkit's layout for random desk strings (${file})`, () => {
      const rnd = random(20261122);
      const pick = (chars: string) => chars[Math.floor(rnd() * chars.length)]!;
      const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
      const chinese = '楼上漏水卫生间天花板持续滴水已影响照明外墙渗水下雨后卧室墙面大面积发霉起皮，。：；、（）“”《》　■□';
      const texts: string[] = [];
      for (let k = 0; k < 6000; k++) {
        const n = 1 + Math.floor(rnd() * 12);
        let text = '';
        for (let i = 0; i < n; i++) text += pick(rnd() < 0.4 ? '0123456789-:*/. ' : rnd() < 0.5 ? ascii : chinese);
        texts.push(text);
      }
      const result = compare(font, texts);
      expect(result.mismatches).toEqual([]);
      expect(result.plain).toBeGreaterThan(500);
    }, 60_000);
  }

  it('leaves to fontkit what it cannot vouch for', () => {
    const [, font] = fonts[0]!;
    expect(plainLayout(font, '')).toBeNull();
    expect(plainLayout(font, 'é')).toBeNull(); // outside the plain ranges
    expect(plainLayout(font, '𠮷')).toBeNull(); // surrogate pair
    expect(plainLayout(font, '\u302a')).toBeNull(); // combining tone mark
  });
});
