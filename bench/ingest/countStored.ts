// Child process of bench/ingest.ts: opens the closed benchmark database afresh and prints, as
// JSON, what `storedQuery` counts for the client ids starting with argv[3].
import { DuckDBInstance } from '@duckdb/node-api';
import { storedQuery } from './verify.ts';

const [path, prefix] = process.argv.slice(2) as [string, string];
const instance = await DuckDBInstance.create(path);
const db = await instance.connect();
const reader = await db.runAndReadAll(storedQuery, [prefix]);
process.stdout.write(JSON.stringify(reader.getRowObjectsJS()[0]));
db.closeSync();
instance.closeSync();
