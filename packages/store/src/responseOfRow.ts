import { instrumentRoles } from '@manyi/domain/instrument';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import type { ResponseImportTarget } from './responseImportTarget.ts';
import { answerOfCell, instantOfCell } from './responseTable.ts';
import type { NewResponse } from './ResponseWriter.ts';

/** One row as a response, or its problems (all but the client id's uniqueness, which needs the other rows). */
export function responseOfRow(
  target: ResponseImportTarget,
  cell: Record<string, string>,
  row: number,
): { response?: NewResponse; problems: FieldError[] } {
  const { year, name } = target;
  const role = instrumentRoles[name];
  const problems: FieldError[] = [];
  const problem = (field: string, zh: string, en: string) =>
    problems.push(rowProblem(row, field, zh, en));

  const clientId = cell.response_id!.trim();
  if (clientId === '') problem('response_id', '不能为空', 'must not be empty');
  else if (!/^[A-Za-z0-9_-]{1,64}$/.test(clientId))
    problem(
      'response_id',
      '编号只能包含字母、数字、-、_,最长 64 个字符',
      'may hold only letters, digits, - and _ (at most 64)',
    );
  if (cell.campaign_year!.trim() === '' || Number(cell.campaign_year) !== year)
    problem('campaign_year', `应为 ${year}(与 --year 一致)`, `must be ${year} (as --year)`);
  if (cell.instrument!.trim() !== name)
    problem(
      'instrument',
      `应为 ${name}(与 --instrument 一致)`,
      `must be ${name} (as --instrument)`,
    );

  const communityCode = cell.community_code!.trim();
  const community = target.communities.get(communityCode);
  if (communityCode === '') problem('community_code', '不能为空', 'must not be empty');
  else if (!community)
    problem(
      'community_code',
      `${year} 年度测评中没有编码为 ${communityCode} 的社区/村`,
      `no community ${communityCode} in the ${year} campaign`,
    );

  const gridCode = cell.grid_code!.trim();
  let grid: string | null = null;
  if (role.rater !== 'grid') {
    if (gridCode !== '')
      problem('grid_code', '此问卷不填网格,请留空', 'this form takes no grid: leave it empty');
  } else if (community) {
    const owner = target.gridCommunity.get(gridCode);
    if (community.grids.includes(gridCode)) grid = gridCode;
    else if (gridCode === '' && community.grids.length === 1) grid = community.grids[0]!;
    else if (gridCode === '')
      problem(
        'grid_code',
        '该社区有多个网格,请填写网格编码',
        'the community has several grids: give the grid code',
      );
    else if (owner)
      problem(
        'grid_code',
        `网格 ${gridCode} 属于 ${owner},不属于 ${communityCode}`,
        `grid ${gridCode} belongs to ${owner}, not ${communityCode}`,
      );
    else problem('grid_code', `没有编码为 ${gridCode} 的网格`, `no grid ${gridCode}`);
  }

  const written = cell.submitted_at!.trim();
  const submittedAt = instantOfCell(written);
  if (!submittedAt)
    problem(
      'submitted_at',
      `"${written}" 不是日期或时间(如 2026-11-20 或 2026-11-20 09:30)`,
      `"${written}" is not an ISO date or date-time (e.g. 2026-11-20, 2026-11-20T09:30)`,
    );

  const answers: Record<string, unknown> = {};
  for (const column of target.questions) {
    const value = answerOfCell(column, cell[column.name]!);
    if (value !== undefined) answers[column.name] = value;
  }
  for (const error of target.compiled.validate(answers)) problems.push({ ...error, row });
  if (problems.length) return { problems };

  const street = community!.street;
  return {
    problems,
    response: {
      clientId,
      year,
      instrument: name,
      subjectCode: role.subject === 'street' ? street : communityCode,
      raterCode: role.rater === 'grid' ? null : role.rater === 'street' ? street : communityCode,
      gridCode: grid,
      source: 'paper',
      startedAt: null,
      submittedAt: submittedAt!,
      answers,
      long: target.compiled.extract(answers),
    },
  };
}

/** A problem of one row. */
export function rowProblem(row: number, field: string, zh: string, en: string): FieldError {
  return { row, field, message: bilingual(zh, en) };
}
