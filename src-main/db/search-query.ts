/**
 * What the register's search box means (issue 13 point 17): the text is cut at spaces into terms
 * that must all match (`杨明兰 1602`), and each term is read as the desk means it:
 * - a phone number, however typed (`138 0013 8000`, `138-0013-8000`, `+86 13800138000`,
 *   `0755-1234567`), is looked for by its digits (a number typed with spaces is one term);
 * - an address (`12-3-1602`, `12栋1602`, `12栋3单元1602`, `12#3-1602`; address-query.ts) is looked
 *   for by the complaint's address key, so the building is 12 and not 112;
 * - anything else is looked for as typed, as a substring.
 * Each term says which index answers it (trigram for 3+ characters, bigram for 2 letters or
 * digits, none for 1 character or punctuation) and how a scan finds it (for complaints an import
 * left on the search backlog, and for terms no index can answer).
 */
import { addressQueryKey, parseAddressQuery } from '../domain/address-query';
import { isDiallablePhone, normalisePhone } from '../../src-preload/contract/phone';
import { addressKeysSql, isBigramQuery, phoneDigitsSql } from './search-text';

export type SearchIndex = 'complaints_fts' | 'complaints_bigrams';

export interface SearchTerm {
  /** The index that answers the term, with its MATCH expression; none: only the scan finds it. */
  index?: SearchIndex;
  match: string;
  /** The scan's condition on complaint `c` (LIKE, `\` escapes) and its parameters. */
  scan: string;
  scanParams: string[];
}

/** Escape LIKE wildcards so a user's `%` or `_` is searched for literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** FTS5 phrase: the text as one quoted string, taken literally. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The columns a scan reads for a plain term: the indexes' text, with the address as one piece ('3栋2单元'). */
const LIKE_COLUMNS = ['c.number', 'c.complainant_name', 'c.building || c.unit || c.room', 'c.phone', 'c.description', 'c.owner_words', 'c.request'];
const LIKE_TERM = `(${LIKE_COLUMNS.map((col) => `${col} LIKE ? ESCAPE '\\'`).join(' OR ')})`;

/** A term searched as typed: the text's substring anywhere in the searched columns. */
function plainTerm(text: string): SearchTerm {
  const scan = { scan: LIKE_TERM, scanParams: LIKE_COLUMNS.map(() => likePattern(text)) };
  if ([...text].length >= 3) return { index: 'complaints_fts', match: ftsPhrase(text), ...scan };
  if (isBigramQuery(text)) return { index: 'complaints_bigrams', match: ftsPhrase(text.toLowerCase()), ...scan };
  return { match: '', ...scan };
}

/** A phone number, by its digits: the stored phone's digits, or the same digits anywhere in the text. */
function phoneTerm(digits: string): SearchTerm {
  const plain = plainTerm(digits);
  return { ...plain, scan: `(${plain.scan} OR ${phoneDigitsSql('c')} LIKE ? ESCAPE '\\')`, scanParams: [...plain.scanParams, likePattern(digits)] };
}

/** An address, by the complaint's address key; typed with dashes only, also as typed. */
function addressTerm(typed: string, key: string, alsoAsTyped: boolean): SearchTerm {
  const scan = `${addressKeysSql('c')} LIKE ? ESCAPE '\\'`;
  if (!alsoAsTyped) return { index: 'complaints_fts', match: ftsPhrase(key), scan, scanParams: [likePattern(key)] };
  const plain = plainTerm(typed);
  return {
    index: 'complaints_fts',
    match: `(${ftsPhrase(key)} OR ${ftsPhrase(typed)})`,
    scan: `(${scan} OR ${plain.scan})`,
    scanParams: [likePattern(key), ...plain.scanParams],
  };
}

/** The digits of a number someone could be rung on (mobile, or landline with area code), if `text` is one. */
function phoneDigits(text: string): string | undefined {
  const stored = normalisePhone(text);
  return stored && isDiallablePhone(stored) ? stored.replaceAll('-', '') : undefined;
}

/** How many space-separated pieces one phone number may be typed in (`+86 138 0013 8000`). */
const MAX_PHONE_PIECES = 5;
const PHONE_PIECE = /^[+\d()\-.（）]+$/u;

/** The terms of a search text, in order; none for an empty text. */
export function searchTerms(text: string | undefined): SearchTerm[] {
  const pieces = text?.trim().split(/\s+/u).filter(Boolean) ?? [];
  const terms: SearchTerm[] = [];
  for (let i = 0; i < pieces.length; ) {
    // A phone number typed in groups: the longest run of pieces that reads as one.
    let taken = 0;
    for (let n = Math.min(MAX_PHONE_PIECES, pieces.length - i); n >= 1 && taken === 0; n--) {
      const run = pieces.slice(i, i + n);
      const digits = run.every((p) => PHONE_PIECE.test(p)) ? phoneDigits(run.join(' ')) : undefined;
      if (digits !== undefined) {
        terms.push(phoneTerm(digits));
        taken = n;
      }
    }
    if (taken > 0) {
      i += taken;
      continue;
    }
    const piece = pieces[i]!;
    const address = parseAddressQuery(piece);
    terms.push(address ? addressTerm(piece, addressQueryKey(address), address.separatorsOnly) : plainTerm(piece));
    i += 1;
  }
  return terms;
}
