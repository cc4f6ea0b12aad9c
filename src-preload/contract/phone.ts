/**
 * Phone numbers as reception types them, reduced to one stored form (issue 13 point 17), so that
 * the register, the repeat-complaint count and search see one number however it was typed:
 *
 * | typed                                                        | stored              |
 * |--------------------------------------------------------------|---------------------|
 * | 13800138000, 138 0013 8000, 138-0013-8000, +86 138…, 0086…   | `13800138000`       |
 * | 0755-1234567, 0755 1234567, (0755)1234567, 07551234567       | `0755-1234567`      |
 * | +86 755 1234567, +86 10 12345678                             | `0755-1234567`, `010-12345678` |
 * | 0755-1234567-801, 0755-1234567转801, 0755 1234567 ext 801    | `0755-1234567-801`  |
 * | 88886666, 8888 6666 (a local number, no area code)           | `88886666`          |
 *
 * Mobiles are digits only (11, from 1), the form every carrier and SMS gateway takes. Landlines keep
 * one dash after the area code (the way they are printed and read aloud, and the only way to tell
 * where the area code ends once the digits run together), and one more before an extension. The
 * area code is the one the caller's grouping shows (`0755 1234567`); typed without a break it is
 * read from its digits: 010 and 02x are 3 digits long, every other code 4. Spaces, dashes, dots and
 * brackets (full-width too) are dropped; any other character makes the number invalid.
 *
 * Everything the intake accepted before (`1\d{10}`, `0\d{2,3}-?\d{7,8}(-\d{1,6})?`, `\d{7,8}`) is
 * still accepted, so older records and other offices' exports pass the same schema. The result is
 * a fixed point: normalising a stored number gives it back unchanged.
 */

/** The stored form of `typed`; '' for nothing typed; undefined when it is no phone number. */
export function normalisePhone(typed: string): string | undefined {
  // Already in a stored form (every saved number, every row an import checks): nothing to do.
  if (STORED.test(typed)) return typed;
  const text = typed.normalize('NFKC').trim();
  if (text === '') return '';
  const [main, extension, ...more] = text.split(/\s*(?:转|分机|ext\.?|x)\s*/i);
  if (more.length > 0 || main === undefined) return undefined;
  if (extension !== undefined && !/^\d{1,6}$/.test(extension)) return undefined;
  if (!/^\+?[\d\s\-.()–—]+$/.test(main)) return undefined;

  let groups = main.split(/[\s\-.()–—]+/).filter(Boolean);
  let international = false;
  // Country code: +86 or 0086 always; a bare 86 only where a mobile follows (8613800138000).
  if (groups[0]?.startsWith('+')) {
    if (!groups[0].startsWith('+86')) return undefined;
    groups = dropPrefix(groups, 3);
    international = true;
  } else if (groups[0]?.startsWith('0086')) {
    groups = dropPrefix(groups, 4);
    international = true;
  } else if (/^861\d{10}$/.test(groups.join(''))) {
    groups = dropPrefix(groups, 2);
  }
  const digits = groups.join('');
  if (/^1\d{10}$/.test(digits)) return extension === undefined ? digits : undefined;
  // Dialled from abroad, an area code loses its leading 0 (+86 755 1234567).
  if (international && groups[0] !== undefined && !groups[0].startsWith('0')) groups = ['0' + groups[0], ...groups.slice(1)];
  if (groups[0]?.startsWith('0')) {
    const landline = landlineOf(groups);
    if (landline === undefined) return undefined;
    if (extension === undefined) return landline;
    return landline.split('-').length === 2 ? `${landline}-${extension}` : undefined;
  }
  if (LOCAL.test(digits) && !international && extension === undefined) return digits;
  return undefined;
}

/** True for a number a caller could be reached on from anywhere: a mobile, or a landline with its area code. */
export function isDiallablePhone(stored: string): boolean {
  return /^(1\d{10}|0\d{2,3}-\d{7,8}(-\d{1,6})?)$/.test(stored);
}

/** `groups` without the first `length` characters of the first group (the country code). */
function dropPrefix(groups: string[], length: number): string[] {
  const first = groups[0]!.slice(length);
  return first === '' ? groups.slice(1) : [first, ...groups.slice(1)];
}

const LOCAL = /^\d{7,8}$/;
/** The stored forms (each normalises to itself; phone.test.ts checks it). */
const STORED = /^(1\d{10}|0\d{2,3}-\d{7,8}(-\d{1,6})?|\d{7,8}|)$/;

/** `AREA-LOCAL` or `AREA-LOCAL-EXTENSION` from digit groups whose first starts with 0. */
function landlineOf(groups: string[]): string | undefined {
  const [first, ...rest] = groups;
  // The caller's own grouping: an area code, then the local number, then perhaps an extension.
  if (first !== undefined && /^0\d{2,3}$/.test(first) && rest.length > 0) {
    const local = rest.join('');
    if (LOCAL.test(local)) return `${first}-${local}`;
    const extension = rest[rest.length - 1]!;
    const withoutExtension = rest.slice(0, -1).join('');
    if (rest.length > 1 && LOCAL.test(withoutExtension) && /^\d{1,6}$/.test(extension)) return `${first}-${withoutExtension}-${extension}`;
  }
  // Typed without a usable break: the area code's length from its digits (010, 02x: 3; others 4),
  // and a last group that does not belong to the number is its extension (057188886666-12).
  const whole = splitArea(groups.join(''));
  if (whole !== undefined || groups.length === 1) return whole;
  const extension = groups[groups.length - 1]!;
  const number = splitArea(groups.slice(0, -1).join(''));
  return number !== undefined && /^\d{1,6}$/.test(extension) ? `${number}-${extension}` : undefined;
}

/** `AREA-LOCAL` from the digits of a landline, the area code's length read from its first digits. */
function splitArea(digits: string): string | undefined {
  for (const areaLength of /^0[12]/.test(digits) ? [3, 4] : [4, 3]) {
    const local = digits.slice(areaLength);
    if (LOCAL.test(local)) return `${digits.slice(0, areaLength)}-${local}`;
  }
  return undefined;
}
