// Child process of bench/ingest.ts: opens the closed benchmark database afresh (a DuckDB file, or
// the PostgreSQL database of `--postgres`) and prints, as JSON, what `storedQuery` counts for the
// client ids starting with argv[3].
import { openStore } from '@manyi/store/Store';
import { storedQuery } from './verify.ts';

const [path, prefix] = process.argv.slice(2) as [string, string];
const store = await openStore({ path });
const [stored] = await store.query(storedQuery, [prefix]);
process.stdout.write(
  JSON.stringify(stored, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
);
await store.close();
