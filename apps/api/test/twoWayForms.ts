import type { Instrument } from '@manyi/domain/instrument';

/** A two-way form of one required rating and an optional comment. */
function twoWayForm(name: 'street_to_community' | 'community_to_street', title: string) {
  return {
    name,
    title,
    survey: {
      pages: [
        {
          elements: [
            { type: 'rating', name: 'overall', isRequired: true, rateMin: 1, rateMax: 5 },
            { type: 'comment', name: 'suggestion', maxLength: 50 },
          ],
        },
      ],
    },
    dimensions: [{ code: 'work', name: '工作', weight: 1 }],
    items: [{ question: 'overall', dimension: 'work', min: 1, max: 5, notApplicable: [] }],
    figures: {},
  } satisfies Instrument;
}

/** The two-way forms of the tests: a street rates a community, a community its street. */
export const twoWayInstruments: Instrument[] = [
  twoWayForm('street_to_community', '街道评社区'),
  twoWayForm('community_to_street', '社区评街道'),
];
