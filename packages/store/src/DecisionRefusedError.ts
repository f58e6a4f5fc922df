/**
 * A decision on a response the store refuses: no such response in that year, an action other
 * than exclude or reinstate, or no reason. The API answers 404 for `missing`, else 400. (A frozen
 * year is a `CampaignRefusedError`, 409.)
 */
export class DecisionRefusedError extends Error {
  constructor(
    readonly reason: 'missing' | 'invalid' | 'reason-required',
    message: string,
  ) {
    super(message);
  }
}
