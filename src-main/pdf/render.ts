import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
// Default import: `import * as` throws "Cannot redefine property: fonts" (shared/TOOLCHAIN.md).
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { log } from '../lib/log';
import { blankComplaintRecordDoc, blankHandlingRecordDoc, blankRegisterDoc } from './blank-forms';
import { documentText } from './doc-text';
import { speedUpPdfEngine } from './engine-speedups';
import { EMOJI_FONT_FAMILY, setEmojiInEmojiFont, usesEmojiFont } from './font-runs';
import { loadFonts, missingGlyphs } from './fonts';
import type { FormHeader } from './layout';

/** The family every document uses; renderPdf makes it the default font (emoji go to Noto Emoji, font-runs.ts). */
export const FONT_FAMILY = 'NotoSansSC';

/** pdfmake keeps files in an in-memory store it checks before the disk (not in its typings). */
interface PdfmakeInternals {
  virtualfs?: { writeFileSync(name: string, content: Buffer): void };
}

let ready = false;

/** Register the fonts once: bytes into pdfmake's memory store, nothing else readable or fetchable. */
function setUpPdfmake(): void {
  if (ready) return;
  speedUpPdfEngine();
  const fonts = loadFonts();
  const vfs = (pdfmake as unknown as PdfmakeInternals).virtualfs;
  if (!vfs) throw new Error('pdfmake has no virtualfs: check the pinned pdfmake version (0.3.11)');
  // Stored under their real paths, so pdfkit gets the cached bytes and never rereads 20 MB per render.
  vfs.writeFileSync(fonts.regular.path, fonts.regular.bytes);
  vfs.writeFileSync(fonts.bold.path, fonts.bold.bytes);
  vfs.writeFileSync(fonts.emoji.path, fonts.emoji.bytes);
  const emoji = fonts.emoji.path;
  pdfmake.setFonts({
    [FONT_FAMILY]: { normal: fonts.regular.path, bold: fonts.bold.path, italics: fonts.regular.path, bolditalics: fonts.bold.path },
    [EMOJI_FONT_FAMILY]: { normal: emoji, bold: emoji, italics: emoji, bolditalics: emoji },
  });
  const allowed = new Set([fonts.regular.path, fonts.bold.path, emoji]);
  // Documents are built from data only: no image paths, no URLs (the app is offline).
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmake.setUrlAccessPolicy(() => false);
  ready = true;
}

export interface RenderedPdf {
  bytes: Buffer;
  /** Characters the font lacks: they print as blanks, so the caller must tell the user. */
  missing: string[];
}

/** A copy of plain objects and arrays (functions and byte buffers shared): pdfmake writes into what it lays out. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)])) as T;
  }
  return value;
}

/**
 * Render with the bundled Noto Sans SC, emoji in Noto Emoji. Characters neither font has are
 * returned (and logged), never silently lost; the caller's document is left as it was, so it can
 * be rendered again.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<RenderedPdf> {
  setUpPdfmake();
  const text = documentText(doc);
  const missing = missingGlyphs(text);
  if (missing.length > 0) log.warn(`PDF: the font has no glyph for ${missing.join(' ')} (${missing.map(codePoint).join(', ')})`);
  const own = copy(doc);
  if (usesEmojiFont(text)) setEmojiInEmojiFont(own);
  const bytes = await pdfmake.createPdf({ ...own, defaultStyle: { font: FONT_FAMILY, ...own.defaultStyle } }).getBuffer();
  return { bytes, missing };
}

/** The header the warm-up forms are drawn with (never saved or shown). */
const WARM_UP_FORM: FormHeader = { officeName: '服务中心', formCode: 'WY-KF-JL-000', formVersion: 'A/0', printVersion: '', qr: '' };
/** Give the event loop a turn between the warm-up's steps (each is synchronous work). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let warming: Promise<void> | undefined;

/**
 * Get the first PDF ready before anyone asks (main calls this once the window shows): read and
 * parse the font, set pdfmake up, and render the blank forms and register, then throw them away —
 * so the engine's code is compiled, the font's tables decoded and the forms' characters laid out
 * (process-wide caches) when the desk prints for real. Each step is a few hundred milliseconds of
 * main-thread work at most, with a turn of the event loop between them. Never rejects: a failure
 * is logged here and shows again, to the caller, on the real render.
 */
export function warmUpPdf(): Promise<void> {
  warming ??= (async () => {
    try {
      await nextTurn();
      setUpPdfmake();
      missingGlyphs('');
      for (const doc of [blankHandlingRecordDoc, blankComplaintRecordDoc, blankRegisterDoc]) {
        await nextTurn();
        await renderPdf(doc(WARM_UP_FORM));
      }
    } catch (error) {
      log.warn(`PDF warm-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  return warming;
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`;

/** Write next to the target, flush to disk, then rename: a crash leaves the old file or the new one, never half. */
export function writePdfAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
