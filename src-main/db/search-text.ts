/**
 * Two-character search pieces for the bigram index (migration 0030). Trigram FTS cannot find
 * substrings shorter than 3 characters, and 2-character names and words (张伟, 漏水) are what the
 * desk searches most; a LIKE scan over 100k rows took 150–250 ms. Each run of letters and digits
 * becomes its overlapping pairs: "3栋2单元" → "3栋 栋2 2单 单元".
 */
export function searchBigrams(texts: readonly string[]): string {
  const pieces = new Set<string>();
  for (const text of texts) {
    let previous = '';
    for (const ch of text.toLowerCase()) {
      if (isLetterOrDigit(ch)) {
        if (previous) pieces.add(previous + ch);
        previous = ch;
      } else {
        previous = '';
      }
    }
  }
  return [...pieces].join(' ');
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per character of the Basic Multilingual Plane: 0 not yet seen, 1 letter or digit, 2 neither. */
const bmpClass = new Uint8Array(0x10000);

/** `ch` is one code point; its class is remembered (a Unicode-property test per character was most of the cost). */
function isLetterOrDigit(ch: string): boolean {
  if (ch.length > 1) return LETTER_OR_DIGIT.test(ch);
  const code = ch.charCodeAt(0);
  let known = bmpClass[code]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(ch) ? 1 : 2;
    bmpClass[code] = known;
  }
  return known === 1;
}

/** True when a 2-character query can be answered by the bigram index (letters and digits only). */
export const isBigramQuery = (text: string) => [...text].length === 2 && /^[\p{L}\p{N}]{2}$/u.test(text);

/** The columns searched, in the order both indexes use. */
export const SEARCH_COLUMNS = ['number', 'complainant_name', 'building', 'unit', 'room', 'phone', 'description', 'owner_words', 'request'] as const;
