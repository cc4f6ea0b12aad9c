/**
 * Text as the forms print it: pieces joined without doubled punctuation whatever the user typed at
 * their end, and emoji cut into runs set in the bundled Noto Emoji (pdfmake has no per-glyph
 * fallback), everywhere a document prints text.
 */
import { describe, expect, it } from 'vitest';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { joinClauses } from '../../src-main/pdf/doc-text';
import { EMOJI_FONT_FAMILY, fontRuns, setEmojiInEmojiFont, usesEmojiFont } from '../../src-main/pdf/font-runs';

describe('joinClauses', () => {
  it.each([
    [['处理及时', '满意'], '处理及时，满意'],
    [['处理及时。', '满意'], '处理及时，满意'],
    [['处理及时，', '满意'], '处理及时，满意'],
    [['处理及时；；', '满意'], '处理及时，满意'],
    [['处理及时. ', '满意'], '处理及时，满意'],
    [['处理及时！', '满意'], '处理及时！满意'],
    [['处理及时？', '满意'], '处理及时？满意'],
    [['他说“好的。”', '满意'], '他说“好的。”，满意'],
    [['', '满意'], '满意'],
    [['。', '满意'], '满意'],
    [['处理及时。', ''], '处理及时。'],
    [['处理及时', '，满意'], '处理及时，满意'],
    [['属业主自家装修造成。', '已上报主任'], '属业主自家装修造成；已上报主任'],
  ])('%j → %s', (pieces, line) => {
    const separator = line.includes('；') ? '；' : '，';
    expect(joinClauses(pieces, separator)).toBe(line);
  });
});

describe('fontRuns', () => {
  it('leaves text without emoji as one run of the text font', () => {
    expect(fontRuns('楼上漏水，□■√ 2026-11-02 Christopherson')).toEqual([{ text: '楼上漏水，□■√ 2026-11-02 Christopherson', emoji: false }]);
    expect(usesEmojiFont('楼上漏水 𠮷')).toBe(false); // lacking, but no emoji either: reported missing instead
  });

  it('sets emoji in Noto Emoji, a sequence (ZWJ family, keycap, skin tone) as one run', () => {
    expect(fontRuns('漏水😡🙏 再不修👍🏽')).toEqual([
      { text: '漏水', emoji: false },
      { text: '😡🙏', emoji: true },
      { text: ' 再不修', emoji: false },
      { text: '👍🏽', emoji: true },
    ]);
    expect(fontRuns('👨‍👩‍👧')).toEqual([{ text: '👨‍👩‍👧', emoji: true }]);
    expect(fontRuns('1️⃣')).toEqual([{ text: '1️⃣', emoji: true }]);
    expect(fontRuns('❤️')).toEqual([{ text: '❤️', emoji: true }]);
  });

  it('keeps a character Noto Sans SC has in it, even asked for as emoji (☎️ prints as ☎)', () => {
    expect(fontRuns('☎️')).toEqual([{ text: '☎️', emoji: false }]);
  });
});

describe('setEmojiInEmojiFont', () => {
  const emoji = (text: string) => ({ text, font: EMOJI_FONT_FAMILY, wordBreak: 'normal' });

  it('cuts every printed text holding emoji into runs: strings, styled texts, table cells, stacks, columns, header and footer', () => {
    const doc: TDocumentDefinitions = {
      content: [
        '漏水😡',
        { text: '业主：🙏', bold: true },
        { text: ['原话：', { text: '气死了😡！', color: 'red' }] },
        { table: { body: [['😡', { text: '好👍', alignment: 'center' }]] } },
        { stack: ['无'], columns: [{ text: '左🙏', width: '*' }] } as unknown as Content,
        { qr: 'YGHA-😡' },
      ],
      header: () => ({ text: '页眉😡' }),
      footer: '页脚🙏',
    };
    setEmojiInEmojiFont(doc);
    const [plain, styled, inlines, table, stacked, qr] = doc.content as unknown as Record<string, unknown>[];
    expect(plain).toEqual({ text: ['漏水', emoji('😡')] });
    expect(styled).toEqual({ text: ['业主：', emoji('🙏')], bold: true });
    // pdfmake does not pass a styled inline's style on to nested inlines: each run keeps it.
    expect(inlines).toEqual({ text: ['原话：', { text: '气死了', color: 'red' }, { ...emoji('😡'), color: 'red' }, { text: '！', color: 'red' }] });
    expect(table).toEqual({ table: { body: [[{ text: [emoji('😡')] }, { text: ['好', emoji('👍')], alignment: 'center' }]] } });
    expect(stacked).toEqual({ stack: ['无'], columns: [{ text: ['左', emoji('🙏')], width: '*' }] });
    expect(qr).toEqual({ qr: 'YGHA-😡' }); // data, not printed text
    expect((doc.header as () => unknown)()).toEqual({ text: ['页眉', emoji('😡')] });
    expect(doc.footer).toEqual({ text: ['页脚', emoji('🙏')] });
  });
});
