import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { campaignStateNames } from '@manyi/domain/campaign';
import { instrumentNames, instrumentSchema } from '@manyi/domain/instrument';
import {
  campaignActionTargets,
  newCampaignSchema,
  type CampaignAction,
} from '@manyi/domain/lifecycle';
import { bilingual } from '@manyi/domain/messages';
import { machineActor } from '@manyi/store/audit';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  saveInstrument,
  setCampaignState,
} from '@manyi/store/campaigns';
import { dbOption, parseYear } from './import.ts';
import { withStore } from './withStore.ts';

/** What each transition command says it does. */
const actionTexts: Record<CampaignAction, string> = {
  open: '开始(或在定稿前重新开始)收集答卷 / open (or, before finalizing, reopen) for submissions',
  close: '结束收集答卷 / close to submissions',
  finalize: '定稿:冻结该年度全部数据 / finalize: freeze the year',
  publish: '发布结果 / publish the results',
  reopen: '重新开放已定稿的年度(须 --reason)/ reopen a finalized year (needs --reason)',
};

/**
 * `manyi campaign create --year Y --title T [--opens-at ISO] [--closes-at ISO] [--instruments DIR]`,
 * `manyi campaign open|close|finalize|publish|reopen --year Y [--reason R]`, `manyi campaign list`.
 * Every write is logged as the operating-system account that ran it.
 */
export function campaignCommand(): Command {
  const command = new Command('campaign').description('管理年度测评 / manage evaluation campaigns');
  command
    .command('create')
    .description('新建年度测评(草稿)/ create a campaign as a draft')
    .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
    .requiredOption('--title <title>', '标题 / title')
    .option('--opens-at <time>', '开始时间 / opening time, e.g. 2026-11-10T00:00:00+08:00')
    .option('--closes-at <time>', '结束时间 / closing time, e.g. 2026-12-11T00:00:00+08:00')
    .option(
      '--instruments <dir>',
      '从目录读取问卷(resident.json 等)/ read the instruments from a folder (resident.json, …)',
    )
    .addOption(dbOption())
    .action(
      (options: {
        year: number;
        title: string;
        opensAt?: string;
        closesAt?: string;
        instruments?: string;
        db?: string;
      }) =>
        withStore(options.db, async (open) => {
          const parsed = newCampaignSchema.safeParse({
            year: options.year,
            title: options.title,
            opensAt: options.opensAt ?? null,
            closesAt: options.closesAt ?? null,
          });
          if (!parsed.success)
            throw new Error(
              parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            );
          const instruments = options.instruments ? readInstruments(options.instruments) : [];
          const store = await open();
          const actor = machineActor();
          await createCampaign(store, parsed.data, actor);
          for (const instrument of instruments)
            await saveInstrument(store, options.year, instrument, actor);
          console.log(
            bilingual(
              `已新建 ${options.year} 年度测评(草稿)${instruments.length ? `,问卷 ${instruments.map((i) => i.name).join('、')}` : ''}`,
              `created the ${options.year} campaign as a draft${instruments.length ? ` with ${instruments.map((i) => i.name).join(', ')}` : ''}`,
            ),
          );
        }),
    );
  for (const action of Object.keys(campaignActionTargets) as CampaignAction[])
    command
      .command(action)
      .description(actionTexts[action])
      .requiredOption('--year <year>', '测评年度 / campaign year', parseYear)
      .option('--reason <reason>', '理由(记入审计日志)/ reason, kept in the audit log')
      .addOption(dbOption())
      .action((options: { year: number; reason?: string; db?: string }) =>
        withStore(options.db, async (open) => {
          const store = await open();
          const before = await getCampaign(store, options.year);
          const to = campaignActionTargets[action];
          // `reopen` is only finalized → closed; `open` never unfreezes a year
          if (action === 'reopen' && before && before.state !== 'finalized')
            throw new Error(
              bilingual(
                `${options.year} 年度测评为${campaignStateNames[before.state]},只有已定稿的年度可以 reopen`,
                `the ${options.year} campaign is ${before.state}: only a finalized year can be reopened`,
              ),
            );
          const after = await setCampaignState(store, options.year, to, {
            actor: machineActor(),
            reason: options.reason,
          });
          console.log(
            bilingual(
              `${options.year} 年度测评:${campaignStateNames[before!.state]} → ${campaignStateNames[after.state]}`,
              `the ${options.year} campaign: ${before!.state} → ${after.state}`,
            ),
          );
        }),
      );
  command
    .command('list')
    .description('列出年度测评 / list the campaigns')
    .addOption(dbOption())
    .action((options: { db?: string }) =>
      withStore(options.db, async (open) => {
        const campaigns = await listCampaigns(await open());
        if (!campaigns.length) console.log(bilingual('还没有年度测评', 'no campaigns yet'));
        for (const c of campaigns)
          console.log(
            [
              c.year,
              `${campaignStateNames[c.state]} ${c.state}`,
              c.title,
              c.opensAt ?? '-',
              c.closesAt ?? '-',
            ].join('\t'),
          );
      }),
    );
  return command;
}

/** The instruments found in a folder as `<name>.json`, each checked against the instrument schema. */
function readInstruments(dir: string) {
  const found = [];
  for (const name of instrumentNames) {
    let text: string;
    try {
      text = readFileSync(join(dir, `${name}.json`), 'utf8');
    } catch {
      continue;
    }
    const parsed = instrumentSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(
        bilingual(`问卷 ${name}.json 格式不正确`, `${name}.json is not a valid instrument`) +
          `: ${parsed.error.message}`,
      );
    found.push(parsed.data);
  }
  if (!found.length)
    throw new Error(bilingual(`${dir} 中没有问卷文件`, `no instrument files in ${dir}`));
  return found;
}
