import {
  instrumentOfSource,
  type CompositeLevel,
  type Indicator,
  type IndicatorSource,
} from './framework.ts';
import type { Add } from './frameworkPolicy.ts';
import { surveyQuestions, type Instrument, type InstrumentName } from './instrument.ts';

/** A leaf reads an instrument that serves its composite, and a dimension or question that instrument has. */
export function checkSource(
  level: CompositeLevel,
  indicator: Indicator,
  source: IndicatorSource,
  path: string[],
  instruments: Partial<Record<InstrumentName, Instrument>>,
  add: Add,
): void {
  if (source.kind === 'objective') {
    if (source.min === source.max)
      add(
        path,
        'binding',
        `客观指标“${indicator.name}”的 min 与 max 相同`,
        `objective indicator “${indicator.name}” has min equal to max`,
      );
    return;
  }
  const wrongLevel =
    (source.kind === 'street_rating' && level !== 'community') ||
    (source.kind === 'community_rating' && level !== 'street');
  if (wrongLevel)
    add(
      path,
      'binding',
      `指标“${indicator.name}”的来源 ${source.kind} 不适用于${level === 'street' ? '街道' : '社区'}综合得分`,
      `source ${source.kind} of “${indicator.name}” does not apply to the ${level} composite`,
    );
  if (source.dimension && source.question)
    add(
      path,
      'binding',
      `指标“${indicator.name}”只能绑定一个维度或一道题`,
      `indicator “${indicator.name}” binds both a dimension and a question`,
    );
  const name = instrumentOfSource[source.kind];
  const instrument = instruments[name];
  if (!instrument) return;
  if (source.dimension && !instrument.dimensions.some((d) => d.code === source.dimension))
    add(
      path,
      'binding',
      `指标“${indicator.name}”绑定的维度 ${source.dimension} 不在问卷 ${name} 中`,
      `indicator “${indicator.name}” is bound to dimension ${source.dimension}, which instrument ${name} lacks`,
    );
  if (source.question) {
    const inForm = surveyQuestions(instrument.survey).some((q) => q.name === source.question);
    const scored = instrument.items.some((i) => i.question === source.question);
    if (!inForm || !scored)
      add(
        path,
        'binding',
        `指标“${indicator.name}”绑定的题目 ${source.question} ${inForm ? '在问卷 ' + name + ' 中不计分' : '不在问卷 ' + name + ' 中'}`,
        `indicator “${indicator.name}” is bound to question ${source.question}, which instrument ${name} ${inForm ? 'does not score' : 'lacks'}`,
      );
  }
}
