import { campaignStateNames, campaignStates } from '@manyi/domain/campaign';
import { campaignTransitions, isFrozen, needsReason } from '@manyi/domain/lifecycle';
import { roleNames } from '@manyi/domain/user';
import { describe, expect, it } from 'vitest';
import {
  frozen,
  isReopen,
  roleLabels,
  stateNames,
  transitions,
} from '../src/admin/lifecycleRules.ts';

// The evaluator page keeps copies of the domain's tables (to leave zod out of its script);
// they must not drift from the originals.
describe('the evaluator page’s copies of the lifecycle rules', () => {
  it('equal the domain’s tables', () => {
    expect(stateNames).toEqual(campaignStateNames);
    expect(transitions).toEqual(campaignTransitions);
    expect(roleLabels).toEqual(roleNames);
  });

  it('agree on which states are frozen and which transition needs a reason', () => {
    for (const from of campaignStates) {
      expect(frozen(from)).toBe(isFrozen(from));
      for (const to of campaignStates) expect(isReopen(from, to)).toBe(needsReason(from, to));
    }
  });
});
