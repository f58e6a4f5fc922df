import { randomUUID } from 'node:crypto';
import { DuckDBInstance, timestampTZValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { streamYear } from '@manyi/demo/generateResponses';
import { compileInstrument } from '@manyi/domain/answers';
import { loadInstruments } from '@manyi/demo/demoInstruments';
const form = compileInstrument(loadInstruments().resident);
const pool: any[] = [];
for (const r of streamYear({ year: 2026, options: { twoWay: false, satisfiedRateTruth: false } })) pool.push({ ...r, long: form.extract(r.answers) });
const variants: Record<string, string> = {
  asIs: 'id VARCHAR PRIMARY KEY, client_id VARCHAR NOT NULL UNIQUE, answers JSON NOT NULL',
  noPk: 'id VARCHAR NOT NULL, client_id VARCHAR NOT NULL UNIQUE, answers JSON NOT NULL',
  noIdx: 'id VARCHAR NOT NULL, client_id VARCHAR NOT NULL, answers JSON NOT NULL',
  varcharAnswers: 'id VARCHAR PRIMARY KEY, client_id VARCHAR NOT NULL UNIQUE, answers VARCHAR NOT NULL',
};
for (const [name, cols] of Object.entries(variants).slice(0, 1)) {
  const path = `/tmp/ib/schema-${name}.duckdb`; rmSync(path, { force: true }); rmSync(path + '.wal', { force: true });
  const inst = await DuckDBInstance.create(path); const db = await inst.connect(); if (process.env.CKPT) await db.run(`SET checkpoint_threshold = '${process.env.CKPT}'`);
  await db.run(`CREATE TABLE responses (${cols.replace('answers', 'year INTEGER NOT NULL, instrument VARCHAR NOT NULL, subject_code VARCHAR NOT NULL, rater_code VARCHAR, grid_code VARCHAR, source VARCHAR NOT NULL, started_at TIMESTAMPTZ, submitted_at TIMESTAMPTZ NOT NULL, answers')})`);
  await db.run('CREATE TABLE answers (response_id VARCHAR NOT NULL, year INTEGER NOT NULL, instrument VARCHAR NOT NULL, question VARCHAR NOT NULL, value DOUBLE, text VARCHAR)');
  const t: Record<string, number> = { append: 0, flushMain: 0, flushLong: 0, commit: 0 };
  const cs: number[] = []; let n = 0; const B = 25; const rounds = 1600; // 40k responses
  for (let k = 0; k < rounds; k++) {
    await db.run('BEGIN TRANSACTION');
    let s = performance.now();
    const main = await db.createAppender('responses'); const long = await db.createAppender('answers');
    for (let j = 0; j < B; j++) {
      const r = pool[n % pool.length]; const id = randomUUID(); const cid = `c-${n++}`;
      main.appendVarchar(id); main.appendVarchar(cid); main.appendInteger(r.year); main.appendVarchar(r.instrument); main.appendVarchar(r.subjectCode); main.appendNull(); main.appendVarchar(r.gridCode); main.appendVarchar('web');
      main.appendTimestampTZ(timestampTZValue(BigInt(r.startedAt.getTime()) * 1000n)); main.appendTimestampTZ(timestampTZValue(BigInt(Date.now()) * 1000n)); main.appendVarchar(JSON.stringify(r.answers)); main.endRow();
      for (const a of r.long) { long.appendVarchar(id); long.appendInteger(r.year); long.appendVarchar(r.instrument); long.appendVarchar(a.question); if (a.value === null) long.appendNull(); else long.appendDouble(a.value); if (a.text === null) long.appendNull(); else long.appendVarchar(a.text); long.endRow(); }
    }
    t.append += performance.now() - s; s = performance.now();
    main.flushSync(); t.flushMain += performance.now() - s; s = performance.now();
    long.flushSync(); t.flushLong += performance.now() - s; s = performance.now();
    main.closeSync(); long.closeSync();
    await db.run('COMMIT'); const d = performance.now() - s; t.commit += d; cs.push(d);
  }
  const per = (v: number) => (v / (rounds * B) * 1000).toFixed(1);
  console.log(name.padEnd(15), Object.entries(t).map(([k, v]) => `${k} ${per(v)}`).join('  '), 'µs/response');
  cs.sort((a, b) => a - b); console.log('commit ms p50', cs[cs.length >> 1]!.toFixed(2), 'p90', cs[Math.floor(cs.length * 0.9)]!.toFixed(2), 'max', cs.at(-1)!.toFixed(0), 'sum>20ms', cs.filter((x) => x > 20).reduce((a, b) => a + b, 0).toFixed(0), 'total', cs.reduce((a, b) => a + b, 0).toFixed(0));
  const { statSync, existsSync } = await import('node:fs'); console.log('db MB', (statSync(path).size / 1e6).toFixed(1), 'wal MB', existsSync(path + '.wal') ? (statSync(path + '.wal').size / 1e6).toFixed(1) : 0);
  db.closeSync(); inst.closeSync();
}
