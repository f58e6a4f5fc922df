import type { NewResponse } from '../src/ResponseWriter.ts';

/** A minimal stored-response record for store tests. */
export function newResponse(clientId: string, overall = 4): NewResponse {
  return {
    clientId,
    year: 2026,
    instrument: 'resident',
    subjectCode: 'C1',
    raterCode: null,
    gridCode: 'C1G1',
    source: 'web',
    startedAt: new Date('2026-11-20T01:00:00Z'),
    submittedAt: new Date('2026-11-20T01:03:00Z'),
    answers: { overall },
    long: [{ question: 'overall', value: overall, text: null }],
  };
}
