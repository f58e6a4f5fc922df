import { Command } from 'commander';

/**
 * The commands, each loaded only when asked for: a command's module brings its dependencies
 * (the API, exceljs, jieba, the charts…), and loading all of them cost `manyi score` about a
 * second of start-up before any work. Help, and a name that is none of these, load them all.
 */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand(),
  import: async () =>
    (await import('./commands/import.ts'))
      .importCommand()
      .addCommand((await import('./commands/figures.ts')).figuresCommand()),
  score: async () => (await import('./commands/score.ts')).scoreCommand(),
  export: async () =>
    (await import('./commands/exportData.ts')).exportCommand(
      (await import('./commands/exportResults.ts')).resultsExportCommand(),
    ),
  estimate: async () => (await import('./commands/estimate.ts')).estimateCommand(),
  user: async () => (await import('./commands/user.ts')).userCommand(),
  campaign: async () => (await import('./commands/campaign.ts')).campaignCommand(),
  quality: async () => (await import('./commands/quality.ts')).qualityCommand(),
  invitations: async () => (await import('./commands/invitations.ts')).invitationsCommand(),
  poster: async () => (await import('./commands/invitations.ts')).posterCommand(),
  workbook: async () => (await import('./commands/workbook.ts')).workbookCommand(),
  publish: async () => (await import('./commands/publish.ts')).publishCommand(),
  chart: async () => (await import('./commands/chart.ts')).chartCommand(),
};

/** `manyi`: the evaluator's command line. Every command takes `--db PATH`. */
const program = new Command('manyi')
  .description(
    '满意 Manyi:社区与街道年度满意度测评 / annual satisfaction evaluation of communities and streets',
  )
  .showHelpAfterError();

const asked = process.argv[2];
const names =
  asked !== undefined && Object.hasOwn(commands, asked) ? [asked] : Object.keys(commands);
for (const command of await Promise.all(names.map((name) => commands[name]!())))
  program.addCommand(command);

await program.parseAsync(process.argv);
