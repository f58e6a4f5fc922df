import type { ScoringSettings } from '@manyi/domain/framework';
import type { ResponseRate } from './responseRates.ts';
import { tooFewResponses, type EstimateResult, type UnitResult } from './unitResult.ts';

/** What a profile is drawn from: stored results only (reading never recomputes them). */
export interface UnitProfileSource {
  /** The community or street. */
  code: string;
  year: number;
  /** The year's latest stored results, every unit: the peers are among them. */
  results: readonly UnitResult[];
  /** This unit's stored results of earlier years (each year's latest run), in any order. */
  earlier?: readonly UnitResult[];
  /** Chinese names of the resident dimensions by code; a dimension without one shows its code. */
  dimensionNames?: Readonly<Record<string, string>>;
  /** Its distribution and returns, where evaluators entered a distribution. */
  responseRate?: ResponseRate | null;
  /** The run's settings (its framework's): the 样本不足 threshold and the rank interval level. */
  settings: Pick<ScoringSettings, 'minResponses' | 'rankIntervalLevel'>;
}

/** One scored year of the unit: its composite and resident score with their intervals. */
export interface ProfileYear {
  year: number;
  composite: number | null;
  compositeLow: number | null;
  compositeHigh: number | null;
  resident: number | null;
  residentLow: number | null;
  residentHigh: number | null;
  stars: number | null;
}

/** A figure set beside the same figure of other units. */
export interface PeerComparison {
  /** The mean composite and mean resident score of the peers (null with no peer). */
  meanComposite: number | null;
  meanResident: number | null;
  /** Peers counted: same level, district and ranking class, ranked (not 样本不足), not the unit. */
  peers: number;
}

/** A resident dimension against the same dimension of the peers. */
export interface DimensionComparison {
  code: string;
  name: string;
  score: number;
  low: number | null;
  high: number | null;
  /** Mean of the peers' scores of this dimension; null when no peer has one. */
  peerMean: number | null;
  peers: number;
  /** score − peerMean. */
  difference: number | null;
  /**
   * |difference| > 1.96·√(se² + se_mean²), se_mean = √Σse_i² / k: the unit and the peers are
   * independent samples, as in `yearOverYear`. Never for a 样本不足 unit: with so few responses
   * (often a grid of one, whose SE is too narrow) no difference is claimed.
   */
  significant: boolean;
}

/** Everything the profile page and its summary show of one unit in one year. */
export interface UnitProfile {
  year: number;
  /** The unit's stored result, whole: composite, stars, ranks, resident, two-way, burden, flags. */
  unit: UnitResult;
  /** Its response rate, where a distribution was entered. */
  responseRate: ResponseRate | null;
  /** Every scored year up to this one, oldest first. */
  trend: ProfileYear[];
  /** For a community: its street's stored result (composite, resident score); null for a street. */
  street: UnitResult | null;
  /** The district's peers of the unit (same level and ranking class). */
  district: PeerComparison & { code: string; name: string };
  /** Every scored dimension, best against the peers first. */
  dimensions: DimensionComparison[];
  /** Up to two dimensions above the peer mean, the furthest first. */
  strongest: DimensionComparison[];
  /** Up to two dimensions below the peer mean, the furthest first. */
  weakest: DimensionComparison[];
  /** 样本不足: no rank, no stars; the summary says so instead of ranking. */
  tooFewResponses: boolean;
  settings: Pick<ScoringSettings, 'minResponses' | 'rankIntervalLevel'>;
}

/**
 * The profile of one community or street in one year, from stored results: its own figures as
 * stored, its trend over the scored years, its street and its district's peers, and its
 * dimensions against the peers' mean. Peers are the units of the same level, district and
 * ranking class that were ranked (a 样本不足 unit's scores are too uncertain to compare with),
 * the unit itself left out. Undefined when the year's results have no such unit.
 *
 * @example unitProfile({ code: 'D01S01C01', year: 2026, results, earlier, settings: run.framework.settings })
 */
export function unitProfile(source: UnitProfileSource): UnitProfile | undefined {
  const unit = source.results.find((r) => r.code === source.code);
  if (!unit) return undefined;
  const peers = source.results.filter(
    (r) =>
      r.level === unit.level &&
      r.districtCode === unit.districtCode &&
      r.rankingClass === unit.rankingClass &&
      r.code !== unit.code &&
      !r.flags.includes(tooFewResponses),
  );
  const dimensions = Object.entries(unit.dimensions)
    .filter(
      (entry): entry is [string, EstimateResult & { score: number }] => entry[1].score !== null,
    )
    .map(([code, own]) => compareDimension(code, own, peers, source.dimensionNames?.[code] ?? code))
    // a 样本不足 unit's SE says too little to call any difference beyond the sampling error
    .map((d) => (unit.flags.includes(tooFewResponses) ? { ...d, significant: false } : d))
    .sort(
      (a, b) =>
        (b.difference ?? -Infinity) - (a.difference ?? -Infinity) || a.code.localeCompare(b.code),
    );
  const street =
    unit.level === 'community'
      ? (source.results.find((r) => r.level === 'street' && r.code === unit.streetCode) ?? null)
      : null;
  return {
    year: source.year,
    unit,
    responseRate: source.responseRate ?? null,
    trend: [...(source.earlier ?? []).filter((r) => r.year < source.year), unit]
      .sort((a, b) => a.year - b.year)
      .map(profileYear),
    street,
    district: {
      code: unit.districtCode,
      name: unit.districtName,
      meanComposite: mean(peers.map((p) => p.composite)),
      meanResident: mean(peers.map((p) => p.resident.score)),
      peers: peers.length,
    },
    dimensions,
    strongest: dimensions.filter((d) => d.difference !== null && d.difference > 0).slice(0, 2),
    weakest: dimensions
      .filter((d) => d.difference !== null && d.difference < 0)
      .reverse()
      .slice(0, 2),
    tooFewResponses: unit.flags.includes(tooFewResponses),
    settings: source.settings,
  };
}

/** A dimension of the unit beside the peers' scores of it. */
function compareDimension(
  code: string,
  own: EstimateResult & { score: number },
  peers: readonly UnitResult[],
  name: string,
): DimensionComparison {
  const scored = peers
    .map((p) => p.dimensions[code])
    .filter((d): d is EstimateResult & { score: number } => d !== undefined && d.score !== null);
  const peerMean = mean(scored.map((d) => d.score));
  const difference = peerMean === null ? null : own.score - peerMean;
  const meanSe = scored.length
    ? Math.sqrt(scored.reduce((sum, d) => sum + (d.se ?? 0) ** 2, 0)) / scored.length
    : 0;
  const noise = 1.96 * Math.sqrt((own.se ?? 0) ** 2 + meanSe ** 2);
  return {
    code,
    name,
    score: own.score,
    low: own.low,
    high: own.high,
    peerMean,
    peers: scored.length,
    difference,
    significant: difference !== null && Math.abs(difference) > noise,
  };
}

/** The trend point of one year's stored result. */
function profileYear(r: UnitResult): ProfileYear {
  return {
    year: r.year,
    composite: r.composite,
    compositeLow: r.compositeLow,
    compositeHigh: r.compositeHigh,
    resident: r.resident.score,
    residentLow: r.resident.low,
    residentHigh: r.resident.high,
    stars: r.stars,
  };
}

/** The mean of the known values, or null when there is none. */
function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}
