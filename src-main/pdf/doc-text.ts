import type { Content, DynamicContent, TDocumentDefinitions } from 'pdfmake/interfaces';

/** Keys under which a document definition holds printed text (styles, widths, margins… are skipped). */
const TEXT_KEYS = ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'body', 'title', 'section'];

function collect(node: unknown, out: string[]): void {
  if (typeof node === 'string') out.push(node);
  else if (typeof node === 'number') out.push(String(node));
  else if (Array.isArray(node)) for (const item of node) collect(item, out);
  else if (node && typeof node === 'object') {
    for (const key of TEXT_KEYS) if (key in node) collect((node as Record<string, unknown>)[key], out);
  }
}

/** The strings of one piece of content (a cell, a row…). */
export function textPieces(node: unknown): string[] {
  const out: string[] = [];
  collect(node, out);
  return out;
}

const A4 = { width: 595.28, height: 841.89, orientation: 'portrait' } as const;

/** Header/footer callbacks are asked for a first and a later page, as pdfmake would. */
function collectDynamic(part: DynamicContent | Content | undefined, out: string[]): void {
  if (typeof part !== 'function') return collect(part, out);
  collect(part(1, 2, A4), out);
  collect(part(2, 2, A4), out);
}

/** Every string the document prints (content, header, footer, watermark), one piece a line. */
export function documentText(doc: TDocumentDefinitions): string {
  const out: string[] = [];
  collect(doc.content, out);
  collectDynamic(doc.header, out);
  collectDynamic(doc.footer, out);
  collect(doc.watermark, out);
  return out.join('\n');
}

/** What may end a piece and would double the separator put after it (。， ；； ：，…), spaces included. */
const CLAUSE_END = /[\s。．.，,；;、：:]+$/u;
/** What may start a piece and would double the separator put before it. */
const CLAUSE_START = /^[\s。．.，,；;、：:]+/u;
/** A sentence ending that separates well enough by itself: nothing is added after it. */
const SENTENCE_END = /[！？!?]$/u;

/**
 * Pieces of text (user input among them) joined into one line with `separator` (，；、):
 * whatever the user typed at the end of a piece, its trailing 。，；、： and spaces give way to
 * the separator, and a piece ending in ！ or ？ is followed by the next one directly — so the
 * paper never shows `处理及时。，满意`. Empty pieces are left out; the last keeps its own ending.
 */
export function joinClauses(pieces: readonly (string | null | undefined)[], separator: string): string {
  const kept = pieces.map((p) => (p ?? '').replace(CLAUSE_START, '').trimEnd()).filter((p) => p.replace(CLAUSE_END, '') !== '');
  return kept.reduce((line, piece, i) => {
    if (i === 0) return piece;
    const head = line.replace(CLAUSE_END, '');
    return `${head}${SENTENCE_END.test(head) ? '' : separator}${piece}`;
  }, '');
}
