// Child process of restart.test.ts: submits one response to the store at argv[2], prints its id
// once acknowledged, then waits to be killed.
import { openStore } from '../src/Store.ts';
import { newResponse } from './newResponse.ts';

const store = await openStore({ path: process.argv[2]! });
const { id } = await store.responses.submit(newResponse(process.argv[3]!));
process.stdout.write(`ACK ${id}\n`);
setInterval(() => undefined, 1000);
