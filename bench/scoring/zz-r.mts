import { againstR } from './againstR.ts';
import { mkdtempSync } from 'node:fs';
console.log(await againstR(process.argv[2]!, 2026, mkdtempSync('/tmp/h5/r-'), 1));
