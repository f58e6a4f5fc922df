import type { InstrumentName } from '@manyi/domain/instrument';

/**
 * A generated submission, shaped like the store's `NewResponse` minus the long answers.
 * Residents: subject = community, rater = null, grid = the respondent's grid. Two-way forms:
 * community_to_street has subject = street, rater = community; street_to_community has
 * subject = community, rater = street; neither has a grid.
 */
export interface SyntheticResponse {
  clientId: string;
  year: number;
  instrument: InstrumentName;
  subjectCode: string;
  raterCode: string | null;
  gridCode: string | null;
  source: 'synthetic';
  startedAt: Date;
  submittedAt: Date;
  /** SurveyJS data, as the survey page sends it. */
  answers: Record<string, unknown>;
}
