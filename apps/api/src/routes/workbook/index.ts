import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { latestResults } from '@manyi/scoring/latestResults';
import { writeYearWorkbook } from '@manyi/scoring/yearWorkbook';
import { getCampaign } from '@manyi/store/campaigns';
import type { Store } from '@manyi/store/Store';
import { requireCityScope, requireRole } from '../../middleware/access/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';
import { tableMediaTypes } from '../imports/index.ts';

/**
 * The year-end workbook (issue 4 §8) of the year's latest scoring run, for city-wide evaluators
 * and leadership: `GET /workbook/:year.xlsx` → the XLSX as a download named
 * `<year>年度测评结果.xlsx`. 404 a year without a campaign or without a scoring run.
 */
export function workbook(store: Store) {
  return new Hono<AuthEnv>().get(
    '/:file{[0-9]{4}\\.xlsx}',
    requireRole('evaluator', 'leadership'),
    requireCityScope(store),
    async (c) => {
      const year = Number(c.req.param('file').slice(0, 4));
      if (!(await getCampaign(store, year)))
        return problem(c, 404, `没有 ${year} 年度的测评`, `there is no ${year} campaign`);
      if (!(await latestResults(store, year)))
        return problem(
          c,
          404,
          `${year} 年度尚无评分结果,请先评分`,
          `no results for ${year} yet: score the year first`,
        );
      const dir = await mkdtemp(join(tmpdir(), 'manyi-workbook-'));
      const path = join(dir, `${year}.xlsx`);
      try {
        await writeYearWorkbook(store, year, path);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      const file = createReadStream(path);
      // the temporary copy goes once the download has been read, or abandoned
      file.once('close', () => void rm(dir, { recursive: true, force: true }));
      const name = `${year}年度测评结果.xlsx`;
      c.header('Content-Type', tableMediaTypes.xlsx);
      c.header('Content-Length', String((await stat(path)).size));
      c.header(
        'Content-Disposition',
        `attachment; filename="manyi-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      c.header('Cache-Control', 'private, no-store');
      return c.body(Readable.toWeb(file) as ReadableStream<Uint8Array>, 200);
    },
  );
}
