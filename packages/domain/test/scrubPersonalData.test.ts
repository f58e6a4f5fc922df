import { describe, expect, it } from 'vitest';
import { scrubAnswers, scrubPersonalData } from '../src/scrubPersonalData.ts';
import { innocentTexts, personalTexts } from './personalData.ts';

describe('scrubPersonalData', () => {
  it.each(personalTexts)('takes the data out of %j', (text, secret) => {
    const scrubbed = scrubPersonalData(text);
    expect(scrubbed).toContain('[已隐去]');
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed.normalize('NFKC')).not.toMatch(/\d{7}|@/);
  });

  it.each(innocentTexts)('leaves %j as it is', (text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('keeps the words around the data, full-width punctuation included', () => {
    expect(scrubPersonalData('请联系我 138-1234-5678，谢谢')).toBe('请联系我 [已隐去]，谢谢');
    expect(scrubPersonalData('电话１３８１２３４５６７８。')).toBe('电话[已隐去]。');
  });

  it('scrubs every string of an answer and leaves numbers and choices', () => {
    expect(
      scrubAnswers({ overall: 4, topics: ['环境'], suggestion: '打13812345678', other: null }),
    ).toEqual({ overall: 4, topics: ['环境'], suggestion: '打[已隐去]', other: null });
  });
});
