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
