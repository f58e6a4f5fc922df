#!/usr/bin/env node
// The `manyi` command: runs the TypeScript sources through tsx (the packages have no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
