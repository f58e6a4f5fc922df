import type { CommunityResidentScore } from '@manyi/domain/residentScore';
import type { UnitResult } from './unitResult.ts';

/**
 * A community's stored result as the resident-score chart draws it: where it lies and its
 * residents' score with their number. The published pages and `manyi chart` draw the same
 * chart from stored results, so they build its rows here, once.
 */
export function residentScoreOf(c: UnitResult): CommunityResidentScore {
  return {
    code: c.code,
    name: c.name,
    kind: c.kind ?? '',
    streetCode: c.streetCode ?? '',
    streetName: c.streetName ?? '',
    districtCode: c.districtCode,
    districtName: c.districtName,
    n: c.resident.n,
    score: c.resident.score,
  };
}
