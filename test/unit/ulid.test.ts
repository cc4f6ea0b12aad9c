import { describe, expect, it } from 'vitest';
import { ulid } from '../../src-main/lib/ulid';
import { ULID_PATTERN } from '../../src-preload/contract';

describe('ulid', () => {
  it('is 26 Crockford characters and sorts in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => ulid(1_763_800_000_000));
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts a later time after an earlier one', () => {
    expect(ulid(1_763_800_000_001) > ulid(1_763_800_000_000)).toBe(true);
  });
});
