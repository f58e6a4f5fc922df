import type { Actor } from '@manyi/store/audit';
import type { Queryable } from './queryable.ts';
import { qualityFlags, type QualityFlag, type QualitySettings } from './qualitySettings.ts';

/** One run of the quality checks over a year's resident responses, as stored in `quality_runs`. */
export interface QualityRun {
  id: number;
  year: number;
  at: string;
  by: { via: Actor['via']; username: string };
  settings: QualitySettings;
  /** Resident responses of the year the run checked. */
  checked: number;
  /** Responses flagged, per flag (a response may carry several). */
  counts: Record<QualityFlag, number>;
  /** Responses with at least one flag. */
  flagged: number;
  durationMs: number;
}

/** The year's newest run of the checks, or undefined (its counts read back from its flags). */
export async function latestQualityRun(
  db: Queryable,
  year: number,
): Promise<QualityRun | undefined> {
  const [row] = await db.query<QualityRunRow>(
    `WITH latest AS (
       SELECT * FROM quality_runs WHERE run_id = (SELECT max(run_id) FROM quality_runs WHERE year = ?)
     ),
     -- the run's flags counted on their own: grouped with the run's row (its settings among the
     -- keys), a province's 120,000 flags took 4 times as long
     counted AS (
       SELECT count(DISTINCT response_id) AS flagged,
              count(*) FILTER (flag = 'speeder') AS speeder,
              count(*) FILTER (flag = 'straight_line') AS straight_line,
              count(*) FILTER (flag = 'duplicate_device') AS duplicate_device
       FROM quality_flags WHERE run_id = (SELECT run_id FROM latest)
     )
     SELECT latest.*, counted.* FROM latest, counted`,
    [year],
  );
  return row && toQualityRun(row);
}

/** The year's resident responses now (responses are append-only: more than a run checked means new ones). */
export async function residentResponseCount(db: Queryable, year: number): Promise<number> {
  const [row] = await db.query<{ n: bigint }>(
    "SELECT count(*) AS n FROM responses WHERE year = ? AND instrument = 'resident'",
    [year],
  );
  return Number(row!.n);
}

interface QualityRunRow {
  run_id: number;
  year: number;
  settings: string;
  checked: number;
  created_at: Date;
  via: Actor['via'];
  actor_name: string;
  duration_ms: number | null;
  flagged: bigint;
  speeder: bigint;
  straight_line: bigint;
  duplicate_device: bigint;
}

/** A `quality_runs` row, with its flags counted, as a run. */
function toQualityRun(row: QualityRunRow): QualityRun {
  return {
    id: row.run_id,
    year: row.year,
    at: row.created_at.toISOString(),
    by: { via: row.via, username: row.actor_name },
    settings: JSON.parse(row.settings) as QualitySettings,
    checked: row.checked,
    flagged: Number(row.flagged),
    counts: Object.fromEntries(qualityFlags.map((f) => [f, Number(row[f])])) as Record<
      QualityFlag,
      number
    >,
    durationMs: row.duration_ms ?? 0,
  };
}
