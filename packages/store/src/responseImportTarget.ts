import { compileInstrument, type CompiledInstrument } from '@manyi/domain/answers';
import type { InstrumentName } from '@manyi/domain/instrument';
import { bilingual } from '@manyi/domain/messages';
import { assertTakesImport, CampaignRefusedError } from './CampaignRefusedError.ts';
import { getCampaign, getInstrument } from './campaigns.ts';
import { questionColumns, responseFixedColumns, type QuestionColumn } from './responseTable.ts';
import type { Store } from './Store.ts';

/** What rows are checked against: the campaign's instrument, its columns, its unit snapshot. */
export interface ResponseImportTarget {
  year: number;
  name: InstrumentName;
  compiled: CompiledInstrument;
  questions: QuestionColumn[];
  columns: string[];
  communities: Map<string, { street: string; grids: string[] }>;
  /** The community of every grid of the snapshot, to say where a misplaced grid belongs. */
  gridCommunity: Map<string, string>;
}

/** The year's campaign (refused unless open or closed), its compiled instrument and its snapshot. */
export async function responseImportTarget(
  store: Store,
  year: number,
  name: InstrumentName,
): Promise<ResponseImportTarget> {
  assertTakesImport(year, await getCampaign(store, year));
  const instrument = await getInstrument(store, year, name);
  if (!instrument)
    throw new CampaignRefusedError(
      year,
      'no-instrument',
      bilingual(
        `${year} 年度测评没有问卷 ${name}`,
        `the ${year} campaign has no ${name} instrument`,
      ),
    );
  const questions = questionColumns(instrument);
  return {
    year,
    name,
    compiled: compileInstrument(instrument),
    questions,
    columns: [...responseFixedColumns, ...questions.map((q) => q.name)],
    ...(await snapshotOf(store, year)),
  };
}

/** The campaign's communities (from its unit snapshot) with their street and grids. */
async function snapshotOf(store: Store, year: number) {
  const rows = await store.query<{ community: string; street: string; grid: string | null }>(
    `SELECT c.code AS community, c.parent_code AS street, g.code AS grid
     FROM campaign_units c
     LEFT JOIN campaign_units g ON g.year = c.year AND g.parent_code = c.code AND g.level = 'grid'
     WHERE c.year = ? AND c.level = 'community'
     ORDER BY c.code, g.code`,
    [year],
  );
  const communities = new Map<string, { street: string; grids: string[] }>();
  const gridCommunity = new Map<string, string>();
  for (const r of rows) {
    let community = communities.get(r.community);
    if (!community) communities.set(r.community, (community = { street: r.street, grids: [] }));
    if (r.grid) {
      community.grids.push(r.grid);
      gridCommunity.set(r.grid, r.community);
    }
  }
  return { communities, gridCommunity };
}
