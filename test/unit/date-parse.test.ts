import { describe, expect, it } from 'vitest';
import { parseTypedDate, parseTypedDateTime } from '../../src-renderer/src/lib/date-parse';

describe('a typed date (issue 13 point 18)', () => {
  it.each([
    ['20261221', '2026-12-21'],
    ['2026-12-21', '2026-12-21'],
    ['2026/12/21', '2026-12-21'],
    ['2026.12.21', '2026-12-21'],
    ['2026-1-5', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026年12月21日', '2026-12-21'],
    [' 2026-12-21 ', '2026-12-21'],
    ['２０２６１２２１', '2026-12-21'], // full-width digits from an IME
    ['2028-02-29', '2028-02-29'], // a leap day
  ])('%s reads as %s', (typed, expected) => {
    expect(parseTypedDate(typed)).toBe(expected);
  });

  it.each([
    '20261341', // month 13
    '20261232', // day 32
    '2026-02-30',
    '2027-02-29', // not a leap year
    '2026122', // still being typed
    '202612211', // one digit too many
    '61221-02-02',
    '2026-12/21', // mixed separators
    '12/21/2026', // the US order an English OS picker shows
    '2026-12-21 10:30', // a time where only a date belongs
    '',
    'abc',
  ])('%s is refused', (typed) => {
    expect(parseTypedDate(typed)).toBeNull();
  });
});

describe('a typed date and time', () => {
  it.each([
    ['202612211030', '2026-12-21 10:30'],
    ['20261221 1030', '2026-12-21 10:30'],
    ['20261221 10:30', '2026-12-21 10:30'],
    ['2026-12-21 10:30', '2026-12-21 10:30'],
    ['2026/12/21 10:30', '2026-12-21 10:30'],
    ['2026-12-21T10:30', '2026-12-21 10:30'],
    ['2026-12-21 9:05', '2026-12-21 09:05'],
    ['2026/1/5 0930', '2026-01-05 09:30'],
    ['2026年12月21日 10:30', '2026-12-21 10:30'],
    ['2026-12-21 10：30', '2026-12-21 10:30'], // full-width colon
    ['202611020930', '2026-11-02 09:30'],
  ])('%s reads as %s', (typed, expected) => {
    expect(parseTypedDateTime(typed)).toBe(expected);
  });

  it.each([
    '20261341 1030', // month 13
    '2026-02-30 10:30',
    '2026-12-21 24:00',
    '2026-12-21 10:60',
    '20261221', // the time is missing
    '2026-12-21',
    '2026-11-02 09:1', // still being typed
    '20261102093', // still being typed
    '2026110209300', // one digit too many
    '2026-12-21 10:30:15', // seconds are not written on the forms
  ])('%s is refused', (typed) => {
    expect(parseTypedDateTime(typed)).toBeNull();
  });
});
