import { listValue } from '@duckdb/node-api';
import { instrumentRoles, type InstrumentName } from '@manyi/domain/instrument';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import type { ResponseSource } from '@manyi/domain/response';
import type { Actor } from './audit.ts';
import { responseImportTarget } from './responseImportTarget.ts';
import { responseOfRow, rowProblem } from './responseOfRow.ts';
import type { NewResponse } from './ResponseWriter.ts';
import type { Store } from './Store.ts';
import { cellsByColumn, headerProblems } from './tableHeader.ts';
import type { ReadTable } from './tableFile.ts';
import { sortProblems, TableRejectedError } from './TableRejectedError.ts';

export interface ResponsesImportOptions {
  year: number;
  instrument: InstrumentName;
  /** Where the responses came from. Default 'paper' (paper questionnaires entered in a sheet). */
  source?: ResponseSource;
  /** Told as rows are checked and then written, so that a long import can show progress. */
  onProgress?: (stage: 'check' | 'write', done: number, total: number) => void;
  /** A further check of each row, by its cells (e.g. an account's region); its problems join the rest. */
  checkRow?: (cells: Record<string, string>, row: number) => FieldError[];
  /** Who imports, logged with the count in the same transaction (never the answers). */
  actor?: Actor;
  /** The uploaded file's name, for the log. */
  fileName?: string | null;
}

/** What an import stored. */
export interface ResponsesImportSummary {
  responses: number;
  /** Distinct communities of the file (the subject, or for community→street the rater). */
  communities: number;
}

/**
 * Checks a wide responses table (PRODUCT.md) against the year's campaign, its unit snapshot and
 * the instrument, with the same answer check as the API, and returns the responses to store.
 * Every bad row is found, each problem with its row and column; throws `TableRejectedError`
 * (or `CampaignRefusedError` when the year takes no import at all).
 *
 * @example const responses = await responsesOfTable(store, table, { year: 2026, instrument: 'resident' });
 */
export async function responsesOfTable(
  store: Store,
  table: ReadTable,
  options: ResponsesImportOptions,
): Promise<NewResponse[]> {
  const target = await responseImportTarget(store, options.year, options.instrument);
  const header = headerProblems(table.columns, target.columns);
  if (header.length) throw new TableRejectedError(header);

  const idColumn = table.columns.indexOf('response_id');
  const stored = await storedClientIds(
    store,
    table.rows.map((cells) => cells[idColumn]!.trim()),
  );
  const firstRowOf = new Map<string, number>();
  const problems: FieldError[] = [];
  const responses: NewResponse[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    if (i % 500 === 0) {
      options.onProgress?.('check', i, table.rows.length);
      await new Promise((resolve) => setImmediate(resolve)); // lets a progress bar draw
    }
    const row = table.rowNumbers[i]!;
    const cells = cellsByColumn(table.columns, table.rows[i]!);
    const checked = responseOfRow(target, cells, row);
    if (options.checkRow) checked.problems.push(...options.checkRow(cells, row));
    const clientId = cells.response_id!.trim();
    const first = firstRowOf.get(clientId);
    if (first !== undefined)
      checked.problems.unshift(
        rowProblem(row, 'response_id', `与第 ${first} 行重复`, `repeats row ${first}`),
      );
    else if (stored.has(clientId))
      checked.problems.unshift(
        rowProblem(
          row,
          'response_id',
          '此编号的答卷已导入过',
          'a response with this id is already stored',
        ),
      );
    if (clientId !== '' && first === undefined) firstRowOf.set(clientId, row);
    if (checked.problems.length) problems.push(...checked.problems);
    else responses.push({ ...checked.response!, source: options.source ?? 'paper' });
  }
  options.onProgress?.('check', table.rows.length, table.rows.length);
  if (!table.rows.length)
    problems.push({
      field: 'file',
      message: bilingual('文件没有数据行', 'the file has no data rows'),
    });
  if (problems.length) throw new TableRejectedError(sortProblems(problems, target.columns));
  return responses;
}

/**
 * Imports a wide responses table into the year's campaign: all rows in one transaction, or none
 * if any row is bad. The campaign must be open or closed (a finalized year is frozen).
 */
export async function importResponses(
  store: Store,
  table: ReadTable,
  options: ResponsesImportOptions,
): Promise<ResponsesImportSummary> {
  const responses = await responsesOfTable(store, table, options);
  options.onProgress?.('write', 0, responses.length);
  const role = instrumentRoles[options.instrument];
  const communities = new Set(
    responses.map((r) => (role.subject === 'community' ? r.subjectCode : r.raterCode)),
  );
  const summary = { responses: responses.length, communities: communities.size };
  await store.responses.appendAll(
    responses,
    options.actor && {
      actor: options.actor,
      action: 'responses.import',
      target: `campaign:${options.year}`,
      year: options.year,
      after: { ...summary, instrument: options.instrument, file: options.fileName ?? null },
    },
  );
  options.onProgress?.('write', responses.length, responses.length);
  return summary;
}

/** Which of these client ids are stored already (in any year: client ids are unique). */
async function storedClientIds(store: Store, clientIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(clientIds.filter((id) => id !== ''))];
  if (!ids.length) return new Set();
  const rows = await store.query<{ client_id: string }>(
    'SELECT client_id FROM responses WHERE client_id IN (SELECT unnest(?::VARCHAR[]))',
    [listValue(ids)],
  );
  return new Set(rows.map((r) => r.client_id));
}
