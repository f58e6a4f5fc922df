import {
  compositeLeaves,
  compositeLevels,
  instrumentOfSource,
  type Framework,
} from '@manyi/domain/framework';
import type { Instrument, InstrumentName } from '@manyi/domain/instrument';
import { responseScoringOf, type MeasureBinding, type ResponseScoring } from './responseScoring.ts';

/**
 * How each instrument of a campaign is scored under a framework: one measure per dimension,
 * weighted into the overall score with the instrument's dimension weights, plus a measure of
 * weight 0 (estimated on its own, outside the overall score) for each question a leaf binds.
 *
 * @example frameworkScorings(framework, { resident, street_to_community, community_to_street }).resident
 */
export function frameworkScorings(
  framework: Framework,
  instruments: Partial<Record<InstrumentName, Instrument>>,
): Partial<Record<InstrumentName, ResponseScoring>> {
  const scorings: Partial<Record<InstrumentName, ResponseScoring>> = {};
  for (const [name, instrument] of Object.entries(instruments) as [InstrumentName, Instrument][]) {
    const bindings: MeasureBinding[] = instrument.dimensions.map((d) => ({
      dimension: d.code,
      weight: d.weight,
    }));
    const questions = compositeLevels
      .flatMap((level) => compositeLeaves(framework[level]))
      .map((leaf) => leaf.indicator.source)
      .filter(
        (s) =>
          s.kind !== 'objective' && instrumentOfSource[s.kind] === name && s.question !== undefined,
      )
      .map((s) => (s as { question: string }).question);
    for (const question of new Set(questions))
      if (!instrument.dimensions.some((d) => d.code === question))
        bindings.push({ question, weight: 0 });
    scorings[name] = responseScoringOf(instrument, bindings);
  }
  return scorings;
}
