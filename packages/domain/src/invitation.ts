import { z } from 'zod';
import { bilingual } from './messages.ts';

/**
 * An invitation token: 26 characters of Crockford's base32 (0–9 and A–Z without I, L, O, U),
 * 130 random bits. The same string goes into the link (`/s/<community>?t=<token>`) and, grouped,
 * onto the slip for typing. Browser-safe: making and hashing tokens is the store's business.
 */
export const invitationTokenLength = 26;

/** Crockford's base32 alphabet: no I, L, O or U, so that nothing reads as another character. */
export const invitationAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What the print shows per slip: 10 on an A4 sheet (2 columns × 5 rows). */
export const slipsPerPage = 10;

/** Most invitations one request issues (a 100-page PDF). */
export const maxInvitationsPerIssue = 1000;

/** Output formats of an invitation sheet: a printable PDF, a PNG of one page, or the raw links. */
export const invitationFormats = ['pdf', 'png', 'json'] as const;
export type InvitationFormat = (typeof invitationFormats)[number];

/**
 * A token as scanned or typed, in its canonical form, or null when it cannot be one. Typing is
 * forgiven: case, spaces and hyphens are ignored, and I/L read as 1, O as 0 (Crockford).
 *
 * @example normalizeInvitationToken('7k-m2q9 …') // → '7KM2Q9…' (26 characters) or null
 */
export function normalizeInvitationToken(input: string): string | null {
  if (input.length > 64) return null;
  const token = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return tokenPattern.test(token) ? token : null;
}

/**
 * A token grouped for a slip, in fours from the end: `7K-M2Q9-…` (the grouping is ignored
 * when typed back).
 *
 * @example formatInvitationCode('7KM2Q9XPRT2VW8YZ1ABCDEFGHJ') // → '7K-M2Q9-XPRT-2VW8-YZ1A-BCDE-FGHJ'
 */
export function formatInvitationCode(token: string): string {
  const groups: string[] = [];
  for (let end = token.length; end > 0; end -= 4)
    groups.unshift(token.slice(Math.max(0, end - 4), end));
  return groups.join('-');
}

/** Why an invitation cannot be used: not one of this community's, already used, or its campaign is not open. */
export const invitationRefusalReasons = ['unknown', 'used', 'not-open'] as const;
export type InvitationRefusalReason = (typeof invitationRefusalReasons)[number];

/** What a resident's page learns of a token before the survey starts (`GET /invitations/check`). */
export interface InvitationCheck {
  valid: boolean;
  /** null when valid. */
  reason: InvitationRefusalReason | null;
  /** For people, zh-CN then English; null when valid. */
  message: string | null;
}

/** The message for each refusal, as residents read it. */
export function invitationRefusalMessage(reason: InvitationRefusalReason): string {
  switch (reason) {
    case 'unknown':
      return bilingual(
        '邀请码无效,请核对后重试',
        'this invitation code is not valid for this community',
      );
    case 'used':
      return bilingual('此邀请已使用', 'this invitation has been used');
    case 'not-open':
      return bilingual(
        '此邀请所属的测评目前未在进行',
        "this invitation's evaluation campaign is not open",
      );
  }
}

/** The body of `POST /api/v1/invitations/:year/:community`. */
export const issueInvitationsSchema = z
  .object({
    count: z
      .number()
      .int()
      .min(1)
      .max(
        maxInvitationsPerIssue,
        bilingual(
          `一次最多发放 ${maxInvitationsPerIssue} 份邀请`,
          `at most ${maxInvitationsPerIssue} invitations at a time`,
        ),
      ),
    format: z.enum(invitationFormats).default('pdf'),
  })
  .strict()
  .refine((body) => body.format !== 'png' || body.count <= slipsPerPage, {
    message: bilingual(
      `PNG 只含一页(最多 ${slipsPerPage} 份邀请),更多请选 PDF`,
      `a PNG holds one page (at most ${slipsPerPage} invitations): choose PDF for more`,
    ),
    path: ['format'],
  });
export type IssueInvitations = z.infer<typeof issueInvitationsSchema>;

/** The body of `PUT /api/v1/distribution/:year/:community`: paper questionnaires handed out. */
export const paperDistributionSchema = z
  .object({
    paperHandedOut: z
      .number()
      .int()
      .min(0)
      .max(
        1_000_000,
        bilingual('发放份数应在 0 到 1000000 之间', 'paperHandedOut is between 0 and 1000000'),
      ),
  })
  .strict();

const tokenPattern = new RegExp(`^[${invitationAlphabet}]{${invitationTokenLength}}$`);
