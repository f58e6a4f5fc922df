import { describe, expect, it } from 'vitest';
import { campaignStates } from '../src/campaign.ts';
import {
  campaignActionTargets,
  campaignTransitions,
  campaignChangesSchema,
  isFrozen,
  lifecyclePath,
  needsReason,
  newCampaignSchema,
  transitionAction,
  transitionRefusal,
} from '../src/lifecycle.ts';

describe('the campaign lifecycle', () => {
  it('allows exactly the transitions of the policy', () => {
    const allowed = campaignStates.flatMap((from) =>
      campaignStates
        .filter((to) => !transitionRefusal(2026, from, to))
        .map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'draft→open',
      'open→closed',
      'closed→open',
      'closed→finalized',
      'finalized→closed',
      'finalized→published',
    ]);
  });

  it('explains a refusal in Chinese and English, naming what is allowed', () => {
    expect(transitionRefusal(2026, 'draft', 'finalized')).toBe(
      '2026 年度测评为草稿,不能改为已定稿 / the 2026 campaign is draft: it cannot become finalized; 可改为:进行中 / it may go to: open',
    );
    expect(transitionRefusal(2026, 'published', 'closed')).toMatch(/已发布的测评不能再改变状态/);
  });

  it('names the verbs, and wants a reason only to reopen a finalized year', () => {
    for (const from of campaignStates)
      for (const to of campaignTransitions[from])
        expect(campaignActionTargets[transitionAction(from, to)]).toBe(to);
    expect(transitionAction('finalized', 'closed')).toBe('reopen');
    expect(transitionAction('closed', 'open')).toBe('open');
    expect(campaignStates.filter((s) => isFrozen(s))).toEqual(['finalized', 'published']);
    expect(needsReason('finalized', 'closed')).toBe(true);
    expect(needsReason('closed', 'open')).toBe(false);
  });

  it('walks a draft forward one allowed step at a time', () => {
    expect(lifecyclePath('draft')).toEqual([]);
    expect(lifecyclePath('published')).toEqual(['open', 'closed', 'finalized', 'published']);
    for (const state of campaignStates) {
      const path = ['draft', ...lifecyclePath(state)] as const;
      path
        .slice(1)
        .forEach((to, i) => expect(transitionRefusal(2026, path[i]!, to)).toBeUndefined());
    }
  });
});

describe('campaign schemas', () => {
  it('takes a window with offsets, in order', () => {
    expect(newCampaignSchema.parse({ year: 2026, title: ' 测评 ' })).toEqual({
      year: 2026,
      title: '测评',
      opensAt: null,
      closesAt: null,
    });
    const window = { opensAt: '2026-11-10T00:00:00+08:00', closesAt: '2026-12-11T00:00:00+08:00' };
    expect(newCampaignSchema.safeParse({ year: 2026, title: 't', ...window }).success).toBe(true);
    expect(
      newCampaignSchema.safeParse({
        year: 2026,
        title: 't',
        opensAt: window.closesAt,
        closesAt: window.opensAt,
      }).success,
    ).toBe(false);
    expect(
      newCampaignSchema.safeParse({ year: 2026, title: 't', opensAt: '2026-11-10' }).success,
    ).toBe(false);
  });

  it('changes a draft only in title and window', () => {
    expect(campaignChangesSchema.safeParse({ title: 'x' }).success).toBe(true);
    expect(campaignChangesSchema.safeParse({ state: 'open' }).success).toBe(false);
    expect(campaignChangesSchema.safeParse({ year: 2027 }).success).toBe(false);
  });
});
