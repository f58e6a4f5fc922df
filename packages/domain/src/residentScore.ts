import type { CommunitySummary } from './region.ts';

/**
 * One community's resident score with where it lies: the live figure of a running campaign
 * (`GET /api/v1/live/:year`), or a published one. What the charts draw.
 */
export interface CommunityResidentScore extends Omit<CommunitySummary, 'kind'> {
  /** 'urban' (城市社区) or 'rural' (农村社区/村). */
  kind: string;
  /** Responses counted in the score. */
  n: number;
  /** 0–100, null while the community has no answers. */
  score: number | null;
}
