import { describe, expect, it } from 'vitest';
import { phoneSchema } from '../../src-preload/contract/common.schema';
import { normalisePhone } from '../../src-preload/contract/phone';

describe('normalisePhone: one stored form however the number was typed', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['0755-1234567', '0755-1234567'],
    ['0755 1234567', '0755-1234567'],
    ['(0755)1234567', '0755-1234567'],
    ['（0755）1234567', '0755-1234567'],
    ['07551234567', '0755-1234567'],
    ['0755-1234-5678', '0755-12345678'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['02112345678', '021-12345678'],
    ['+86 755 1234567', '0755-1234567'],
    ['+86 10 12345678', '010-12345678'],
    ['0755-1234567-801', '0755-1234567-801'],
    ['0755-1234567转801', '0755-1234567-801'],
    ['0755 1234567 ext 801', '0755-1234567-801'],
    ['057188886666-12', '0571-88886666-12'],
    ['88886666', '88886666'],
    ['8888 6666', '88886666'],
    ['', ''],
    ['  ', ''],
  ])('%s → %s', (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
    // A fixed point: the stored form normalises to itself (the form and main both apply it).
    expect(normalisePhone(stored)).toBe(stored);
  });

  it.each(['1380013800', '138001380001', '+1 555 1234567', '138 0013 8000 转 1', '13800138000a', '电话13800138000', '12345', '0755-123'])('refuses %s', (typed) => {
    expect(normalisePhone(typed)).toBeUndefined();
  });

  it('accepts everything the intake accepted before (older records and other offices’ exports pass the same schema)', () => {
    const before = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;
    const samples = ['13812345678', '0571-88886666', '057188886666', '075-1234567', '0751234567', '0571-88886666-123456', '057188886666-1', '1234567', '12345678', '010-1234567', '0101234567'];
    for (const old of samples) {
      expect(before.test(old), old).toBe(true);
      expect(normalisePhone(old), old).toBeDefined();
    }
  });
});

describe('phoneSchema (intake 联系电话)', () => {
  it('hands main and the form the normalised number', () => {
    expect(phoneSchema.parse(' +86 138-0013-8000 ')).toBe('13800138000');
    expect(phoneSchema.parse('0755 1234567')).toBe('0755-1234567');
  });

  it('refuses what is no number, in Chinese, naming the field', () => {
    const result = phoneSchema.safeParse('138001');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^联系电话格式不正确/);
  });
});
