import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear } from '@manyi/demo/generateResponses';
import { seedDemo } from '@manyi/demo/seedDemo';
import type { YearTruth } from '@manyi/demo/yearTruth';
import { machineActor, systemActor } from '@manyi/store/audit';
import { decideResponse } from '@manyi/store/exclusions';
import { openStore, type Store } from '@manyi/store/Store';
import { flagYear, refreshQualityFlagsOn } from '../src/qualityChecks.ts';
import { latestQualityRun, type QualityRun } from '../src/qualityRuns.ts';
import { qualityReview } from '../src/qualityReview.ts';
import { QualitySettingsError } from '../src/QualitySettingsError.ts';
import { qualitySummary } from '../src/qualitySummary.ts';
import { scoreYear } from '../src/scoreYear.ts';

// The checks against the demo generator's planted speeders and straight-liners (truth known).

const year = 2026;
let store: Store;
let truth: YearTruth;
let run: QualityRun;
let flagMs: number;

/** Client ids of the responses carrying a flag in force. */
const flagged = async (flag: string) =>
  new Set(
    (
      await store.query<{ client_id: string }>(
        `SELECT r.client_id FROM current_quality_flags f JOIN responses r ON r.id = f.response_id
         WHERE f.flag = ?`,
        [flag],
      )
    ).map((r) => r.client_id),
  );
const count = async (sql: string, params: (string | number)[] = []) =>
  Number((await store.query<{ n: bigint }>(sql, params))[0]!.n);
const idOf = async (clientId: string) =>
  (
    await store.query<{ id: string }>('SELECT id FROM responses WHERE client_id = ?', [clientId])
  )[0]!.id;
const isValid = async (clientId: string) =>
  (await count('SELECT count(*) AS n FROM valid_responses WHERE client_id = ?', [clientId])) === 1;

beforeAll(async () => {
  store = await openStore({ path: ':memory:' });
  await seedDemo(store, { years: [year] });
  ({ truth } = generateYear({ year }));
  const started = performance.now();
  run = await flagYear(store, year, { actor: machineActor() });
  flagMs = performance.now() - started;
}, 120_000);
afterAll(() => store.close());

describe('quality checks on a demo year', () => {
  it('finds the planted speeders and straight-liners with precision and recall ≥ 0.9', async () => {
    const figures: string[] = [];
    for (const [flag, planted] of [
      ['speeder', truth.speeders],
      ['straight_line', truth.straightLiners],
    ] as const) {
      const found = await flagged(flag);
      const hits = planted.filter((id) => found.has(id)).length;
      const precision = hits / found.size;
      const recall = hits / planted.length;
      figures.push(
        `${flag}: planted ${planted.length}, flagged ${found.size}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
      );
      expect(precision).toBeGreaterThanOrEqual(0.9);
      expect(recall).toBeGreaterThanOrEqual(0.9);
    }
    console.log(
      `quality checks, demo ${year} (${run.checked} resident responses, ${flagMs.toFixed(0)} ms in all, ${run.durationMs} ms in the transaction):\n  ${figures.join('\n  ')}`,
    );
    expect(run.counts.duplicate_device).toBe(0); // the generator gives no device hashes
  });

  it('leaves flagged responses out of valid_responses and out of scoring; a decision overrides', async () => {
    const resident = `SELECT count(*) AS n FROM valid_responses WHERE year = ${year} AND instrument = 'resident'`;
    expect(await count(resident)).toBe(run.checked - run.flagged);
    const { results } = await scoreYear(store, year, { seed: 1 });
    const scoredN = results
      .filter((r) => r.level === 'community')
      .reduce((sum, r) => sum + r.resident.n, 0);
    expect(scoredN).toBe(run.checked - run.flagged);

    const speeder = truth.speeders[0]!;
    const genuine = `syn-${year}-${truth.communities[0]!.code}-r001`;
    expect(truth.speeders.concat(truth.straightLiners)).not.toContain(genuine);
    const rows = `SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM answers) AS n`;
    const stored = await count(rows);
    expect(await isValid(speeder)).toBe(false);
    const reinstated = await decideResponse(
      store,
      {
        year,
        responseId: await idOf(speeder),
        action: 'reinstate',
        reason: '电话回访确认为本人作答',
      },
      machineActor(),
    );
    expect(reinstated).toMatchObject({ before: 'flagged', after: 'reinstated' });
    expect(await isValid(speeder)).toBe(true);
    expect(await isValid(genuine)).toBe(true);
    await decideResponse(
      store,
      { year, responseId: await idOf(genuine), action: 'exclude', reason: '居民反映系代填' },
      machineActor(),
    );
    expect(await isValid(genuine)).toBe(false);
    expect(await count(resident)).toBe(run.checked - run.flagged); // one in, one out
    expect(await count(rows)).toBe(stored); // nothing deleted, nothing added

    // a new run of the checks keeps the decisions: the newest decision wins over any flag
    await flagYear(store, year, { actor: machineActor() });
    expect(await isValid(speeder)).toBe(true);
    expect(await isValid(genuine)).toBe(false);
  }, 60_000);

  it('flags repeated device hashes within a community, all but the first', async () => {
    const [a, b] = truth.communities.filter((c) => c.residents >= 5);
    const ids = async (code: string) =>
      (
        await store.query<{ id: string }>(
          `SELECT id FROM responses WHERE subject_code = ? AND instrument = 'resident'
           ORDER BY submitted_at, id LIMIT 3`,
          [code],
        )
      ).map((r) => r.id);
    const inA = await ids(a!.code);
    const inB = await ids(b!.code);
    // three in A share a device, and one in B uses it too (another community: no repeat there)
    await store.transaction(async (db) => {
      for (const id of [...inA, inB[0]!])
        await db.run('INSERT INTO response_devices VALUES (?, ?)', [id, 'device-1']);
    });
    const next = await flagYear(store, year, { actor: machineActor() });
    expect(next.counts.duplicate_device).toBe(2);
    const rows = await store.query<{ response_id: string; detail: string }>(
      "SELECT response_id, detail FROM current_quality_flags WHERE flag = 'duplicate_device' ORDER BY response_id",
    );
    expect(rows.map((r) => r.response_id).sort()).toEqual(inA.slice(1).sort());
    expect(JSON.parse(rows[0]!.detail)).toEqual({ sameDevice: 3, firstResponseId: inA[0] });
  });

  it('keeps every run; the newest is in force, with the settings it was given until changed', async () => {
    const runs = await count('SELECT count(*) AS n FROM quality_runs WHERE year = ?', [year]);
    const strict = await flagYear(store, year, {
      actor: machineActor(),
      settings: { speederShare: 0.2 },
    });
    expect(strict.settings).toEqual({ speederShare: 0.2, straightLineMinRated: 8 });
    expect(strict.counts.speeder).toBeLessThan(run.counts.speeder);
    const again = await flagYear(store, year, { actor: machineActor() });
    expect(again.settings.speederShare).toBe(0.2);
    expect(await count('SELECT count(*) AS n FROM quality_runs WHERE year = ?', [year])).toBe(
      runs + 2,
    );
    expect((await latestQualityRun(store, year))!.id).toBe(again.id);
    await expect(
      flagYear(store, year, { actor: machineActor(), settings: { speederShare: 1.5 } }),
    ).rejects.toBeInstanceOf(QualitySettingsError);
    await flagYear(store, year, { actor: machineActor(), settings: { speederShare: 0.33 } });
    // one row per run, response and check, with no key to enforce it: the checks make it so
    const repeated = `SELECT count(*) - count(DISTINCT (run_id, response_id, flag)) AS n
                      FROM quality_flags`;
    expect(await count('SELECT count(DISTINCT run_id) AS n FROM quality_flags')).toBeGreaterThan(3);
    expect(await count(repeated)).toBe(0);
  });

  it('runs again at scoring time only when responses came in since the newest run', async () => {
    const before = (await latestQualityRun(store, year))!;
    const same = await store.transaction((db) => refreshQualityFlagsOn(db, year, systemActor));
    expect(same.id).toBe(before.id);
    const [response] = await store.query<Record<string, unknown>>(
      "SELECT * FROM responses WHERE instrument = 'resident' LIMIT 1",
    );
    await store.responses.appendAll([
      {
        clientId: 'late-paper-0001',
        year,
        instrument: 'resident',
        subjectCode: response!.subject_code as string,
        raterCode: null,
        gridCode: response!.grid_code as string,
        source: 'paper',
        startedAt: null,
        submittedAt: new Date(`${year}-12-01T02:00:00Z`),
        answers: { overall: 4 },
        long: [{ question: 'overall', value: 4, text: null }],
      },
    ]);
    expect((await qualitySummary(store, year, null)).unchecked).toBe(1);
    const fresh = await store.transaction((db) => refreshQualityFlagsOn(db, year, systemActor));
    expect(fresh.id).toBeGreaterThan(before.id);
    expect(fresh.checked).toBe(before.checked + 1);
    expect(fresh.by).toEqual({ via: 'system', username: 'system' });
  });

  it('lists and counts reviewed responses within a region, without free text', async () => {
    const district = truth.communities[0]!.code.slice(0, 3);
    const inDistrict = (
      await store.query<{ code: string }>(
        `SELECT code FROM campaign_units WHERE year = ? AND (code = ? OR starts_with(code, ?))`,
        [year, district, district],
      )
    ).map((r) => r.code);
    const summary = await qualitySummary(store, year, inDistrict);
    const city = await qualitySummary(store, year, null);
    expect(summary.communities.every((c) => c.code.startsWith(district))).toBe(true);
    expect(summary.responses).toBeLessThan(city.responses);
    expect(city.flags.speeder).toBe(city.run!.counts.speeder);
    expect(city.statuses.flagged + city.statuses.excluded).toBe(
      city.responses -
        (await count(
          `SELECT count(*) AS n FROM valid_responses WHERE year = ${year} AND instrument = 'resident'`,
        )),
    );

    const page = await qualityReview(store, year, {
      within: inDistrict,
      flag: 'straight_line',
      limit: 5,
    });
    expect(page.total).toBe(summary.flags.straight_line);
    expect(page.responses).toHaveLength(5);
    for (const r of page.responses) {
      expect(r.community.code.startsWith(district)).toBe(true);
      expect(r.flags.map((f) => f.flag)).toContain('straight_line');
      expect(new Set(Object.values(r.ratings)).size).toBe(1);
      expect(JSON.stringify(r)).not.toMatch(/suggestion/);
    }
    const decided = await qualityReview(store, year, { within: null, status: 'reinstated' });
    expect(decided.responses[0]).toMatchObject({
      status: 'reinstated',
      counted: true,
      decisions: [{ action: 'reinstate', reason: '电话回访确认为本人作答', actor: { via: 'cli' } }],
    });
    expect(decided.responses[0]!.flags.map((f) => f.flag)).toContain('speeder');
  });
});
