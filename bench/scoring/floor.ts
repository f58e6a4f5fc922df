// Run as a child process (`node --import tsx floor.ts DB YEAR`): the floor a scoring run is
// measured against, one DuckDB GROUP BY scan of the year's rated resident answers (per
// community: how many and their mean), in a fresh process on the file `manyi score` reads. Prints
// the communities and answers counted as JSON.
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Per community, the count and mean of the year's rated resident answers: the answers joined to
 * their response for its community, one hash aggregate. No scoring, weighting or check: the least
 * any scoring of the same answers must read and group.
 */
const floorSql = `
  SELECT r.subject_code AS community, count(*) AS answers, avg(a.value) AS mean
  FROM answers a JOIN responses r ON r.id = a.response_id
  WHERE a.year = ? AND a.instrument = 'resident' AND a.value IS NOT NULL
  GROUP BY r.subject_code`;

const [path, year] = process.argv.slice(2) as [string, string];
const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(floorSql, [Number(year)]);
const rows = reader.getRowObjectsJS() as { answers: bigint }[];
console.log(
  JSON.stringify({
    communities: rows.length,
    answers: rows.reduce((n, r) => n + Number(r.answers), 0),
  }),
);
connection.closeSync();
instance.closeSync();
