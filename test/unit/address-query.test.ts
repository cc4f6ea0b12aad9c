import { describe, expect, it } from 'vitest';
import { ADDRESS_KEY, addressQueryKey, parseAddressQuery } from '../../src-main/domain/address-query';

const { open: O, join: J, close: C } = ADDRESS_KEY;

describe('parseAddressQuery: the address forms the desk types', () => {
  it.each([
    ['12-3-1602', { building: '12', unit: '3', room: '1602', separatorsOnly: true }],
    ['12#3-1602', { building: '12', unit: '3', room: '1602', separatorsOnly: true }],
    ['12#3#1602', { building: '12', unit: '3', room: '1602', separatorsOnly: true }],
    ['12栋3单元1602', { building: '12', unit: '3', room: '1602', separatorsOnly: false }],
    ['12幢3单元1602室', { building: '12', unit: '3', room: '1602', separatorsOnly: false }],
    ['12号楼3-1602', { building: '12', unit: '3', room: '1602', separatorsOnly: false }],
    ['A座3单元1602', { building: 'a', unit: '3', room: '1602', separatorsOnly: false }],
    ['b2-1-0301', { building: 'b2', unit: '1', room: '301', separatorsOnly: true }],
    ['１２－３－１６０２', { building: '12', unit: '3', room: '1602', separatorsOnly: true }],
    ['12栋1602', { building: '12', room: '1602', separatorsOnly: false }],
    ['12#1602', { building: '12', room: '1602', separatorsOnly: true }],
    ['12-1602', { building: '12', room: '1602', separatorsOnly: true }],
    ['12号楼1602室', { building: '12', room: '1602', separatorsOnly: false }],
    ['12栋3单元', { building: '12', unit: '3', separatorsOnly: false }],
    ['12-3单元', { building: '12', unit: '3', separatorsOnly: false }],
    ['3单元1602', { unit: '3', room: '1602', separatorsOnly: false }],
  ])('reads %s', (typed, expected) => {
    expect(parseAddressQuery(typed)).toEqual(expected);
  });

  it.each([
    ['one part alone', '12栋'],
    ['a room alone', '1602'],
    ['a unit alone', '3单元'],
    ['two short numbers (building and unit, or a date?)', '12-3'],
    ['a date', '2026-11-02'],
    ['a complaint number', 'YGHA-20261102-001'],
    ['the tail of a complaint number', '20261102-001'],
    ['a mobile number', '13800138000'],
    ['a name', '杨明兰'],
    ['words around an address', '12栋3单元1602漏水'],
  ])('leaves %s as plain text: %s', (_label, typed) => {
    expect(parseAddressQuery(typed)).toBeUndefined();
  });
});

describe('addressQueryKey: the piece of the address keys ⟨b·u·r⟩⟨b·r⟩ a query must find', () => {
  it('names every part it was given, bounded where the query is', () => {
    expect(addressQueryKey(parseAddressQuery('12-3-1602')!)).toBe(`${O}12${J}3${J}1602${C}`);
    expect(addressQueryKey(parseAddressQuery('12栋1602')!)).toBe(`${O}12${J}1602${C}`);
    expect(addressQueryKey(parseAddressQuery('12栋3单元')!)).toBe(`${O}12${J}3${J}`);
    expect(addressQueryKey(parseAddressQuery('3单元1602')!)).toBe(`${J}3${J}1602${C}`);
  });

  it('keeps building 2 apart from building 12 (the key opens before the building)', () => {
    const keysOf12 = `${O}12${J}3${J}1602${C}${O}12${J}1602${C}`;
    expect(keysOf12).toContain(addressQueryKey(parseAddressQuery('12-1602')!));
    expect(keysOf12).not.toContain(addressQueryKey(parseAddressQuery('2-1602')!));
    expect(keysOf12).not.toContain(addressQueryKey(parseAddressQuery('2-3-1602')!));
    expect(keysOf12).not.toContain(addressQueryKey(parseAddressQuery('12-3-602')!));
  });
});
