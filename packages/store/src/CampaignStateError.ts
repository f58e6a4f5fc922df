/**
 * A campaign change the lifecycle refuses: no such year, a year that exists already, a
 * transition that is not allowed, a reopen without its reason, an edit of a campaign that is no
 * longer a draft. The API answers 404 for `missing`, 400 for `invalid` and `reason-required`, else 409.
 */
export class CampaignStateError extends Error {
  constructor(
    readonly year: number,
    readonly reason:
      | 'missing'
      | 'exists'
      | 'invalid'
      | 'transition'
      | 'reason-required'
      | 'not-draft'
      | 'no-instrument',
    message: string,
  ) {
    super(message);
  }
}
