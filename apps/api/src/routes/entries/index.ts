import { Hono } from 'hono';
import { bilingual, type FieldError } from '@manyi/domain/messages';
import { paperClientId, paperEntrySchema, type PaperEntry } from '@manyi/domain/paperEntry';
import { canSee } from '@manyi/domain/scope';
import { campaignOfYear } from '@manyi/store/campaignCommunity';
import { responseImportTarget, type ResponseImportTarget } from '@manyi/store/responseImportTarget';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { bodyLimitOf, jsonBody } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { appendOnce } from '../../appendOnce.ts';
import { problem } from '../../problem.ts';
import { gridQuestion } from '../surveys/index.ts';
import { entryForm } from './entryForm.ts';

/**
 * Paper questionnaires typed in one at a time (issue 4 §6), for evaluators within their region:
 * `POST /entries/:year/responses` `{ instrument: 'resident', community, grid?, answers,
 * submittedAt?, paperId }` → 201 `{ id, clientId }`. Checked exactly as a resident's submission
 * (answers against the form, the grid against the community; the grid may also come as the
 * form's `grid` answer), stored with source `paper` and client id `paper-<year>-<paperId>`: the
 * same paper entered twice answers 409. 403 a community outside the region, 404 one the year does
 * not hold, 409 a year not open or frozen. Logged with who entered it, never the answers.
 *
 * `GET /entries/:year/form?community=CODE` → `{ year, state, community: { code, name,
 * streetName, districtName }, entered, survey }`: the year's resident form for the community (as
 * its residents get it, grid question included) and how many paper questionnaires it holds, for
 * the data-entry page; also for a closed year, when late sheets are typed in. Same 403 and 404.
 */
export function entries(store: Store) {
  return new Hono<AuthEnv>()
    .get('/:year{[0-9]{4}}/form', requireRole('evaluator'), async (c) => {
      const year = Number(c.req.param('year'));
      const code = (c.req.query('community') ?? '').slice(0, 32);
      const tree = await regionTree(store);
      if (tree.has(code) && !canSee(signedInUser(c), code, tree))
        return problem(
          c,
          403,
          `您的账号范围不包括 ${code}`,
          `your account's region does not hold ${code}`,
        );
      const form = await entryForm(store, await campaignOfYear(store, year), code);
      if (!form)
        return problem(
          c,
          404,
          `${year} 年度测评中没有编码为 ${code} 的社区/村`,
          `no community ${code} in the ${year} campaign`,
        );
      c.header('Cache-Control', 'no-store');
      return c.json(form);
    })
    .post(
      '/:year{[0-9]{4}}/responses',
      requireRole('evaluator'),
      bodyLimitOf(64 * 1024),
      async (c) => {
        const entry = await jsonBody(c, paperEntrySchema, entryFieldNames);
        if (entry instanceof Response) return entry;
        const year = Number(c.req.param('year'));
        const user = signedInUser(c);
        const tree = await regionTree(store);
        if (tree.has(entry.community) && !canSee(user, entry.community, tree))
          return problem(
            c,
            403,
            `您的账号范围不包括 ${entry.community}`,
            `your account's region does not hold ${entry.community}`,
          );
        const target = await responseImportTarget(store, year, 'resident');
        const community = target.communities.get(entry.community);
        if (!community)
          return problem(
            c,
            404,
            `${year} 年度测评中没有编码为 ${entry.community} 的社区/村`,
            `no community ${entry.community} in the ${year} campaign`,
          );
        const clientId = paperClientId(year, entry.paperId);
        const checked = checkEntry(target, community.grids, entry);
        if ('errors' in checked) return c.json({ errors: checked.errors }, 400);
        const id = await appendOnce(
          store,
          {
            clientId,
            year,
            instrument: 'resident',
            subjectCode: entry.community,
            raterCode: null,
            gridCode: checked.grid,
            source: 'paper',
            startedAt: null,
            submittedAt: entry.submittedAt ? new Date(entry.submittedAt) : new Date(),
            answers: checked.answers,
            long: target.compiled.extract(checked.answers),
          },
          {
            actor: actorOf(user),
            action: 'responses.enter',
            target: `response:${clientId}`,
            year,
            after: { paperId: entry.paperId, community: entry.community, grid: checked.grid },
          },
        );
        if (!id)
          return problem(
            c,
            409,
            `纸质问卷 ${entry.paperId} 已录入过`,
            `paper questionnaire ${entry.paperId} is already entered`,
          );
        return c.json({ id, clientId }, 201);
      },
    );
}

/** The answers checked against the form and the grid against the community, as for a resident. */
function checkEntry(target: ResponseImportTarget, grids: readonly string[], entry: PaperEntry) {
  const { [gridQuestion]: answeredGrid, ...answers } = entry.answers;
  const grid = entry.grid ?? answeredGrid;
  const errors: FieldError[] = target.compiled.validate(answers);
  let gridCode: string | null = grids.length === 1 ? grids[0]! : null;
  if (grid !== undefined || grids.length > 1) {
    if (typeof grid === 'string' && grids.includes(grid)) gridCode = grid;
    else
      errors.unshift({
        field: gridQuestion,
        message:
          grid === undefined || grid === null || grid === ''
            ? bilingual('请选择网格', 'the grid is required')
            : bilingual('所选网格不属于该社区', 'this grid is not part of the community'),
      });
  }
  if (errors.length) return { errors };
  return { answers, grid: gridCode };
}

/** The Chinese names of an entry's fields, for messages. */
const entryFieldNames: Record<string, string> = {
  instrument: '问卷',
  community: '社区编码',
  grid: '网格',
  answers: '答案',
  submittedAt: '填写时间',
  paperId: '问卷编号',
};
