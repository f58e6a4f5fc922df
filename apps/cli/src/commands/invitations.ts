import { open as openFile, rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { publicBaseUrl } from '@manyi/api/print/surveyUrl';
import { issueInvitationSheet, posterFile } from '@manyi/api/print/printables';
import { issueInvitationsSchema, type InvitationFormat } from '@manyi/domain/invitation';
import { bilingual } from '@manyi/domain/messages';
import { machineActor } from '@manyi/store/audit';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

interface PrintOptions {
  year: number;
  community: string;
  out: string;
  url?: string;
  db?: string;
}

/**
 * `manyi invitations issue --year Y --community C --count N --out FILE.pdf|png|json [--url BASE]`:
 * one-time invitations as printable slips (or their links). The file is the only place the
 * tokens will ever be, so it is never overwritten and only its owner may read it.
 */
export function invitationsCommand(): Command {
  const command = new Command('invitations').description(
    '一次性邀请(每户一份)/ one-time invitations, one per household',
  );
  command
    .command('issue')
    .description(
      '发放邀请并生成邀请条(PDF;PNG 仅一页;或 JSON 链接)/ issue invitations as slips (PDF; PNG of one page; or JSON links)',
    )
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .requiredOption('--community <code>', '社区编码 / community code')
    .requiredOption('--count <n>', '份数 / how many', Number)
    .requiredOption('--out <file>', '输出文件 .pdf、.png 或 .json / output file')
    .addOption(urlOption())
    .addOption(dbOption())
    .action((options: PrintOptions & { count: number }) =>
      withStore(options.db, async (open) => {
        const format = formatOf(options.out, ['pdf', 'png', 'json'] as const);
        const parsed = issueInvitationsSchema.safeParse({ count: options.count, format });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
        const base = publicBaseUrl(options.url);
        // the file first: an existing one is refused before any token exists
        const file = await openFile(options.out, 'wx', 0o600);
        try {
          const sheet = await issueInvitationSheet(
            await open(),
            {
              year: options.year,
              communityCode: options.community,
              count: parsed.data.count,
              base,
            },
            format,
            machineActor(),
          );
          await file.writeFile(
            Buffer.isBuffer(sheet) ? sheet : `${JSON.stringify(sheet, null, 2)}\n`,
          );
        } catch (error) {
          await file.close();
          await rm(options.out, { force: true });
          throw error;
        }
        await file.close();
        console.log(
          bilingual(
            `已发放 ${parsed.data.count} 份邀请(${options.year} 年度,社区 ${options.community}),写入 ${options.out}`,
            `issued ${parsed.data.count} invitations (${options.year}, community ${options.community}) into ${options.out}`,
          ),
        );
      }),
    );
  return command;
}

/** `manyi poster --year Y --community C --out FILE.png|pdf|svg [--url BASE]`: a community's QR poster. */
export function posterCommand(): Command {
  return new Command('poster')
    .description('生成社区二维码海报(A4)/ print a community QR poster (A4)')
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .requiredOption('--community <code>', '社区编码 / community code')
    .requiredOption('--out <file>', '输出文件 .png、.pdf 或 .svg / output file')
    .addOption(urlOption())
    .addOption(dbOption())
    .action((options: PrintOptions) =>
      withStore(options.db, async (open) => {
        const format = formatOf(options.out, ['png', 'pdf', 'svg'] as const);
        const base = publicBaseUrl(options.url);
        const target = { year: options.year, communityCode: options.community, base };
        await writeFile(options.out, await posterFile(await open(), target, format));
        console.log(bilingual(`海报已写入 ${options.out}`, `poster written to ${options.out}`));
      }),
    );
}

/** `--url`: where the printed codes point; a poster on a wall must not point to localhost. */
function urlOption(): Option {
  return new Option(
    '--url <base>',
    '对外访问地址 / public base URL, e.g. https://manyi.example.gov.cn (default: MANYI_PUBLIC_URL)',
  );
}

/** The format an output file's extension names, or an error listing the allowed ones. */
function formatOf<F extends InvitationFormat | 'svg'>(file: string, allowed: readonly F[]): F {
  const extension = extname(file).slice(1).toLowerCase();
  const format = allowed.find((f) => f === extension);
  if (!format)
    throw new Error(
      bilingual(
        `输出文件应以 ${allowed.map((f) => `.${f}`).join('、')} 结尾`,
        `the output file must end in ${allowed.map((f) => `.${f}`).join(', ')}`,
      ),
    );
  return format;
}
