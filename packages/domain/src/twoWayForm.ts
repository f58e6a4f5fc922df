import { z } from 'zod';

/**
 * The body of `POST /api/v1/two-way/:year`: street staff rate one of their communities, community
 * staff rate their street (`subject`), once per campaign.
 */
export const twoWayFormSchema = z.strictObject({
  subject: z.string().min(1).max(32),
  answers: z.record(z.string(), z.unknown()),
});
export type TwoWayForm = z.infer<typeof twoWayFormSchema>;

/** The client id of a two-way form: one per campaign, instrument, rater and subject. */
export function twoWayClientId(
  year: number,
  instrument: string,
  rater: string,
  subject: string,
): string {
  return `twoway-${year}-${instrument}-${rater}-${subject}`;
}
