/**
 * Poppler checks for rendered PDFs, the way a printer would see them: the text is there, fonts are
 * embedded subsets, the page is A4 and nothing is drawn within 10 mm of the paper's edge.
 * Shared by the PDF render tests; each test file keeps its files in its own temp folder.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf, writePdfAtomically } from '../../src-main/pdf/render';

/** Fail (never skip) without poppler: these checks are the point of the tests using them. */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`${tool} not found: poppler-utils is required for the PDF tests. Install it with: apt-get install -y poppler-utils`, { cause: error });
      }
    }
  }
}

/** Render with the app's renderer and write `<dir>/<name>.pdf`. */
export async function renderTo(dir: string, name: string, doc: TDocumentDefinitions) {
  const { bytes, missing } = await renderPdf(doc);
  const path = join(dir, `${name}.pdf`);
  writePdfAtomically(path, bytes);
  return { path, missing };
}

export const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
export const squeeze = (s: string) => s.replace(/\s+/g, '');
/**
 * How pdftotext orders text: `layout` as the page reads (cells wrap and columns interleave, so a
 * wrapped value is cut apart), `raw` in drawing order (pdfmake draws cell by cell, so a cell's
 * wrapped lines stay together — what narrow grid columns need).
 */
export type TextMode = 'layout' | 'raw';
/** pdftotext with all white space removed: characters stay, line breaks and spacing go. */
export const squeezed = (path: string, mode: TextMode = 'layout') => squeeze(run('pdftotext', [`-${mode}`, path, '-']));

export function expectAllText(path: string, values: string[], mode: TextMode = 'layout'): void {
  const text = squeezed(path, mode);
  const absent = values.filter((v) => !text.includes(squeeze(v)));
  expect(absent, `missing from ${path}`).toEqual([]);
}

/** pdffonts: every font embedded and subset, and only our Noto Sans SC (and Noto Emoji for emoji). */
export function expectEmbeddedSubsetFonts(path: string): void {
  const rows = run('pdffonts', [path]).trim().split('\n').slice(2);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const cols = row.trim().split(/\s+/);
    // name, type (two words), encoding, emb, sub, uni, object ID, generation: count from the end.
    const [emb, sub] = cols.slice(-5, -3);
    expect(cols[0]).toMatch(/^[A-Z]{6}\+(NotoSansSC-(Regular|Bold)|NotoEmoji-Regular)$/);
    expect({ font: cols[0], emb, sub }).toEqual({ font: cols[0], emb: 'yes', sub: 'yes' });
  }
  expect(rows.join('\n')).not.toMatch(/Helvetica|Roboto|Times|Courier/);
}

export function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const info = run('pdfinfo', [path]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** A4 in the given orientation (595.28 x 841.89 pt portrait); returns the page count. */
export function expectA4(path: string, orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const { pages, width, height } = pdfInfo(path);
  const [w, h] = orientation === 'portrait' ? [595.28, 841.89] : [841.89, 595.28];
  expect(Math.abs(width - w), `${path} width`).toBeLessThan(1);
  expect(Math.abs(height - h), `${path} height`).toBeLessThan(1);
  return pages;
}

/** A binary PGM (P5): width, height and one grey byte a pixel. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const bytes = readFileSync(file);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++;
    if (bytes[i] === 0x23) while (bytes[i] !== 0x0a) i++; // comment line
    else {
      let token = '';
      while (!/\s/.test(String.fromCharCode(bytes[i]!))) token += String.fromCharCode(bytes[i++]!);
      fields.push(token);
    }
  }
  expect(fields[0]).toBe('P5');
  const [width, height, max] = fields.slice(1).map(Number) as [number, number, number];
  expect(max).toBe(255);
  return { width, height, pixels: bytes.subarray(i + 1, i + 1 + width * height) };
}

/** Dark pixels within 10 mm of the paper's edge, on any page, at 50 dpi (page images go to `dir`). */
export function darkPixelsNearEdge(dir: string, path: string, name: string): string[] {
  const prefix = join(dir, `${name}-page`);
  run('pdftoppm', ['-r', '50', '-gray', path, prefix]);
  const pages = readdirSync(dir).filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.pgm')).sort();
  expect(pages.length).toBe(pdfInfo(path).pages);
  const band = Math.floor((10 / 25.4) * 50); // 10 mm in pixels at 50 dpi
  const found: string[] = [];
  for (const page of pages) {
    const { width, height, pixels } = readPgm(join(dir, page));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inBand = x < band || y < band || x >= width - band || y >= height - band;
        if (inBand && pixels[y * width + x]! < 160) found.push(`${page} (${x},${y})`);
      }
    }
  }
  return found;
}

/** Embedded subset fonts, and nothing drawn near the paper's edge. */
export function expectPrintable(dir: string, path: string, name: string): void {
  expectEmbeddedSubsetFonts(path);
  expect(darkPixelsNearEdge(dir, path, name)).toEqual([]);
}
