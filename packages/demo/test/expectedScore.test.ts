import { describe, expect, it } from 'vitest';
import { genuineAnswers } from '../src/drawAnswers.ts';
import { latentModel } from '../src/latentModel.ts';
import { Random } from '../src/Random.ts';
import { gridWeight } from '../src/regionTree.ts';
import { communityLatent, streetLatent } from '../src/unitLatents.ts';
import { yearContext } from '../src/yearContext.ts';
import { burdenEffects, communityRatingTruth, residentTruth } from '../src/yearTruth.ts';
import { overallScore } from './statistics.ts';

const context = yearContext({ year: 2025 });
const street = context.streets[3]!;
const streetLatents = streetLatent(context.seed, 2025, 2025, street.code);

describe('the truth of a year', () => {
  it('is the population expectation of resident scores: a large simulated population agrees', () => {
    const community = street.communities[2]!;
    const latent = communityLatent(context.seed, 2025, 2025, community, streetLatents, 5);
    const truth = residentTruth(context, community, latent);
    const form = context.forms.resident;
    const rng = Random.of('monte carlo');
    const population = community.grids.map(gridWeight);
    const classes = latentModel.informedClasses;
    const draws = 60_000;
    let sum = 0;
    let squares = 0;
    let satisfied = 0;
    let scored = 0;
    for (let i = 0; i < draws; i++) {
      // A resident picked at random from the whole community: grids in proportion to population.
      const g = rng.weighted(population);
      const propensity =
        latentModel.residentBase +
        latent.quality +
        latent.grids[g]! +
        rng.normal(0, latentModel.respondentSd);
      const answers = genuineAnswers(rng, form.plan, {
        itemPropensity: (item) => propensity + latent.dimensions[item.dimension]! - item.difficulty,
        overallPropensity: propensity,
        notApplicableFactor: classes[rng.weighted(classes.map((c) => c.share))]!.factor,
        texts: [''],
      });
      const score = overallScore(form.instrument, answers);
      if (score === null) continue;
      scored++;
      sum += score;
      squares += score * score;
      if (score >= 75 - 1e-9) satisfied++;
    }
    const mean = sum / scored;
    const se = Math.sqrt((squares / scored - mean * mean) / scored);
    const rate = satisfied / scored;
    expect(Math.abs(mean - truth.residentScore)).toBeLessThan(4 * se);
    expect(Math.abs(rate - truth.satisfiedRate!)).toBeLessThan(
      4 * Math.sqrt((rate * (1 - rate)) / scored),
    );
  });

  it('is the expectation of a community’s rating of its street over raters’ leniency', () => {
    const form = context.forms.community_to_street;
    const effects = burdenEffects(context, streetLatents);
    const rng = Random.of('two-way monte carlo');
    const draws = 20_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < draws; i++) {
      const propensity =
        latentModel.twoWayBase +
        streetLatents.quality +
        rng.normal(0, latentModel.communityRaterSd);
      const answers = genuineAnswers(rng, form.plan, {
        itemPropensity: (item) => propensity + effects[item.dimension]! - item.difficulty,
        overallPropensity: propensity,
        notApplicableFactor: 1,
        texts: [''],
      });
      const score = overallScore(form.instrument, answers)!;
      sum += score;
      squares += score * score;
    }
    const mean = sum / draws;
    const se = Math.sqrt((squares / draws - mean * mean) / draws);
    expect(Math.abs(mean - communityRatingTruth(context, streetLatents))).toBeLessThan(4 * se);
  });
});
