import { describe, expect, it } from 'vitest';
import { normalQuadrature } from '../src/gaussHermite.ts';
import { Random } from '../src/Random.ts';

describe('Random', () => {
  it('gives the same stream for the same key and another for another key', () => {
    const draw = (...key: (string | number)[]) => {
      const rng = Random.of(...key);
      return Array.from({ length: 5 }, () => rng.next());
    };
    const a = Random.of(1, 'x');
    const b = Random.of(1, 'x');
    const first = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(first);
    expect(draw(1, 'y')).not.toEqual(draw(1, 'x'));
    // The key's parts are kept apart: ('1', '2x') is not ('12', 'x').
    expect(Random.of('1', '2x').next()).not.toBe(Random.of('12', 'x').next());
  });

  it('draws uniforms, normals and Poisson counts with the right moments', () => {
    const rng = Random.of('moments');
    const n = 200_000;
    let u = 0;
    let z = 0;
    let z2 = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      u += rng.next();
      const x = rng.normal();
      z += x;
      z2 += x * x;
      k += rng.poisson(3);
    }
    expect(u / n).toBeCloseTo(0.5, 2);
    expect(z / n).toBeCloseTo(0, 2);
    expect(z2 / n).toBeCloseTo(1, 1.7);
    expect(k / n).toBeCloseTo(3, 1.7);
  });

  it('keeps integers within their bounds and weights in proportion', () => {
    const rng = Random.of('ints');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
      const v = rng.int(2, 4);
      expect(v === 2 || v === 3 || v === 4).toBe(true);
      counts[rng.weighted([1, 2, 7])]!++;
    }
    expect(counts.map((c) => c / 30_000)).toEqual([
      expect.closeTo(0.1, 1.5),
      expect.closeTo(0.2, 1.5),
      expect.closeTo(0.7, 1.5),
    ]);
  });
});

describe('normalQuadrature', () => {
  it('integrates polynomials exactly against the standard normal', () => {
    const { nodes, weights } = normalQuadrature(16);
    const moment = (p: number) => nodes.reduce((s, x, i) => s + weights[i]! * x ** p, 0);
    expect(moment(0)).toBeCloseTo(1, 12);
    expect(moment(1)).toBeCloseTo(0, 12);
    expect(moment(2)).toBeCloseTo(1, 12);
    expect(moment(4)).toBeCloseTo(3, 10);
    expect(moment(6)).toBeCloseTo(15, 9);
  });
});
