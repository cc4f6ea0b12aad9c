/**
 * Which bundled font sets which part of a text. pdfmake has no per-glyph fallback: a piece of text
 * has one font, and Noto Sans SC has no emoji, so a resident's 😡 in 业主原话 printed as an empty
 * box. Texts holding emoji are cut into runs at grapheme clusters; a cluster goes to Noto Emoji
 * when Noto Sans SC lacks one of its characters and Noto Emoji has them all. A ZWJ sequence or a
 * keycap stays one run, so the emoji font's ligatures draw it as one glyph.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { emojiFontHas, isIgnorable, textFontHas } from './fonts';

/** The pdfmake family of Noto Emoji (render.ts registers it beside Noto Sans SC). */
export const EMOJI_FONT_FAMILY = 'NotoEmoji';

export interface FontRun {
  text: string;
  emoji: boolean;
}

/** Basic-plane answers of textFontHas, cached: 0 not asked yet, 1 has it, 2 lacks it. */
const textFontBmp = new Uint8Array(0x10000);

/** Whether Noto Sans SC lacks a character that is not invisible (ZWJ, variation selectors…). */
function textFontLacks(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x10000) {
    if (textFontBmp[cp] === 0) textFontBmp[cp] = textFontHas(cp) || isIgnorable(ch) ? 1 : 2;
    return textFontBmp[cp] === 2;
  }
  return !textFontHas(cp) && !isIgnorable(ch);
}

const emojiClusters = new Map<string, boolean>();

/** A cluster Noto Sans SC cannot print and Noto Emoji can (cached: a desk sees few distinct emoji). */
function isEmojiCluster(cluster: string): boolean {
  let known = emojiClusters.get(cluster);
  if (known === undefined) {
    const visible = [...cluster].filter((ch) => !isIgnorable(ch));
    known = visible.some(textFontLacks) && visible.every((ch) => emojiFontHas(ch.codePointAt(0)!));
    emojiClusters.set(cluster, known);
  }
  return known;
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** True when some character of `text` is printed with Noto Emoji. */
export function usesEmojiFont(text: string): boolean {
  for (const ch of text) if (textFontLacks(ch) && emojiFontHas(ch.codePointAt(0)!)) return true;
  return false;
}

/** `text` cut where the font changes (one run, not emoji, for nearly every text). */
export function fontRuns(text: string): FontRun[] {
  if (!usesEmojiFont(text)) return [{ text, emoji: false }];
  const runs: FontRun[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const emoji = isEmojiCluster(segment);
    const last = runs.at(-1);
    if (last && last.emoji === emoji) last.text += segment;
    else runs.push({ text: segment, emoji });
  }
  return runs;
}

type Inline = string | Record<string, unknown>;

/**
 * A text value with its emoji runs set in Noto Emoji, or null when it has none. Emoji runs break
 * only between emoji (`wordBreak: 'normal'`): pdfmake's break-all cuts a text into UTF-16 units,
 * which would split an emoji's surrogate pair.
 */
function splitText(text: string, style: Record<string, unknown> = {}): Inline[] | null {
  const runs = fontRuns(text);
  if (runs.length === 1 && !runs[0]!.emoji) return null;
  const plain = Object.keys(style).length === 0;
  return runs.map((r) => {
    if (r.emoji) return { ...style, text: r.text, font: EMOJI_FONT_FAMILY, wordBreak: 'normal' };
    return plain ? r.text : { ...style, text: r.text };
  });
}

/** pdfmake's `text`: a string, or inlines (strings and styled objects; nested styles are not inherited, so each run keeps its own). */
function inlines(value: unknown): unknown {
  if (typeof value === 'string') return splitText(value) ?? value;
  if (!Array.isArray(value)) return value;
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return splitText(item) ?? [item];
    if (item && typeof item === 'object') {
      const { text, ...style } = item as Record<string, unknown>;
      if (typeof text === 'string') return splitText(text, style) ?? [item];
      return [{ ...style, text: inlines(text) }];
    }
    return [item];
  });
}

/** One node of content, its emoji runs in the emoji font: what pdfmake prints as text is visited, nothing else. */
function content(node: unknown): unknown {
  if (typeof node === 'string') {
    const runs = splitText(node);
    return runs ? { text: runs } : node;
  }
  if (Array.isArray(node)) return node.map(content);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if ('text' in o) o.text = inlines(o.text);
  for (const key of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(o[key])) o[key] = (o[key] as unknown[]).map(content);
  const table = o.table as { body?: unknown[][] } | undefined;
  if (table?.body) table.body = table.body.map((row) => row.map(content));
  if (o.section) o.section = content(o.section);
  return o;
}

type Dynamic = (...args: unknown[]) => unknown;
const dynamic = (part: unknown) => (typeof part === 'function' ? (...args: unknown[]) => content((part as Dynamic)(...args)) : content(part));

/**
 * Set every emoji of the document in Noto Emoji: content, header and footer. Changes `doc` in
 * place — the renderer's own copy (render.ts), so the caller's definition stays as it was.
 */
export function setEmojiInEmojiFont(doc: TDocumentDefinitions): void {
  const d = doc as unknown as Record<string, unknown>;
  d.content = content(d.content);
  for (const key of ['header', 'footer', 'background']) if (d[key]) d[key] = dynamic(d[key]);
}
