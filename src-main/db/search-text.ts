/**
 * Two-character search pieces for the bigram index (migration 0030). Trigram FTS cannot find
 * substrings shorter than 3 characters, and 2-character names and words (张伟, 漏水) are what the
 * desk searches most; a LIKE scan over 100k rows took 150–250 ms. Each run of letters and digits
 * becomes its overlapping pairs: "3栋2单元" → "3栋 栋2 2单 单元".
 */
export function searchBigrams(texts: readonly string[]): string {
  const pieces = new Set<string>();
  for (const text of texts) {
    for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) pieces.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...pieces].join(' ');
}

/** True when a 2-character query can be answered by the bigram index (letters and digits only). */
export const isBigramQuery = (text: string) => [...text].length === 2 && /^[\p{L}\p{N}]{2}$/u.test(text);

/** The columns searched, in the order both indexes use. */
export const SEARCH_COLUMNS = ['number', 'complainant_name', 'building', 'unit', 'room', 'phone', 'description', 'owner_words', 'request'] as const;
