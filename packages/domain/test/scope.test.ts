import { describe, expect, it } from 'vitest';
import { canSee, grantRefusal, isWithin, scopeProblem, type UnitTree } from '../src/scope.ts';

// D1 → S1 → C1 → G1, D1 → S2 → C2; D2 → S3 → C3
const tree: UnitTree = new Map([
  ['D1', { parent: null, level: 'district' }],
  ['S1', { parent: 'D1', level: 'street' }],
  ['S2', { parent: 'D1', level: 'street' }],
  ['C1', { parent: 'S1', level: 'community' }],
  ['C2', { parent: 'S2', level: 'community' }],
  ['G1', { parent: 'C1', level: 'grid' }],
  ['D2', { parent: null, level: 'district' }],
  ['S3', { parent: 'D2', level: 'street' }],
  ['C3', { parent: 'S3', level: 'community' }],
]);

describe('canSee', () => {
  it('lets a city-wide user see everything, city-wide things included', () => {
    for (const code of [null, 'D1', 'C3', 'G1', 'unknown'])
      expect(canSee({ scope: null }, code, tree)).toBe(true);
  });

  it("lets a district's user see its streets, communities and grids, not another district's", () => {
    const district = { scope: 'D1' };
    expect(['D1', 'S1', 'S2', 'C1', 'C2', 'G1'].map((c) => canSee(district, c, tree))).toEqual(
      Array(6).fill(true),
    );
    expect(['D2', 'S3', 'C3', 'unknown'].map((c) => canSee(district, c, tree))).toEqual(
      Array(4).fill(false),
    );
    expect(canSee(district, null, tree)).toBe(false); // a campaign is city-wide
  });

  it("keeps a community's staff to their community, not its street or neighbours", () => {
    expect(canSee({ scope: 'C1' }, 'G1', tree)).toBe(true);
    expect(['S1', 'C2', 'D1'].map((c) => canSee({ scope: 'C1' }, c, tree))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('stops on a cycle in a damaged tree', () => {
    const loop: UnitTree = new Map([
      ['A', { parent: 'B', level: 'street' }],
      ['B', { parent: 'A', level: 'district' }],
    ]);
    expect(isWithin('A', 'X', loop)).toBe(false);
  });
});

describe('grantRefusal', () => {
  const cityEvaluator = { role: 'evaluator' as const, scope: null };
  const districtEvaluator = { role: 'evaluator' as const, scope: 'D1' };

  it('lets an evaluator grant any role within its own region', () => {
    expect(grantRefusal(cityEvaluator, { role: 'evaluator', scope: null }, tree)).toBeUndefined();
    for (const role of ['evaluator', 'leadership', 'street_staff', 'community_staff'] as const)
      expect(grantRefusal(districtEvaluator, { role, scope: 'S1' }, tree)).toBeUndefined();
  });

  it('refuses a region the granter does not hold', () => {
    expect(grantRefusal(districtEvaluator, { role: 'leadership', scope: null }, tree)).toMatch(
      /全市.*city-wide/,
    );
    expect(grantRefusal(districtEvaluator, { role: 'community_staff', scope: 'C3' }, tree)).toMatch(
      /C3/,
    );
  });

  it('lets leadership and staff grant nothing, not even their own role', () => {
    for (const role of ['leadership', 'street_staff', 'community_staff'] as const)
      expect(grantRefusal({ role, scope: null }, { role, scope: 'C1' }, tree)).toMatch(
        /不能授予.*cannot grant/,
      );
  });
});

describe('scopeProblem', () => {
  it('fits each role to its levels', () => {
    expect(scopeProblem('evaluator', null, tree)).toBeUndefined();
    expect(scopeProblem('leadership', 'S1', tree)).toBeUndefined();
    expect(scopeProblem('street_staff', 'S1', tree)).toBeUndefined();
    expect(scopeProblem('community_staff', 'C1', tree)).toBeUndefined();
    expect(scopeProblem('evaluator', 'C1', tree)).toMatch(/考评办.*evaluator/);
    expect(scopeProblem('street_staff', null, tree)).toMatch(/street/);
    expect(scopeProblem('community_staff', 'G1', tree)).toMatch(/community/);
    expect(scopeProblem('community_staff', 'C9', tree)).toMatch(/没有编码为 C9 的区划/);
  });
});
