import { instrumentRoles, type InstrumentName } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { regionColumns } from '@manyi/domain/region';
import { getInstrument } from './campaigns.ts';
import {
  cellOfAnswer,
  cellOfInstant,
  questionColumns,
  responseFixedColumns,
} from './responseTable.ts';
import type { Store } from './Store.ts';
import { writeTableFile, type Table, type WriteTableOptions } from './tableFile.ts';

/** A table ready to write, with the columns whose cells are numbers in a workbook. */
export interface ExportTable extends Table {
  options: WriteTableOptions;
}

/**
 * The region tree as the regions table of PRODUCT.md (one row per grid, ordered by code): the
 * current tree, or with `year` the snapshot that year's campaign took when it opened.
 */
export async function regionsTable(store: Store, year?: number): Promise<ExportTable> {
  const rows = await store.query<Record<(typeof regionColumns)[number], string | number | null>>(
    `WITH tree AS (
       SELECT code, name, level, kind, parent_code, population FROM units WHERE ?::INTEGER IS NULL
       UNION ALL
       SELECT code, name, level, kind, parent_code, population FROM campaign_units WHERE year = ?::INTEGER
     )
     SELECT d.code AS district_code, d.name AS district_name,
            s.code AS street_code, s.name AS street_name, s.kind AS street_kind,
            c.code AS community_code, c.name AS community_name, c.kind AS community_kind,
            g.code AS grid_code, g.name AS grid_name, g.population
     FROM tree g
     JOIN tree c ON c.code = g.parent_code AND c.level = 'community'
     JOIN tree s ON s.code = c.parent_code AND s.level = 'street'
     JOIN tree d ON d.code = s.parent_code AND d.level = 'district'
     WHERE g.level = 'grid'
     ORDER BY d.code, s.code, c.code, g.code`,
    [year ?? null, year ?? null],
  );
  return {
    columns: [...regionColumns],
    rows: rows.map((r) => regionColumns.map((c) => (r[c] === null ? '' : String(r[c])))),
    options: { numberColumns: ['population'], sheetName: year ? `regions ${year}` : 'regions' },
  };
}

/**
 * A campaign's responses to one instrument as the wide table of PRODUCT.md: one row per
 * response in order of submission, the question columns in the instrument's order, a checkbox
 * as `a;b`, times in Beijing time. Every stored response is included (exclusions are records
 * beside the responses, not deletions).
 */
export async function responsesTable(
  store: Store,
  year: number,
  name: InstrumentName,
): Promise<ExportTable> {
  const instrument = await getInstrument(store, year, name);
  if (!instrument)
    throw new Error(
      bilingual(
        `${year} 年度测评没有问卷 ${name}`,
        `the ${year} campaign has no ${name} instrument`,
      ),
    );
  const questions = questionColumns(instrument);
  const role = instrumentRoles[name];
  const responses = await store.query<{
    client_id: string;
    subject_code: string;
    rater_code: string | null;
    grid_code: string | null;
    submitted_at: Date;
    answers: string;
  }>(
    `SELECT client_id, subject_code, rater_code, grid_code, submitted_at, answers
     FROM responses WHERE year = ? AND instrument = ?
     ORDER BY submitted_at, client_id`,
    [year, name],
  );
  const rows = responses.map((r) => {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const community = role.rater === 'community' ? r.rater_code : r.subject_code;
    return [
      r.client_id,
      String(year),
      name,
      community ?? '',
      r.grid_code ?? '',
      cellOfInstant(r.submitted_at),
      ...questions.map((q) => cellOfAnswer(answers[q.name])),
    ];
  });
  const numeric = questions.filter(
    (q) =>
      q.question.type !== 'comment' &&
      (q.question.type !== 'text' || q.question.inputType === 'number'),
  );
  return {
    columns: [...responseFixedColumns, ...questions.map((q) => q.name)],
    rows,
    options: {
      numberColumns: ['campaign_year', ...numeric.map((q) => q.name)],
      sheetName: `${name} ${year}`,
    },
  };
}

/** Writes the regions table to a .csv or .xlsx file; returns the number of rows. */
export async function exportRegions(store: Store, path: string, year?: number): Promise<number> {
  const table = await regionsTable(store, year);
  await writeTableFile(path, table, table.options);
  return table.rows.length;
}

/** Writes a campaign's responses to one instrument to a .csv or .xlsx file; returns the number of rows. */
export async function exportResponses(
  store: Store,
  path: string,
  year: number,
  name: InstrumentName,
): Promise<number> {
  const table = await responsesTable(store, year, name);
  await writeTableFile(path, table, table.options);
  return table.rows.length;
}
