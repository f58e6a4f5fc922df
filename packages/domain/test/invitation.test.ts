import { describe, expect, it } from 'vitest';
import {
  formatInvitationCode,
  issueInvitationsSchema,
  normalizeInvitationToken,
} from '../src/invitation.ts';

const token = '7KM2Q9XPRT2VW8YZ1ABCDEFGHJ';

describe('invitation tokens', () => {
  it('groups a token in fours from the end, and reads the grouped code back', () => {
    expect(formatInvitationCode(token)).toBe('7K-M2Q9-XPRT-2VW8-YZ1A-BCDE-FGHJ');
    expect(normalizeInvitationToken(formatInvitationCode(token))).toBe(token);
  });

  it('forgives case, spaces, hyphens and the look-alikes I, L and O, as Crockford does', () => {
    expect(normalizeInvitationToken(' 7km2 q9xp-rt2v w8yz-iabc defg hj ')).toBe(token);
    expect(normalizeInvitationToken('OKM2Q9XPRT2VW8YZLABCDEFGHJ')).toBe(
      '0KM2Q9XPRT2VW8YZ1ABCDEFGHJ',
    );
  });

  it('refuses what cannot be a token', () => {
    for (const bad of ['', token.slice(1), `${token}0`, `${token.slice(1)}U`, `${token.slice(1)}?`])
      expect(normalizeInvitationToken(bad)).toBeNull();
    expect(normalizeInvitationToken('-'.repeat(65) + token)).toBeNull();
  });
});

describe('issueInvitationsSchema', () => {
  it('takes 1–1000 invitations as PDF by default, and a PNG of one page only', () => {
    expect(issueInvitationsSchema.parse({ count: 3 })).toEqual({ count: 3, format: 'pdf' });
    expect(issueInvitationsSchema.safeParse({ count: 10, format: 'png' }).success).toBe(true);
    const tooMany = issueInvitationsSchema.safeParse({ count: 11, format: 'png' });
    expect(tooMany.error?.issues[0]).toMatchObject({
      path: ['format'],
      message: expect.stringMatching(/PNG 只含一页.* \/ a PNG holds one page/),
    });
    for (const count of [0, 1001, 2.5, '3'])
      expect(issueInvitationsSchema.safeParse({ count }).success).toBe(false);
    expect(issueInvitationsSchema.safeParse({ count: 1, extra: true }).success).toBe(false);
  });
});
