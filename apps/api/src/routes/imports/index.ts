import { Hono } from 'hono';
import { instrumentNames, type InstrumentName } from '@manyi/domain/instrument';
import { canSee } from '@manyi/domain/scope';
import { importResponses } from '@manyi/store/importResponses';
import { rowProblem } from '@manyi/store/responseOfRow';
import { actorOf } from '@manyi/store/sessions';
import type { Store } from '@manyi/store/Store';
import type { TableFormat } from '@manyi/store/tableFile';
import { readTable } from '@manyi/store/tableFile';
import { TableRejectedError } from '@manyi/store/TableRejectedError';
import { regionTree, requireRole, signedInUser } from '../../middleware/access/index.ts';
import { bodyLimitOf } from '../../middleware/json-body/index.ts';
import type { AuthEnv } from '../../middleware/session/index.ts';
import { problem } from '../../problem.ts';

export interface ImportsOptions {
  /** Largest file accepted (bytes). Default 20 MiB, some 50,000 rows of a resident sheet. */
  maxFileBytes?: number;
}

/** The media types of the table files evaluators upload. */
export const tableMediaTypes: Record<TableFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Paper questionnaires uploaded as a sheet (issue 4 §6), for evaluators within their region:
 * `POST /imports/:year/responses?instrument=NAME` with the CSV or XLSX file as the raw body
 * (`Content-Type: text/csv` or the XLSX type; `X-File-Name` optionally names it, percent-encoded).
 * The same checks as `manyi import responses`: 201 `{ imported, communities }`; 400 `{ errors:
 * [{ row, field, message }] }` listing every bad row (a row of a community outside the account's
 * region among them), nothing imported; 409 a year not open or frozen; 415 another type; 413 too
 * large. Logged with the count, instrument and file name, never the contents.
 */
export function imports(store: Store, options: ImportsOptions = {}) {
  const maxSize = options.maxFileBytes ?? 20 * 1024 * 1024;
  return new Hono<AuthEnv>().post(
    '/:year{[0-9]{4}}/responses',
    requireRole('evaluator'),
    bodyLimitOf(maxSize),
    async (c) => {
      const instrument = c.req.query('instrument') ?? '';
      if (!(instrumentNames as readonly string[]).includes(instrument))
        return problem(
          c,
          400,
          `请用 ?instrument= 指明问卷:${instrumentNames.join('、')}`,
          `name the form with ?instrument=: ${instrumentNames.join(', ')}`,
        );
      const format = formatOf(c.req.header('content-type'));
      if (!format)
        return problem(
          c,
          415,
          '请上传 CSV 或 XLSX 文件',
          `send the file as ${Object.values(tableMediaTypes).join(' or ')}`,
        );
      const user = signedInUser(c);
      const tree = await regionTree(store);
      try {
        const table = await readTable(new Uint8Array(await c.req.arrayBuffer()), format);
        const summary = await importResponses(store, table, {
          year: Number(c.req.param('year')),
          instrument: instrument as InstrumentName,
          source: 'paper',
          actor: actorOf(user),
          fileName: fileNameOf(c.req.header('x-file-name')),
          // a code outside the tree is reported by the import's own check
          checkRow: (cells, row) => {
            const code = (cells.community_code ?? '').trim();
            return tree.has(code) && !canSee(user, code, tree)
              ? [
                  rowProblem(
                    row,
                    'community_code',
                    `您的账号范围不包括 ${code}`,
                    `your account's region does not hold ${code}`,
                  ),
                ]
              : [];
          },
        });
        return c.json({ imported: summary.responses, communities: summary.communities }, 201);
      } catch (error) {
        if (error instanceof TableRejectedError) return c.json({ errors: error.problems }, 400);
        throw error;
      }
    },
  );
}

/** The table format of a Content-Type, or undefined. */
function formatOf(contentType: string | undefined): TableFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (Object.keys(tableMediaTypes) as TableFormat[]).find((f) => tableMediaTypes[f] === type);
}

/** The uploaded file's name for the log: decoded, at most 200 characters, or null. */
function fileNameOf(header: string | undefined): string | null {
  if (!header) return null;
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // not percent-encoded: keep it as sent
  }
  return name.slice(0, 200) || null;
}
