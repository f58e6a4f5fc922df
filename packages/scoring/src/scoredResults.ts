import { bilingual } from '@manyi/domain/messages';
import { latestResults, type YearResults } from './latestResults.ts';
import type { Queryable } from './queryable.ts';

/**
 * The year's latest stored results, for the commands that export or draw them: where the year is
 * not scored yet, an error (Chinese, then English) that says what to run first, the same from
 * `manyi export results`, `manyi chart` and the year's workbook.
 */
export async function scoredResults(db: Queryable, year: number): Promise<YearResults> {
  const stored = await latestResults(db, year);
  if (!stored)
    throw new Error(
      bilingual(
        `${year} 年度尚无评分结果,请先运行 npx manyi score --year ${year}`,
        `no results for ${year} yet: run npx manyi score --year ${year} first`,
      ),
    );
  return stored;
}
