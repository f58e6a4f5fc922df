import { drawSubmission, windowDays } from './campaignWindow.ts';
import { genuineAnswers, speederAnswers, straightLinerAnswers } from './drawAnswers.ts';
import { formDuration } from './durations.ts';
import { latentModel } from './latentModel.ts';
import { Random } from './Random.ts';
import { gridWeight, type CommunityNode } from './regionTree.ts';
import { suggestions } from './suggestions.ts';
import type { SyntheticResponse } from './syntheticResponse.ts';
import type { CommunityLatent } from './unitLatents.ts';
import type { YearContext } from './yearContext.ts';

/** Client ids of the planted low-quality responses, collected as they are drawn. */
export interface Planted {
  speeders: string[];
  straightLiners: string[];
}

/**
 * The resident responses of one community in one year, one at a time. Respondents choose grids
 * by population times a mobilization factor (so design weights matter), and each has their own
 * leniency and 不了解 habit; a share are speeders or straight-liners. Returns how many it drew.
 */
export function* residentResponses(
  context: YearContext,
  community: CommunityNode,
  latent: CommunityLatent,
  planted: Planted,
): Generator<SyntheticResponse, number, undefined> {
  const { seed, year, options, window } = context;
  const form = context.forms.resident;
  const rng = Random.of(seed, year, 'residents', community.code);
  const count = sampleSize(rng, context);
  const mobilization = community.grids.map(
    (grid) => gridWeight(grid) * Math.exp(rng.normal(0, options.gridMobilizationSd)),
  );
  const days = windowDays(window);
  const pushDays = [rng.int(0, days - 1), rng.int(0, days - 1)];
  const meanDimension =
    latent.dimensions.reduce((a, b) => a + b, 0) / Math.max(1, latent.dimensions.length);
  const texts = suggestions.resident;
  const classes = latentModel.informedClasses;
  const classShares = classes.map((c) => c.share);

  for (let i = 0; i < count; i++) {
    const clientId = `syn-${year}-${community.code}-r${String(i + 1).padStart(3, '0')}`;
    const g = rng.weighted(mobilization);
    const role = rng.next();
    let answers: Record<string, unknown>;
    let seconds: number;
    if (role < options.speederRate) {
      answers = speederAnswers(rng, form.plan, texts);
      seconds = formDuration(rng, 'speeder');
      planted.speeders.push(clientId);
    } else if (role < options.speederRate + options.straightLinerRate) {
      answers = straightLinerAnswers(rng, form.plan, texts);
      seconds = formDuration(rng, 'straightLiner');
      planted.straightLiners.push(clientId);
    } else {
      const propensity =
        latentModel.residentBase +
        latent.quality +
        latent.grids[g]! +
        rng.normal(0, latentModel.respondentSd);
      answers = genuineAnswers(rng, form.plan, {
        itemPropensity: (item) => propensity + latent.dimensions[item.dimension]! - item.difficulty,
        overallPropensity: propensity + meanDimension,
        notApplicableFactor: classes[rng.weighted(classShares)]!.factor,
        texts,
      });
      seconds = formDuration(rng, 'resident');
    }
    yield {
      clientId,
      year,
      instrument: 'resident',
      subjectCode: community.code,
      raterCode: null,
      gridCode: community.grids[g]!.code,
      source: 'synthetic',
      ...drawSubmission(rng, window, seconds, 'resident', pushDays),
      answers,
    };
  }
  return count;
}

/** How many residents of a community answer this year: ~8% small samples, the rest log-normal. */
function sampleSize(rng: Random, context: YearContext): number {
  const { smallSampleShare, smallSample, responsesPerCommunity: n } = context.options;
  if (rng.chance(smallSampleShare)) return rng.int(smallSample[0], smallSample[1]);
  const drawn = Math.round(Math.exp(rng.normal(Math.log(n.median), n.logSd)));
  return Math.min(n.max, Math.max(n.min, drawn));
}
