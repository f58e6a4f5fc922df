import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { communityCodeFromPath } from '../src/communityCode.ts';
import { showRatingsAsButtons } from '../src/ratingButtons.ts';
import { langFromSearch, messageIn } from '../src/texts.ts';

describe('communityCodeFromPath', () => {
  it('takes the last segment of /s/<code>', () => {
    expect(communityCodeFromPath('/s/D01S01C01')).toBe('D01S01C01');
    expect(communityCodeFromPath('/s/D01S01C01/')).toBe('D01S01C01');
    expect(communityCodeFromPath('/s/%E7%A4%BA%E8%8C%83')).toBe('示范');
  });

  it('has none for the bare page or something that cannot be a code', () => {
    expect(communityCodeFromPath('/s/')).toBeNull();
    expect(communityCodeFromPath('/s')).toBeNull();
    expect(communityCodeFromPath('/s/%E0%A4%A')).toBeNull();
    expect(communityCodeFromPath('/s/a%20b')).toBeNull();
    expect(communityCodeFromPath(`/s/${'x'.repeat(33)}`)).toBeNull();
  });
});

describe('texts', () => {
  it('speaks Chinese unless asked for English', () => {
    expect(langFromSearch('')).toBe('zh');
    expect(langFromSearch('?lang=zh-CN')).toBe('zh');
    expect(langFromSearch('?lang=en')).toBe('en');
    expect(langFromSearch('?t=ABC&lang=EN-us')).toBe('en');
  });

  it('shows the server message in the page language', () => {
    expect(messageIn('此题必答 / an answer is required', 'zh')).toBe('此题必答');
    expect(messageIn('此题必答 / an answer is required', 'en')).toBe('an answer is required');
    expect(messageIn('只有中文', 'en')).toBe('只有中文');
  });
});

describe('showRatingsAsButtons', () => {
  it('turns every rating into buttons with the end labels below, also ones added later', () => {
    const survey = new Model({
      pages: [
        {
          elements: [
            {
              type: 'rating',
              name: 'a',
              minRateDescription: '很不满意',
              maxRateDescription: '很满意',
            },
            { type: 'rating', name: 'b', rateMax: 10, displayMode: 'dropdown' },
            {
              type: 'panel',
              name: 'p',
              elements: [{ type: 'rating', name: 'c', rateDescriptionLocation: 'top' }],
            },
            { type: 'radiogroup', name: 'd', choices: [1, 2] },
          ],
        },
      ],
    });
    showRatingsAsButtons(survey);
    survey.pages[0]!.addNewQuestion('rating', 'e');
    const rating = (name: string) =>
      survey.getQuestionByName(name) as unknown as Record<string, unknown>;
    for (const name of ['a', 'b', 'c', 'e']) expect(rating(name).displayMode, name).toBe('buttons');
    expect(rating('a').rateDescriptionLocation).toBe('bottom');
    expect(rating('c').rateDescriptionLocation).toBe('top');
  });
});
