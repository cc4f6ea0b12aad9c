import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, phoneComplaint, setUpOffice, type OfficeIds, type TestApp } from '../helpers/app';

let app: TestApp;
let ids: OfficeIds;
beforeEach(() => {
  app = openTestApp();
  ids = setUpOffice(app);
});
afterEach(() => app.close());

const numbersFound = (text: string) => app.ok('complaints:list', { text }).items.map((r) => r.number).sort();

describe('search indexes follow every edit', () => {
  it('finds a 2-character word (bigram index) and a longer phrase (trigram index) after an edit, and no longer the old text', () => {
    const c = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '王芳', description: '楼道灯坏了' }));
    expect(numbersFound('灯坏')).toEqual([c.number]);
    expect(numbersFound('楼道灯坏')).toEqual([c.number]);
    expect(numbersFound('漏水')).toEqual([]);

    app.ok('complaints:update', { id: c.id, version: c.version, actorId: ids.receiverId, patch: { description: '阳台漏水', complainantName: '王芳芳' } });
    expect(numbersFound('漏水')).toEqual([c.number]);
    expect(numbersFound('阳台漏水')).toEqual([c.number]);
    expect(numbersFound('灯坏')).toEqual([]);
    expect(numbersFound('芳芳')).toEqual([c.number]);
  });

  it('answers 1-character and punctuated searches by scanning, with the same results', () => {
    const a = app.ok('complaints:create', phoneComplaint(ids, { complainantName: '李娜', description: '噪音扰民' }));
    app.ok('complaints:create', phoneComplaint(ids, { complainantName: '赵磊', description: '停车位被占' }));
    expect(numbersFound('娜')).toEqual([a.number]);
    expect(numbersFound('扰')).toEqual([a.number]);
    expect(numbersFound('%')).toEqual([]);
  });

  it('is case-blind for Latin letters in 2-character searches, as in longer ones', () => {
    const c = app.ok('complaints:create', phoneComplaint(ids, { description: 'B2层车库照明坏了' }));
    expect(numbersFound('b2')).toEqual([c.number]);
    expect(numbersFound('B2层')).toEqual([c.number]);
  });
});

describe('phone numbers as reception types them (issue 13 point 17)', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0755 1234567', '0755-1234567'],
    ['(0755)1234567', '0755-1234567'],
    ['+86 755 1234567', '0755-1234567'],
  ])('intake takes %s, stores %s, and search finds it by any way of typing it', (typed, stored) => {
    const c = app.ok('complaints:create', phoneComplaint(ids, { phone: typed }));
    app.ok('complaints:create', phoneComplaint(ids, { phone: '13912345678' }));
    expect(c.phone).toBe(stored);
    expect(app.ok('complaints:get', { id: c.id }).complaint.phone).toBe(stored);
    const variants = stored.startsWith('1')
      ? ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000', '+8613800138000']
      : ['0755-1234567', '0755 1234567', '07551234567', '(0755)1234567', '+86 755 1234567'];
    for (const text of variants) expect(numbersFound(text), text).toEqual([c.number]);
  });

  it('an edit stores the normalised number too, and search follows it', () => {
    const c = app.ok('complaints:create', phoneComplaint(ids, { phone: '13800138000' }));
    app.ok('complaints:update', { id: c.id, version: c.version, actorId: ids.receiverId, patch: { phone: '+86 139-0000-1111' } });
    expect(app.ok('complaints:get', { id: c.id }).complaint.phone).toBe('13900001111');
    expect(numbersFound('139 0000 1111')).toEqual([c.number]);
    expect(numbersFound('138 0013 8000')).toEqual([]);
  });

  it('refuses what is no phone number, in Chinese, naming the field, and saves nothing', () => {
    const before = app.ok('complaints:list', {}).total;
    const result = app.call('complaints:create', phoneComplaint(ids, { phone: '138 0013 800' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'phone' } });
    if (!result.ok) expect(result.error.message).toMatch(/^联系电话/);
    expect(app.ok('complaints:list', {}).total).toBe(before);
  });
});

describe('address searches follow every edit (issue 13 point 17)', () => {
  it('finds the new address by any form and 2-character pieces across its parts, and no longer the old one', () => {
    const c = app.ok('complaints:create', phoneComplaint(ids, { building: '3栋', unit: '2单元', room: '1602' }));
    expect(numbersFound('3-2-1602')).toEqual([c.number]);
    expect(numbersFound('栋2')).toEqual([c.number]);

    app.ok('complaints:update', { id: c.id, version: c.version, actorId: ids.receiverId, patch: { building: '12栋', unit: '3单元' } });
    for (const text of ['12-3-1602', '12栋1602', '12栋3单元1602', '12#3-1602', '栋3', '元1', '张伟 1602']) expect(numbersFound(text), text).toEqual([c.number]);
    for (const text of ['3-2-1602', '3栋1602', '栋2']) expect(numbersFound(text), text).toEqual([]);
  });
});
