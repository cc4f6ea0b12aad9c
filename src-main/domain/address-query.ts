/**
 * An address as reception types it into the register's search (issue 13 point 17). A complaint keeps
 * its address in three fields as typed at intake (楼栋 `12栋`, 单元 `3单元`, 房号 `1602`); at the
 * desk the same flat is asked for as `12-3-1602`, `12#3-1602`, `12栋1602` or `12栋3单元1602`. Both
 * sides are reduced to one key: each part's own number or letter, in lower case, without the words
 * around it (栋, 单元, 室 …) and without leading zeros (`0301` is room 301).
 *
 * Forms accepted (B building: up to 3 digits with a letter before or after, or one letter; U unit:
 * 1–2 digits or one letter; R room: 3–5 digits, perhaps after a letter; full-width characters
 * are read as their half-width forms):
 *
 * | typed                                                     | means                         |
 * |-----------------------------------------------------------|-------------------------------|
 * | `12-3-1602`, `12#3-1602`, `12#3#1602`                     | building 12, unit 3, room 1602 |
 * | `12栋3单元1602`, `12幢3单元1602室`, `12号楼3-1602`, `A座3单元1602` | the same (A座: building a)  |
 * | `12栋1602`, `12#1602`, `12-1602`, `12号楼1602室`           | building 12, room 1602, any unit |
 * | `12栋3单元`, `12-3单元`                                    | building 12, unit 3, any room |
 * | `3单元1602`                                                | unit 3, room 1602, any building |
 *
 * Building markers: 栋 幢 座 号楼 #; unit marker: 单元; after a room: 室 号 房; between parts a
 * dash stands for any marker. Two dash-separated numbers are building and room (`12-1602`), as
 * the room has at least 3 digits; `12-3` is not an address (it stays plain text). Anything else
 * (one part alone: `12栋`, `1602`) is plain text too, searched as typed.
 */

/** The parts of an address a search names; absent parts match any value. */
export interface AddressQuery {
  building?: string;
  unit?: string;
  room?: string;
  /**
   * Typed with dashes or # only (`12-3-1602`): text like that can also be something else (a date
   * range, a number's tail), so it is searched as typed too.
   */
  separatorsOnly: boolean;
}

const B = '([a-z]?\\d{1,3}[a-z]?|[a-z])';
const U = '(\\d{1,2}|[a-z])';
const R = '([a-z]?\\d{3,5})';
const AFTER_BUILDING = '(号楼|栋|幢|座|#|-)';
const AFTER_UNIT = '(单元|#|-)';
const AFTER_ROOM = '(?:室|号|房)?';

const FORMS: { pattern: RegExp; parts: ('building' | 'unit' | 'room' | 'sep')[] }[] = [
  { pattern: new RegExp(`^${B}${AFTER_BUILDING}${U}${AFTER_UNIT}${R}${AFTER_ROOM}$`), parts: ['building', 'sep', 'unit', 'sep', 'room'] },
  { pattern: new RegExp(`^${B}${AFTER_BUILDING}${R}${AFTER_ROOM}$`), parts: ['building', 'sep', 'room'] },
  { pattern: new RegExp(`^${B}${AFTER_BUILDING}${U}(单元)$`), parts: ['building', 'sep', 'unit', 'sep'] },
  { pattern: new RegExp(`^${U}(单元)${R}${AFTER_ROOM}$`), parts: ['unit', 'sep', 'room'] },
];

/** A part of an address as the key holds it: lower case, no leading zeros. */
export const addressKeyPart = (part: string) => part.toLowerCase().replace(/^0+/, '');

/** The address one search term names, or undefined when it is not one of the forms above. */
export function parseAddressQuery(term: string): AddressQuery | undefined {
  const text = term.normalize('NFKC').trim().toLowerCase();
  for (const { pattern, parts } of FORMS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const query: AddressQuery = { separatorsOnly: true };
    parts.forEach((part, i) => {
      const value = match[i + 1]!;
      if (part === 'sep') {
        if (value !== '-' && value !== '#') query.separatorsOnly = false;
      } else {
        query[part] = addressKeyPart(value);
      }
    });
    return query;
  }
  return undefined;
}

/**
 * The delimiters of the address keys a complaint is indexed under, `⟨b·u·r⟩⟨b·r⟩` (the second for
 * searches that leave the unit out; built in SQL by search-text.ts): private-use characters, which
 * no one types, so that neither a typed search nor a complaint's own text can run into or across a key.
 */
export const ADDRESS_KEY = { open: '\uE000', join: '\uE001', close: '\uE002' } as const;

/** The piece of a complaint's address keys that an address query must find. */
export function addressQueryKey(q: AddressQuery): string {
  const { open, join, close } = ADDRESS_KEY;
  if (q.building !== undefined && q.unit !== undefined && q.room !== undefined) return `${open}${q.building}${join}${q.unit}${join}${q.room}${close}`;
  if (q.building !== undefined && q.room !== undefined) return `${open}${q.building}${join}${q.room}${close}`;
  if (q.building !== undefined && q.unit !== undefined) return `${open}${q.building}${join}${q.unit}${join}`;
  return `${join}${q.unit ?? ''}${join}${q.room ?? ''}${close}`;
}
