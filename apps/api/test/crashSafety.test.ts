import { expect, it } from 'vitest';
import { crashRun } from './crashRun.ts';

it('keeps every acknowledged submission exactly once across SIGKILLs at random moments', async () => {
  const figures = [];
  for (const seed of [1, 2, 3, 4, 5]) figures.push(await crashRun({ seed }));
  console.info(figures);
  expect(figures.length).toBe(5);
}, 120_000);
