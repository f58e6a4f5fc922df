import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '@manyi/domain/frameworkPolicy';
import { compositeScore } from '../src/compositeScore.ts';
import { starsOf } from '../src/stars.ts';
import { yearOverYear } from '../src/yearOverYear.ts';

const framework = parseFramework(
  JSON.parse(
    readFileSync(new URL('../../../data/frameworks/default.json', import.meta.url), 'utf8'),
  ),
);

describe('compositeScore', () => {
  it('weighs resident 0.7 and the street rating 0.3, SEs combined as independent', () => {
    const result = compositeScore(framework.community, (source) =>
      source.kind === 'resident' ? { score: 80, se: 2 } : { score: 90, se: 3 },
    );
    // hand computation: 0.7·80 + 0.3·90 = 83; √(0.7²·2² + 0.3²·3²) = √(1.96 + 0.81)
    expect(result.score).toBeCloseTo(83, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(2.77), 12);
    expect(result.missing).toEqual([]);
    expect(result.indicators.street_rating).toEqual({ score: 90, se: 3 });
  });

  it('renormalizes over known figures and reports the missing ones', () => {
    const result = compositeScore(framework.community, (source) =>
      source.kind === 'resident' ? { score: 80, se: 2 } : null,
    );
    expect(result).toMatchObject({ score: 80, se: 2, missing: ['street_rating'] });
  });

  it('gives no composite without a resident figure', () => {
    const result = compositeScore(framework.street, (source) =>
      source.kind === 'resident' ? null : { score: 95, se: 1 },
    );
    expect(result).toMatchObject({ score: null, se: null, missing: ['resident'] });
  });
});

describe('starsOf', () => {
  it('gives ≥90 ★5, ≥80 ★4, ≥70 ★3, ≥60 ★2, else ★1', () => {
    expect([95, 90, 89.99, 80, 75, 70, 65, 60, 59.9, 0].map((c) => starsOf(c))).toEqual([
      5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    ]);
    expect(starsOf(85, [95, 85, 75, 65])).toBe(4);
  });
});

describe('yearOverYear', () => {
  it('is significant when |Δ| exceeds 1.96·√(SE₁²+SE₂²)', () => {
    // 1.96·√(1.5² + 1.2²) = 3.764
    expect(yearOverYear({ score: 82, se: 1.5 }, { score: 78, se: 1.2 })).toEqual({
      change: 4,
      significant: true,
    });
    expect(yearOverYear({ score: 81.7, se: 1.5 }, { score: 78, se: 1.2 })!.significant).toBe(false);
    expect(yearOverYear({ score: 74, se: 1.5 }, { score: 78, se: 1.2 })).toEqual({
      change: -4,
      significant: true,
    });
    expect(yearOverYear({ score: 80, se: 1 }, undefined)).toBeNull();
    expect(yearOverYear({ score: null, se: null }, { score: 78, se: 1 })).toBeNull();
  });
});
