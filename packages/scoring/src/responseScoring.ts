import { bilingual } from '@manyi/domain/messages';
import type { Instrument, InstrumentName, Item } from '@manyi/domain/instrument';

/** One measure of a response: the mean of its answered items, weighted into the overall score. */
export interface ScoredMeasure {
  /** A dimension code, or a question name where a framework binds a single question. */
  code: string;
  weight: number;
  items: Item[];
  /** Where each of `items` stands in the instrument's items (1-based): its `response_items` column. */
  positions: number[];
}

/** How the responses of one instrument are scored: its measures and their weights. */
export interface ResponseScoring {
  instrument: InstrumentName;
  measures: ScoredMeasure[];
}

/** A framework's binding of a measure: a dimension or a single question of the instrument, with its weight. */
export interface MeasureBinding {
  dimension?: string;
  question?: string;
  weight: number;
}

/** The measure that stands for the whole response. */
export const overallMeasure = 'overall';

/**
 * How to score an instrument's responses: by default one measure per dimension with the
 * instrument's weights; a framework may bind its own dimensions or single questions, with its
 * own weights. Throws for a binding the instrument cannot serve.
 *
 * @example responseScoringOf(resident) // → { instrument: 'resident', measures: [{ code: 'env', weight: 1, items: [...], positions: [1, 2, 3] }, ...] }
 * @example responseScoringOf(resident, [{ dimension: 'env', weight: 0.6 }, { question: 'q7', weight: 0.4 }])
 */
export function responseScoringOf(
  instrument: Instrument,
  bindings: readonly MeasureBinding[] = instrument.dimensions.map((d) => ({
    dimension: d.code,
    weight: d.weight,
  })),
): ResponseScoring {
  const measures = bindings.map((b): ScoredMeasure => {
    const code = b.dimension ?? b.question;
    const positions = instrument.items.flatMap((i, k) =>
      (b.dimension !== undefined ? i.dimension === b.dimension : i.question === b.question)
        ? [k + 1]
        : [],
    );
    const items = positions.map((p) => instrument.items[p - 1]!);
    if (code === undefined || !items.length)
      throw new Error(
        bilingual(
          `问卷 ${instrument.name} 中没有可计分的题目 ${code ?? '(未指定)'}`,
          `instrument ${instrument.name} has no scored item for ${code ?? '(nothing bound)'}`,
        ),
      );
    return { code, weight: b.weight, items, positions };
  });
  if (measures.some((m) => m.code === overallMeasure))
    throw new Error(
      bilingual(
        `“${overallMeasure}”不能用作维度编码`,
        `“${overallMeasure}” cannot name a dimension`,
      ),
    );
  return { instrument: instrument.name, measures };
}
