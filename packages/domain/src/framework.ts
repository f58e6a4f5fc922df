import { z } from 'zod';
import type { InstrumentName } from './instrument.ts';

/**
 * What a leaf of an indicator framework measures, per unit:
 * - `resident`: the design-based resident score (overall, or of one dimension or question of the
 *   resident instrument); for a street, the population-weighted score of its communities;
 * - `street_rating`: a community's rating by its street (street_to_community instrument);
 * - `community_rating`: a street's rating by its communities (community_to_street instrument);
 * - `objective`: an objective figure imported per unit and year (e.g. complaint 办结率), mapped
 *   from [min, max] onto 0–100 (reversed when min > max: lower is better).
 */
export const indicatorSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['resident', 'street_rating', 'community_rating']),
    dimension: z.string().min(1).optional(),
    question: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('objective'),
    figure: z.string().min(1).max(64),
    min: z.number(),
    max: z.number(),
  }),
]);
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;
export type IndicatorSourceKind = IndicatorSource['kind'];

/** The instrument a resident or two-way leaf reads. */
export const instrumentOfSource: Record<
  Exclude<IndicatorSourceKind, 'objective'>,
  InstrumentName
> = {
  resident: 'resident',
  street_rating: 'street_to_community',
  community_rating: 'community_to_street',
};

/**
 * A rule acting on a composite besides the weighted sum. Kept in the schema only so that a
 * framework carrying one is refused with the policy's reason (不得实行"一票否决"性考核).
 */
export const indicatorRuleSchema = z.looseObject({ kind: z.string().min(1) });

/** An indicator: a weighted node of the tree, with children or (a leaf) a source. */
export interface Indicator {
  code: string;
  name: string;
  /** Weight within its parent; the weights of siblings sum to 1. */
  weight: number;
  /** Declared category, e.g. 'satisfaction', 'two_way', 'objective' ('ledger', 'plaque', … are refused). */
  category?: string | undefined;
  source?: IndicatorSource | undefined;
  children?: Indicator[] | undefined;
  rules?: z.infer<typeof indicatorRuleSchema>[] | undefined;
}

export const indicatorSchema: z.ZodType<Indicator> = z.lazy(() =>
  z.object({
    code: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    weight: z.number().min(0).max(1),
    category: z.string().min(1).optional(),
    source: indicatorSourceSchema.optional(),
    children: z.array(indicatorSchema).min(1).optional(),
    rules: z.array(indicatorRuleSchema).optional(),
  }),
);

/** One composite score (community or street): the top level of its indicator tree. */
export const compositeSchema = z.object({
  name: z.string().min(1),
  indicators: z.array(indicatorSchema).min(1),
  /** Why resident satisfaction may carry under half of the weight, where the evaluators decided so. */
  overrideReason: z.string().trim().min(1).optional(),
  rules: z.array(indicatorRuleSchema).optional(),
});
export type Composite = z.infer<typeof compositeSchema>;

/** The numbers of the scoring method (PRODUCT.md: every number is a setting of the framework). */
export const scoringSettingsSchema = z.object({
  /** A respondent is satisfied (满意率) at or above this score. */
  satisfiedAt: z.number().min(0).max(100).default(75),
  /** Units with fewer valid resident responses are flagged 样本不足 and not ranked. */
  minResponses: z.number().int().min(1).default(30),
  /** Lowest composite for ★5, ★4, ★3, ★2 (else ★1). */
  starThresholds: z.array(z.number()).length(4).default([90, 80, 70, 60]),
  /** Coverage of rank intervals. */
  rankIntervalLevel: z.number().gt(0).lt(1).default(0.9),
  /** Draws of the rank simulation. */
  rankDraws: z.number().int().min(100).max(100_000).default(1000),
  /** Burden compliance: a community reporting more than these last month is over the limit. */
  maxInspections: z.number().default(3),
  maxMeetings: z.number().default(4),
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

/** An indicator framework: the community and street composites and the scoring settings. */
export const frameworkSchema = z.object({
  code: z.string().min(1).max(64),
  title: z.string().min(1),
  community: compositeSchema,
  street: compositeSchema,
  settings: scoringSettingsSchema.default(scoringSettingsSchema.parse({})),
});
export type Framework = z.infer<typeof frameworkSchema>;
export type CompositeLevel = 'community' | 'street';
export const compositeLevels: readonly CompositeLevel[] = ['community', 'street'];

/** A leaf of a composite with its effective weight (the product of the weights on its path). */
export interface WeightedLeaf {
  indicator: Indicator & { source: IndicatorSource };
  /** Codes from the top level down to the leaf. */
  path: string[];
  weight: number;
}

/**
 * The leaves of a composite with their effective weights.
 *
 * @example compositeLeaves(framework.community) // → [{ path: ['resident'], weight: 0.7, ... }, ...]
 */
export function compositeLeaves(composite: Composite): WeightedLeaf[] {
  const out: WeightedLeaf[] = [];
  const walk = (indicators: readonly Indicator[], path: string[], weight: number) => {
    for (const indicator of indicators) {
      const here = [...path, indicator.code];
      if (indicator.children) walk(indicator.children, here, weight * indicator.weight);
      else if (indicator.source)
        out.push({
          indicator: indicator as WeightedLeaf['indicator'],
          path: here,
          weight: weight * indicator.weight,
        });
    }
  };
  walk(composite.indicators, [], 1);
  return out;
}

/**
 * Every indicator of a composite, depth first, with its path of codes.
 *
 * @example [...walkIndicators(framework.street)].map((i) => i.path.join('/'))
 */
export function* walkIndicators(
  indicators: readonly Indicator[],
  path: string[] = [],
): Generator<{ indicator: Indicator; path: string[] }> {
  for (const indicator of indicators) {
    const here = [...path, indicator.code];
    yield { indicator, path: here };
    if (indicator.children) yield* walkIndicators(indicator.children, here);
  }
}
