import { Command } from 'commander';
import { campaignCommand } from './commands/campaign.ts';
import { chartCommand } from './commands/chart.ts';
import { estimateCommand } from './commands/estimate.ts';
import { exportCommand } from './commands/exportData.ts';
import { resultsExportCommand } from './commands/exportResults.ts';
import { figuresCommand } from './commands/figures.ts';
import { importCommand } from './commands/import.ts';
import { invitationsCommand, posterCommand } from './commands/invitations.ts';
import { publishCommand } from './commands/publish.ts';
import { qualityCommand } from './commands/quality.ts';
import { scoreCommand } from './commands/score.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { workbookCommand } from './commands/workbook.ts';

/** `manyi`: the evaluator's command line. Every command takes `--db PATH`. */
const program = new Command('manyi')
  .description(
    '满意 Manyi:社区与街道年度满意度测评 / annual satisfaction evaluation of communities and streets',
  )
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(importCommand().addCommand(figuresCommand()));
program.addCommand(scoreCommand());
program.addCommand(exportCommand(resultsExportCommand()));
program.addCommand(estimateCommand());
program.addCommand(userCommand());
program.addCommand(campaignCommand());
program.addCommand(qualityCommand());
program.addCommand(invitationsCommand());
program.addCommand(posterCommand());
program.addCommand(workbookCommand());
program.addCommand(publishCommand());
program.addCommand(chartCommand());

await program.parseAsync(process.argv);
