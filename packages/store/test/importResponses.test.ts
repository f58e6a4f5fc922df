import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignState } from '@manyi/domain/campaign';
import { CampaignRefusedError } from '../src/CampaignRefusedError.ts';
import { importResponses, type ResponsesImportOptions } from '../src/importResponses.ts';
import type { Store } from '../src/Store.ts';
import { readTableFile, writeTableFile, type Table } from '../src/tableFile.ts';
import { TableRejectedError } from '../src/TableRejectedError.ts';
import { importStore, residentColumns, residentRow, tempDir } from './importFixture.ts';

let store: Store;
afterEach(() => store.close());

const resident: ResponsesImportOptions = { year: 2026, instrument: 'resident' };

/** Writes a table to a file of the format and imports it. */
async function importFile(table: Table, options = resident, format: 'csv' | 'xlsx' = 'csv') {
  const path = join(tempDir(), `responses.${format}`);
  await writeTableFile(path, table);
  return importResponses(store, await readTableFile(path), options);
}

/** The error an import is refused with. */
async function refusal(table: Table, options = resident) {
  return importFile(table, options).then(
    () => expect.unreachable('imported'),
    (e: unknown) => e,
  );
}

const count = async () =>
  Number((await store.query<{ n: bigint }>('SELECT count(*) AS n FROM responses'))[0]!.n);

describe('importResponses', () => {
  it('imports a good file: typed answers, the same long rows as the API, source paper, Beijing time', async () => {
    store = await importStore();
    const rows = [
      residentRow('P-0001'),
      residentRow('P-0002', {
        community_code: '010102',
        grid_code: '',
        submitted_at: '2026-11-21',
        clean: '5',
        topics: '',
        years: '',
        registered: 'FALSE',
        age: '',
        suggestion: '',
      }),
      residentRow('P-0003', {
        grid_code: '01010101',
        submitted_at: '2026/11/22 8:05',
        topics: '服务；环境',
        overall: ' 5 ',
      }),
    ];
    expect(await importFile({ columns: residentColumns, rows }, resident, 'xlsx')).toEqual({
      responses: 3,
      communities: 2,
    });
    const stored = await store.query<Record<string, unknown>>(
      `SELECT client_id, subject_code, rater_code, grid_code, source, started_at, strftime(submitted_at, '%Y-%m-%d %H:%M') AS submitted, answers
       FROM responses ORDER BY client_id`,
    );
    expect(stored).toEqual([
      {
        client_id: 'P-0001',
        subject_code: '010101',
        rater_code: null,
        grid_code: '01010102',
        source: 'paper',
        started_at: null,
        submitted: '2026-11-20 09:30',
        answers: JSON.stringify({
          overall: 4,
          clean: 'na',
          topics: ['环境', '治安'],
          years: 12,
          registered: true,
          age: '60+',
          suggestion: '多装路灯, "亮一点"',
        }),
      },
      {
        client_id: 'P-0002',
        subject_code: '010102',
        rater_code: null,
        grid_code: '01010201',
        source: 'paper',
        started_at: null,
        submitted: '2026-11-21 00:00',
        answers: JSON.stringify({ overall: 4, clean: 5, registered: false }),
      },
      expect.objectContaining({
        client_id: 'P-0003',
        grid_code: '01010101',
        submitted: '2026-11-22 08:05',
        answers: expect.stringContaining('"overall":5,"clean":"na","topics":["服务","环境"]'),
      }),
    ]);
    const long = await store.query(
      `SELECT question, value, text FROM answers JOIN responses r ON r.id = response_id WHERE r.client_id = 'P-0001' ORDER BY question`,
    );
    expect(long).toEqual([
      { question: 'age', value: null, text: '60+' },
      { question: 'clean', value: null, text: 'na' },
      { question: 'overall', value: 4, text: null },
      { question: 'registered', value: 1, text: null },
      { question: 'suggestion', value: null, text: '多装路灯, "亮一点"' },
      { question: 'topics', value: null, text: '["环境","治安"]' },
      { question: 'years', value: 12, text: null },
    ]);
  });

  it('reports every bad row with its row and column, and imports nothing', async () => {
    store = await importStore();
    await importFile({ columns: residentColumns, rows: [residentRow('STORED-1')] });
    const rows = [
      residentRow('P-1', { overall: '7' }), // row 2
      residentRow('P-2', { community_code: '999999' }), // row 3
      residentRow('P-3', { grid_code: '01020101' }), // row 4: a grid of 010201
      residentRow('P-1'), // row 5: repeats row 2
      residentRow('STORED-1'), // row 6
      residentRow('P-6', { submitted_at: '2026-02-30' }), // row 7
      residentRow('P-7', { campaign_year: '2025', instrument: 'community_to_street' }), // row 8
      residentRow('P-8', { clean: '6', topics: '环境;卫生', years: 'twelve', overall: '' }), // row 9
      residentRow('P-9'), // row 10: good
      residentRow('P-10', { grid_code: '', registered: '也许' }), // row 11: 010101 has two grids
    ];
    const error = await refusal({ columns: residentColumns, rows });
    expect(error).toBeInstanceOf(TableRejectedError);
    const problems = (error as TableRejectedError).problems;
    expect(problems.map((p) => `${p.row} ${p.field}`)).toEqual([
      '2 overall',
      '3 community_code',
      '4 grid_code',
      '5 response_id',
      '6 response_id',
      '7 submitted_at',
      '8 campaign_year',
      '8 instrument',
      '9 overall',
      '9 clean',
      '9 topics',
      '9 years',
      '11 grid_code',
      '11 registered',
    ]);
    const message = (row: number, field: string) =>
      problems.find((p) => p.row === row && p.field === field)!.message;
    expect(message(2, 'overall')).toBe('评分 7 超出范围 / rating 7 is out of range');
    expect(message(3, 'community_code')).toBe(
      '2026 年度测评中没有编码为 999999 的社区/村 / no community 999999 in the 2026 campaign',
    );
    expect(message(4, 'grid_code')).toBe(
      '网格 01020101 属于 010201,不属于 010101 / grid 01020101 belongs to 010201, not 010101',
    );
    expect(message(5, 'response_id')).toBe('与第 2 行重复 / repeats row 2');
    expect(message(6, 'response_id')).toMatch(/已导入过.*already stored/);
    expect(message(7, 'submitted_at')).toMatch(/"2026-02-30" 不是日期或时间.*is not an ISO date/);
    expect(message(8, 'campaign_year')).toBe(
      '应为 2026(与 --year 一致) / must be 2026 (as --year)',
    );
    expect(message(9, 'overall')).toBe('此题必答 / an answer is required');
    expect(message(9, 'years')).toBe('答案类型错误:应为数字 / wrong type: expected a number');
    expect(message(11, 'grid_code')).toMatch(/该社区有多个网格.*several grids/);
    expect(await count()).toBe(1);
  });

  it('refuses unknown and missing columns before reading rows', async () => {
    store = await importStore();
    const columns = residentColumns.map((c) => (c === 'years' ? 'years_lived' : c));
    const error = (await refusal({ columns, rows: [residentRow('P-1')] })) as TableRejectedError;
    expect(error.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [1, 'years', '缺少此列 / this column is missing'],
      [1, 'years_lived', '未知的列 / unknown column'],
    ]);
  });

  it('stores two-way forms with the community and its street in their roles', async () => {
    store = await importStore();
    const ratings = (names: string[]) => Object.fromEntries(names.map((n) => [n, '4']));
    const fixed = [
      'response_id',
      'campaign_year',
      'instrument',
      'community_code',
      'grid_code',
      'submitted_at',
    ];
    const c2s = [
      'sup_guidance',
      'sup_coordination',
      'sup_funding',
      'sup_care',
      'burden_inspections',
      'burden_meetings',
      'burden_access',
      'burden_paperwork',
      'burden_certificates',
      'burden_systems',
      'style_respect',
      'style_efficiency',
      'style_grassroots',
      'suggestion',
    ];
    const cells: Record<string, string> = {
      ...ratings(c2s),
      burden_inspections: '3',
      suggestion: '',
    };
    const table = (grid: string) => ({
      columns: [...fixed, ...c2s],
      rows: [
        [
          'C2S-1',
          '2026',
          'community_to_street',
          '010201',
          grid,
          '2026-12-01T10:00:00+08:00',
          ...c2s.map((c) => cells[c]!),
        ],
      ],
    });
    const options: ResponsesImportOptions = { year: 2026, instrument: 'community_to_street' };
    const error = (await refusal(table('01020101'), options)) as TableRejectedError;
    expect(error.problems).toEqual([
      {
        row: 2,
        field: 'grid_code',
        message: '此问卷不填网格,请留空 / this form takes no grid: leave it empty',
      },
    ]);
    expect(await importFile(table(''), options)).toEqual({ responses: 1, communities: 1 });
    expect(
      await store.query('SELECT subject_code, rater_code, grid_code, instrument FROM responses'),
    ).toEqual([
      {
        subject_code: '0102',
        rater_code: '010201',
        grid_code: null,
        instrument: 'community_to_street',
      },
    ]);
  });

  for (const [state, pattern] of [
    ['finalized', /已定稿.*已冻结.*frozen/],
    ['published', /frozen/],
    ['draft', /尚未开始.*has not opened/],
  ] as [CampaignState, RegExp][]) {
    it(`refuses a ${state} year`, async () => {
      store = await importStore(':memory:', state);
      const error = await refusal({ columns: residentColumns, rows: [residentRow('P-1')] });
      expect(error).toBeInstanceOf(CampaignRefusedError);
      expect((error as Error).message).toMatch(pattern);
      expect(await count()).toBe(0);
    });
  }

  it('takes paper questionnaires into a closed year, and refuses a year without a campaign', async () => {
    store = await importStore(':memory:', 'closed');
    expect(await importFile({ columns: residentColumns, rows: [residentRow('P-1')] })).toEqual({
      responses: 1,
      communities: 1,
    });
    const error = await refusal(
      { columns: residentColumns, rows: [residentRow('P-2')] },
      { year: 2027, instrument: 'resident' },
    );
    expect((error as CampaignRefusedError).reason).toBe('missing');
  });
});
