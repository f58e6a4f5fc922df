// `npm run bench -- crash [--runs 50] [--in-flight 20] [--seed 1]`: the crash-safety test's runs,
// many more of them (issue 6, point 1). Each run serves a fresh database in a child process, keeps
// submissions in flight, SIGKILLs the server at a seeded random moment, restarts it, retries what
// got no answer and checks that every acknowledged answer is stored exactly once, unaltered.
import { parseArgs } from 'node:util';
import { crashRun, type CrashRunFigures } from '../apps/api/test/crashRun.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    'in-flight': { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const inFlight = Number(values['in-flight']);
const firstSeed = Number(values.seed);

const figures: CrashRunFigures[] = [];
let failures = 0;
for (let run = 0; run < runs; run++) {
  const seed = firstSeed + run;
  try {
    const f = await crashRun({ seed, inFlight });
    figures.push(f);
    console.log(
      `run ${run + 1}/${runs} (seed ${seed}): killed after ${f.killAfterMs} ms, ${f.sent} sent, ` +
        `${f.acknowledged} acknowledged, ${f.retried} retried, ${f.checked} checked`,
    );
  } catch (error) {
    failures++;
    console.log(`run ${run + 1}/${runs} (seed ${seed}): FAILED ${(error as Error).message}`);
  }
}
const sum = (key: keyof CrashRunFigures) => figures.reduce((total, f) => total + f[key], 0);
console.log(
  `\ncrash runs ${runs}, submissions sent ${sum('sent')}, acknowledged before a kill ` +
    `${sum('acknowledged')}, retried after one ${sum('retried')}, answers checked ${sum('checked')}, ` +
    `failures ${failures}`,
);
process.exit(failures ? 1 : 0);
