/**
 * One fresh process, one render: how long the desk waits for the first PDF after starting the app
 * (bench/pdf.ts runs this a few times). The form and complaint come from a JSON file.
 * Prints one JSON line: first_ms (the whole first renderPdf call) and font_load_ms (its part
 * spent reading the font files).
 */
import { readFileSync } from 'node:fs';
import type { ComplaintDetail } from '../src-preload/contract';
import type { FormHeader } from '../src-main/pdf/layout';
import { handlingRecordDoc } from '../src-main/pdf/handling-record.doc';
import { loadFonts } from '../src-main/pdf/fonts';
import { renderPdf } from '../src-main/pdf/render';

async function main(): Promise<void> {
  const { form, detail } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { form: FormHeader; detail: ComplaintDetail };
  const started = performance.now();
  loadFonts();
  const fontLoaded = performance.now();
  await renderPdf(handlingRecordDoc(form, detail));
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({ first_ms: done - started, font_load_ms: fontLoaded - started })}\n`);
}

void main();
