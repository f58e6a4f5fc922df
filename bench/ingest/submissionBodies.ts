import { streamYear } from '@manyi/demo/generateResponses';

/** Opens every body: the submission id comes first, so a body is `bodyHead + id + tail`. */
export const bodyHead = '{"submissionId":"';

/**
 * The demo's resident answers for `year` as the survey page posts them, each without its
 * submission id: `bodyHead + id + tail` is a valid `POST /api/v1/responses` body. A load
 * generator cycles through them with a fresh id per request, so every request is a new response.
 *
 * @example const tails = submissionTails(2026); // ~20,000 distinct answer sets of the demo
 */
export function submissionTails(year: number): string[] {
  const tails: string[] = [];
  for (const r of streamYear({ year, options: { twoWay: false, satisfiedRateTruth: false } })) {
    if (r.instrument !== 'resident') continue;
    const answers = r.gridCode === null ? r.answers : { ...r.answers, grid: r.gridCode };
    const rest = { community: r.subjectCode, answers, startedAt: r.startedAt.toISOString() };
    tails.push(`",${JSON.stringify(rest).slice(1)}`);
  }
  return tails;
}
