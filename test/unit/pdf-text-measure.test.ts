/**
 * text-measure.ts lays text out as pdfmake does: for random desk texts (Chinese, punctuation,
 * numbers, Latin words, long unbroken runs, newlines, emoji) in the column widths and styles of
 * the register and the monthly report, its lines are the lines pdfmake prints — as many, each as
 * tall — and the quick bound is never below the real height. pdfmake writes each text's line
 * positions into the definition it lays out, which is what is compared here.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEmojiInEmojiFont } from '../../src-main/pdf/font-runs';
import { FONT_FAMILY, renderPdf } from '../../src-main/pdf/render';
import { heightBound, heightOf, textLines, type TextStyle } from '../../src-main/pdf/text-measure';

const WIDTHS = [15, 30, 40, 46, 62, 71, 96.1, 99.02, 140];
const STYLES: TextStyle[] = [
  { fontSize: 7.5, lineHeight: 1.15 },
  { fontSize: 7.5, lineHeight: 1.15, bold: true },
  { fontSize: 9, lineHeight: 1.2 },
  { fontSize: 10, lineHeight: 1.2 },
];
const PIECES = [
  '楼上漏水',
  '卫生间天花板持续滴水',
  '已影响照明',
  '，',
  '。',
  '（',
  '）',
  '：',
  '；',
  '、',
  '“',
  '”',
  '第2轮',
  ' ',
  '  ',
  '\n',
  '2026-11-02 09:12',
  'YGHA-20261102-001',
  '138****5678',
  '0571-88886666-1234',
  'Christopherson',
  'WiFi',
  'https://example.com/a/very/long/path?with=query',
  'abcdefghijklmnopqrstuvwxyz0123456789',
  '48 小时',
  '😡',
  '🙏',
  '👍🏽',
  '❤️',
  '欧阳堃喆',
];

/** A deterministic generator (mulberry32): the same texts every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  text: string;
  width: number;
  style: TextStyle;
  /** The cell pdfmake lays out: it gets `positions`, one per line. */
  cell: { text: unknown; positions?: { top: number; pageNumber: number }[] };
}

const cases: Case[] = [];

beforeAll(async () => {
  await renderPdf({ content: [''] }); // pdfmake set up with the bundled fonts
  const rnd = random(20261208);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let k = 0; k < 400; k++) {
    const n = 1 + Math.floor(rnd() * (k % 10 === 0 ? 120 : 25));
    let text = '';
    for (let i = 0; i < n; i++) text += pick(PIECES);
    const style = pick(STYLES);
    cases.push({ text, width: pick(WIDTHS), style: { ...style, breakAll: rnd() < 0.2 }, cell: { text } });
  }
  cases.push({ text: '', width: 40, style: STYLES[0]!, cell: { text: '' } });
  const doc: TDocumentDefinitions = {
    pageSize: { width: 400, height: 'auto' },
    content: cases.map((c) => ({
      table: { widths: [c.width], body: [[{ ...c.style, ...(c.style.breakAll && { wordBreak: 'break-all' }), ...c.cell } as never]] },
      layout: 'noBorders',
    })),
    defaultStyle: { font: FONT_FAMILY },
  };
  // The cells are the objects laid out: the emoji runs are set in place, as the renderer does.
  for (const [i, c] of cases.entries()) c.cell = (doc.content as { table: { body: Case['cell'][][] } }[])[i]!.table.body[0]![0]!;
  setEmojiInEmojiFont(doc);
  await pdfmake.createPdf(doc).getBuffer();
}, 60_000);

describe('textLines', () => {
  it('gives as many lines as pdfmake prints, each as tall, for random desk texts', () => {
    const wrong = cases.flatMap((c) => {
      const ours = textLines(c.text, c.width, c.style);
      const tops = (c.cell.positions ?? []).map((p) => p.top);
      const theirs = tops.slice(1).map((top, i) => top - tops[i]!);
      const same = ours.length === tops.length && theirs.every((h, i) => Math.abs(h - ours[i]!.height) < 1e-6);
      return same ? [] : [{ text: c.text, width: c.width, style: c.style, ours: ours.length, pdfmake: tops.length }];
    });
    expect(wrong).toEqual([]);
    // The texts did wrap: many cases over several lines.
    expect(cases.filter((c) => (c.cell.positions?.length ?? 0) > 3).length).toBeGreaterThan(100);
  });

  it('cuts a text into lines that together are the text', () => {
    for (const c of cases.slice(0, 50)) {
      const lines = textLines(c.text, c.width, c.style);
      expect(lines[0]!.start).toBe(0);
      lines.slice(1).forEach((l, i) => expect(l.start).toBe(lines[i]!.end));
      expect(lines.at(-1)!.end).toBe(c.text.length);
    }
  });
});

describe('heightBound', () => {
  it('is never below the height pdfmake gives the text', () => {
    const below = cases.filter((c) => heightBound(c.text, c.width, c.style) < heightOf(textLines(c.text, c.width, c.style)) - 1e-6);
    expect(below.map((c) => c.text)).toEqual([]);
  });
});
