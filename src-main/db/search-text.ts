import { ADDRESS_KEY } from '../domain/address-query';

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

/** A searched column's text, by column name (a row read from the table, or a row about to be written). */
export type SearchValue = (column: (typeof SEARCH_COLUMNS)[number]) => string;

/**
 * The texts the bigram index cuts into pairs (since migration 0090): the address as one piece, as
 * the desk reads it, so that a pair may cross building, unit and room (`栋3`, `元1` in
 * `12栋3单元1602`); before, each column was cut alone and those pairs were missed.
 */
export const complaintBigrams = (value: SearchValue): string =>
  searchBigrams([
    value('number'),
    value('complainant_name'),
    value('building') + value('unit') + value('room'),
    value('phone'),
    value('description'),
    value('owner_words'),
    value('request'),
  ]);

/** Words removed from each address column before its key is made: what is written around the number. */
const ADDRESS_WORDS = {
  building: ['号楼', '栋', '幢', '座', '楼', '号', '#', '＃', ' '],
  unit: ['单元', ' '],
  room: ['室', '房', '号', ' '],
} as const;

/** SQL: an address column reduced to its key part (address-query.ts addressKeyPart): lower case, words and leading zeros gone. */
const addressPartSql = (row: string, column: keyof typeof ADDRESS_WORDS) =>
  `ltrim(${ADDRESS_WORDS[column].reduce((sql, word) => `replace(${sql}, '${word}', '')`, `lower(${row}.${column})`)}, '0')`;

/** SQL: a text of the address key's delimiters (private-use characters, written as code points). */
const markSql = (mark: string) => `char(${mark.codePointAt(0)})`;

/**
 * SQL: the address keys of complaint row `row`, `⟨b·u·r⟩⟨b·r⟩` (address-query.ts), which address
 * searches (`12-3-1602`, `12栋1602` …) look for.
 */
export function addressKeysSql(row: string): string {
  const [open, join, close] = [markSql(ADDRESS_KEY.open), markSql(ADDRESS_KEY.join), markSql(ADDRESS_KEY.close)];
  const [b, u, r] = [addressPartSql(row, 'building'), addressPartSql(row, 'unit'), addressPartSql(row, 'room')];
  return `${open} || ${b} || ${join} || ${u} || ${join} || ${r} || ${close} || ${open} || ${b} || ${join} || ${r} || ${close}`;
}

/** SQL: a stored phone's digits (a landline is stored `0755-1234567`; searches for a number use its digits). */
export const phoneDigitsSql = (row: string) => `replace(${row}.phone, '-', '')`;

/**
 * SQL: the trigram index's text of complaint row `row` (`new` in a trigger, an alias in a query),
 * since migration 0090: the searched columns as before (the address run together, as the desk
 * writes it), then the address keys and the phone's digits.
 */
export const searchTextSql = (row: string) =>
  `${row}.number || ' ' || ${row}.complainant_name || ' ' || ${row}.building || ${row}.unit || ${row}.room || ' ' || ` +
  `${row}.phone || ' ' || ${row}.description || ' ' || ${row}.owner_words || ' ' || ${row}.request || ' ' || ` +
  `${addressKeysSql(row)} || ' ' || ${phoneDigitsSql(row)}`;
