import type { Random } from './Random.ts';

/** When a campaign takes submissions: [opensAt, closesAt). */
export interface CampaignWindow {
  opensAt: Date;
  closesAt: Date;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Asia/Shanghai is UTC+8 all year (no daylight saving), so local time is a fixed offset. */
const shanghaiOffsetMs = 8 * hourMs;

/** The instant of a wall-clock time in Asia/Shanghai (month 1–12). */
export function shanghaiTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - shanghaiOffsetMs);
}

/** An instant as ISO 8601 in Shanghai time, e.g. 2025-11-10T00:00:00+08:00. */
export function shanghaiIso(date: Date): string {
  return new Date(date.getTime() + shanghaiOffsetMs).toISOString().slice(0, 19) + '+08:00';
}

/** The demo's window: 10 November to 10 December (inclusive), Shanghai time: 年底一次实施. */
export function demoCampaignWindow(year: number): CampaignWindow {
  return { opensAt: shanghaiTime(year, 11, 10), closesAt: shanghaiTime(year, 12, 11) };
}

/** Whole days in a window (at least 1): submissions fall on day 0 … days − 1 after it opens. */
export function windowDays(window: CampaignWindow): number {
  return Math.max(1, Math.floor((window.closesAt.getTime() - window.opensAt.getTime()) / dayMs));
}

/** Residents answer all day, mostly in the evening; staff in office hours. Weights per local hour. */
const hourWeights = {
  resident: [
    0.3, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.2, 2, 2.5, 2.6, 2.4, 2, 1.8, 2, 2.2, 2.3, 2.4, 2.6, 3.2,
    3.6, 3.2, 2, 0.9,
  ],
  office: [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 2, 2, 1.5, 0.2, 0.3, 1.5, 2, 2, 1, 0.2, 0, 0, 0, 0, 0],
};

/**
 * Draws when a form was started and submitted. Days follow the campaign's rhythm (a launch
 * burst, a deadline rush, and for residents the community's own mobilization days); staff only
 * submit on weekdays. Both instants fall inside the window.
 */
export function drawSubmission(
  rng: Random,
  window: CampaignWindow,
  durationSeconds: number,
  who: 'resident' | 'office',
  pushDays: readonly number[] = [],
): { startedAt: Date; submittedAt: Date } {
  const days = windowDays(window);
  let day: number;
  do {
    day = pushDays.length && rng.chance(0.4) ? rng.pick(pushDays) : rng.weighted(rhythm(days));
  } while (who === 'office' && isWeekend(window.opensAt.getTime() + day * dayMs) && days > 2);
  const hour = rng.weighted(hourWeights[who]);
  const offset = day * dayMs + hour * hourMs + Math.floor(rng.next() * hourMs);
  const durationMs = Math.round(durationSeconds * 1000);
  const earliest = window.opensAt.getTime() + durationMs;
  const latest = window.closesAt.getTime() - 1000;
  const submitted = Math.min(latest, Math.max(earliest, window.opensAt.getTime() + offset));
  return { startedAt: new Date(submitted - durationMs), submittedAt: new Date(submitted) };
}

const rhythms = new Map<number, number[]>();

/** Each day's weight in a window of `days`: more just after the launch and before the deadline. */
function rhythm(days: number): number[] {
  let weights = rhythms.get(days);
  if (!weights) {
    weights = Array.from(
      { length: days },
      (_, d) => 1 + 1.5 * Math.exp(-d / 3) + 1.5 * Math.exp(-(days - 1 - d) / 2),
    );
    rhythms.set(days, weights);
  }
  return weights;
}

/** Whether an instant falls on a Saturday or Sunday in Shanghai. */
function isWeekend(time: number): boolean {
  const weekday = new Date(time + shanghaiOffsetMs).getUTCDay();
  return weekday === 0 || weekday === 6;
}
