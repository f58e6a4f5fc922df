import { drawSubmission } from './campaignWindow.ts';
import { genuineAnswers, type AnswerModel } from './drawAnswers.ts';
import { formDuration } from './durations.ts';
import { latentModel } from './latentModel.ts';
import { Random } from './Random.ts';
import type { CommunityNode, StreetNode } from './regionTree.ts';
import { suggestions } from './suggestions.ts';
import type { SyntheticResponse } from './syntheticResponse.ts';
import type { CommunityLatent, StreetLatent } from './unitLatents.ts';
import type { YearContext } from './yearContext.ts';
import { burdenEffects } from './yearTruth.ts';

/**
 * A community's rating of its street (community_to_street), with last month's checks and
 * meetings drawn around the street's monthly rates: 双向评价.
 */
export function communityRatesStreet(
  context: YearContext,
  community: CommunityNode,
  communityLatent: CommunityLatent,
  street: StreetNode,
  streetLatent: StreetLatent,
): SyntheticResponse {
  const form = context.forms.community_to_street;
  const rng = Random.of(context.seed, context.year, form.instrument.name, community.code);
  const effects = burdenEffects(context, streetLatent);
  const propensity = latentModel.twoWayBase + streetLatent.quality + communityLatent.raterLeniency;
  const rates: Record<string, number> = {
    inspections: streetLatent.inspectionsPerMonth,
    meetings: streetLatent.meetingsPerMonth,
  };
  const figures = new Map<string, number>();
  for (const [figure, question] of Object.entries(form.instrument.figures)) {
    // Months differ: the count scatters around the street's rate.
    figures.set(question, rng.poisson((rates[figure] ?? 1) * Math.exp(rng.normal(0, 0.25))));
  }
  const model: AnswerModel = {
    itemPropensity: (item) => propensity + effects[item.dimension]! - item.difficulty,
    overallPropensity: propensity,
    notApplicableFactor: 1,
    figures,
    texts: suggestions.community_to_street,
  };
  return staffResponse(context, rng, form.instrument.name, {
    clientId: `syn-${context.year}-${community.code}-cs`,
    subjectCode: street.code,
    raterCode: community.code,
    answers: genuineAnswers(rng, form.plan, model),
  });
}

/** A street's rating of one of its communities (street_to_community). */
export function streetRatesCommunity(
  context: YearContext,
  community: CommunityNode,
  communityLatent: CommunityLatent,
  street: StreetNode,
  streetLatent: StreetLatent,
): SyntheticResponse {
  const form = context.forms.street_to_community;
  const rng = Random.of(context.seed, context.year, form.instrument.name, community.code);
  const propensity =
    latentModel.twoWayBase + communityLatent.streetView + streetLatent.raterLeniency;
  const model: AnswerModel = {
    itemPropensity: (item) => propensity - item.difficulty,
    overallPropensity: propensity,
    notApplicableFactor: 1,
    texts: suggestions.street_to_community,
  };
  return staffResponse(context, rng, form.instrument.name, {
    clientId: `syn-${context.year}-${community.code}-sc`,
    subjectCode: community.code,
    raterCode: street.code,
    answers: genuineAnswers(rng, form.plan, model),
  });
}

/** A two-way response: no grid, filled by staff in office hours on a weekday. */
function staffResponse(
  context: YearContext,
  rng: Random,
  instrument: SyntheticResponse['instrument'],
  fields: Pick<SyntheticResponse, 'clientId' | 'subjectCode' | 'raterCode' | 'answers'>,
): SyntheticResponse {
  const timing = drawSubmission(rng, context.window, formDuration(rng, 'staff'), 'office');
  return {
    clientId: fields.clientId,
    year: context.year,
    instrument,
    subjectCode: fields.subjectCode,
    raterCode: fields.raterCode,
    gridCode: null,
    source: 'synthetic',
    ...timing,
    answers: fields.answers,
  };
}
