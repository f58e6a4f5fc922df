// `npm test`: builds the pages, type-checks and tests every workspace (one at a time: the machine
// has 2 cores and the browser tests need them), checks formatting, and closes with one line
// "N passed, N failed" counted from every workspace's vitest report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.TZ = 'Asia/Shanghai';
const workspaces = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(dir).map((name) => join(dir, name)),
);
const report = (ws) => join(ws, '.vitest', 'report.json');
for (const ws of workspaces) rmSync(report(ws), { force: true });

const steps = [
  ['npx', ['turbo', 'run', 'build', '--output-logs=errors-only']],
  ['npx', ['turbo', 'run', 'typecheck', 'test', '--concurrency=1', '--continue']],
  ['npx', ['prettier', '--check', '.']],
];
let failedSteps = 0;
for (const [command, args] of steps) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) failedSteps++;
}

let passed = 0;
let failed = 0;
for (const ws of workspaces) {
  if (!existsSync(report(ws))) continue;
  const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report(ws), 'utf8'));
  passed += numPassedTests;
  failed += numFailedTests;
}
if (failedSteps && !failed) failed = 1; // a step failed outside any test (types, format, build)
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps || failed ? 1 : 0);
