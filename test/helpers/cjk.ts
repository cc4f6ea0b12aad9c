/**
 * Chinese in text meant for an English reader: ideographs (元, 栋 …), CJK punctuation (。、「」)
 * and the full-width forms (，：（）！？). Curly quotes, dashes and arrows are shared with English.
 */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;
export const CJK_ALL = new RegExp(CJK.source, 'gu');
