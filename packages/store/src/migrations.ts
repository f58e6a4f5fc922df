import { itemColumns, responseItemsOfAnswers } from './responseItemColumns.ts';

/**
 * Versioned schema migrations, applied in order at open inside one transaction each.
 * Never edit a migration that has shipped: add the next one.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'regions, campaigns, instruments, responses, answers, results',
    sql: `
      CREATE TABLE units (
        code        VARCHAR PRIMARY KEY,
        name        VARCHAR NOT NULL,
        level       VARCHAR NOT NULL CHECK (level IN ('district', 'street', 'community', 'grid')),
        kind        VARCHAR,
        parent_code VARCHAR,
        population  INTEGER
      );
      CREATE TABLE campaigns (
        year      INTEGER PRIMARY KEY,
        title     VARCHAR NOT NULL,
        opens_at  VARCHAR,
        closes_at VARCHAR,
        state     VARCHAR NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'finalized', 'published'))
      );
      -- the units as they were when the campaign opened (DATA-MODEL.md: a campaign keeps a snapshot)
      CREATE TABLE campaign_units (
        year        INTEGER NOT NULL,
        code        VARCHAR NOT NULL,
        name        VARCHAR NOT NULL,
        level       VARCHAR NOT NULL,
        kind        VARCHAR,
        parent_code VARCHAR,
        population  INTEGER,
        PRIMARY KEY (year, code)
      );
      CREATE TABLE instruments (
        year       INTEGER NOT NULL,
        name       VARCHAR NOT NULL,
        definition JSON NOT NULL,
        PRIMARY KEY (year, name)
      );
      -- append-only: never updated, never deleted
      CREATE TABLE responses (
        id           VARCHAR PRIMARY KEY,
        client_id    VARCHAR NOT NULL UNIQUE,
        year         INTEGER NOT NULL,
        instrument   VARCHAR NOT NULL,
        subject_code VARCHAR NOT NULL,
        rater_code   VARCHAR,
        grid_code    VARCHAR,
        source       VARCHAR NOT NULL,
        started_at   TIMESTAMPTZ,
        submitted_at TIMESTAMPTZ NOT NULL,
        answers      JSON NOT NULL
      );
      -- the same answers, long: one row per (response, question), for set-based scoring
      CREATE TABLE answers (
        response_id VARCHAR NOT NULL,
        year        INTEGER NOT NULL,
        instrument  VARCHAR NOT NULL,
        question    VARCHAR NOT NULL,
        value       DOUBLE,
        text        VARCHAR
      );
      CREATE TABLE scoring_runs (
        run_id     INTEGER PRIMARY KEY,
        year       INTEGER NOT NULL,
        method     VARCHAR NOT NULL,
        seed       BIGINT,
        framework  JSON,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE results (
        run_id     INTEGER NOT NULL,
        year       INTEGER NOT NULL,
        unit_code  VARCHAR NOT NULL,
        level      VARCHAR NOT NULL,
        row        JSON NOT NULL,
        PRIMARY KEY (run_id, unit_code)
      );
    `,
  },
  {
    version: 2,
    name: 'scoring: valid responses, objective figures, run summary',
    sql: `
      -- the responses analysis counts; every stored response for now (quality flags and evaluator
      -- exclusions will filter here, so that every figure reads the same set)
      CREATE VIEW valid_responses AS SELECT * FROM responses;
      -- objective indicators of a framework (e.g. complaint 办结率), imported per unit and year
      CREATE TABLE objective_figures (
        year      INTEGER NOT NULL,
        figure    VARCHAR NOT NULL,
        unit_code VARCHAR NOT NULL,
        value     DOUBLE NOT NULL,
        PRIMARY KEY (year, figure, unit_code)
      );
      -- figures of a run that belong to no unit (e.g. Cronbach's alpha per dimension)
      ALTER TABLE scoring_runs ADD COLUMN summary JSON;
    `,
  },
  {
    version: 3,
    name: 'people: users, sessions, audit log',
    sql: `
      -- accounts of evaluators, leadership and staff (residents have none); scope NULL = the city
      CREATE TABLE users (
        id            VARCHAR PRIMARY KEY,
        username      VARCHAR NOT NULL UNIQUE,
        display_name  VARCHAR,
        role          VARCHAR NOT NULL
                      CHECK (role IN ('evaluator', 'leadership', 'street_staff', 'community_staff')),
        scope         VARCHAR,
        -- scrypt with its parameters and salt, e.g. scrypt$ln=15,r=8,p=1$<salt>$<key>
        password_hash VARCHAR NOT NULL,
        created_at    TIMESTAMPTZ NOT NULL,
        disabled_at   TIMESTAMPTZ
      );
      -- signed-in sessions: only a SHA-256 of the cookie's token is kept
      CREATE TABLE sessions (
        token_hash   VARCHAR PRIMARY KEY,
        user_id      VARCHAR NOT NULL,
        created_at   TIMESTAMPTZ NOT NULL,
        last_seen_at TIMESTAMPTZ NOT NULL
      );
      -- every write of an evaluator, staff member or the CLI: who, when, what, before/after
      CREATE SEQUENCE audit_log_id START 1;
      CREATE TABLE audit_log (
        id         BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'),
        logged_at  TIMESTAMPTZ NOT NULL,
        via        VARCHAR NOT NULL CHECK (via IN ('api', 'cli', 'system')),
        actor_id   VARCHAR,
        actor_name VARCHAR NOT NULL,
        actor_role VARCHAR,
        action     VARCHAR NOT NULL,
        target     VARCHAR NOT NULL,
        year       INTEGER,
        reason     VARCHAR,
        before     JSON,
        after      JSON
      );
    `,
  },
  {
    version: 4,
    name: 'data quality: device hashes, quality flags, evaluator decisions, derived validity',
    sql: `
      -- a salted hash of the submitting device, one row per response that has one (the API fills
      -- it in the submission's transaction). A side table, not a column of responses: the
      -- ResponseWriter appends every column of responses positionally, and append-only data
      -- gains nothing from a column that most rows (paper, imports) leave empty.
      CREATE TABLE response_devices (
        response_id VARCHAR PRIMARY KEY,
        device_hash VARCHAR NOT NULL
      );
      -- each computation of a year's quality flags, with the settings it used; the newest per
      -- year is the one in force, older ones stay as history
      CREATE SEQUENCE quality_run_id START 1;
      CREATE TABLE quality_runs (
        run_id      INTEGER PRIMARY KEY DEFAULT nextval('quality_run_id'),
        year        INTEGER NOT NULL,
        settings    JSON NOT NULL,
        -- resident responses of the year when the run was made (responses are append-only, so a
        -- larger count now means responses that no run has checked yet)
        checked     INTEGER NOT NULL,
        created_at  TIMESTAMPTZ NOT NULL,
        via         VARCHAR NOT NULL,
        actor_name  VARCHAR NOT NULL,
        duration_ms INTEGER
      );
      -- the flags of a run: separate records, recomputable, never a change to responses
      CREATE TABLE quality_flags (
        run_id      INTEGER NOT NULL,
        year        INTEGER NOT NULL,
        response_id VARCHAR NOT NULL,
        flag        VARCHAR NOT NULL CHECK (flag IN ('speeder', 'straight_line', 'duplicate_device')),
        detail      JSON,
        PRIMARY KEY (run_id, response_id, flag)
      );
      -- evaluators' decisions on responses, append-only: the newest decision of a response wins
      CREATE SEQUENCE response_decision_id START 1;
      CREATE TABLE response_decisions (
        id          BIGINT PRIMARY KEY DEFAULT nextval('response_decision_id'),
        response_id VARCHAR NOT NULL,
        year        INTEGER NOT NULL,
        action      VARCHAR NOT NULL CHECK (action IN ('exclude', 'reinstate')),
        reason      VARCHAR NOT NULL CHECK (length(trim(reason)) > 0),
        decided_at  TIMESTAMPTZ NOT NULL,
        via         VARCHAR NOT NULL,
        actor_id    VARCHAR,
        actor_name  VARCHAR NOT NULL,
        actor_role  VARCHAR
      );
      -- the flags in force: those of each year's newest run
      CREATE VIEW current_quality_flags AS
        SELECT f.* FROM quality_flags f
        JOIN (SELECT year, max(run_id) AS run_id FROM quality_runs GROUP BY year) newest
          USING (year, run_id);
      -- the derived status of every response that has a flag in force or a decision: the newest
      -- decision wins; a flagged response without one stays out of scoring (status 'flagged')
      CREATE VIEW response_review AS
        WITH flagged AS (SELECT DISTINCT response_id FROM current_quality_flags),
        decided AS (
          SELECT response_id, arg_max(action, id) AS action FROM response_decisions GROUP BY response_id
        )
        SELECT coalesce(f.response_id, d.response_id) AS response_id,
               f.response_id IS NOT NULL AS flagged,
               d.action AS decision,
               CASE d.action WHEN 'exclude' THEN 'excluded' WHEN 'reinstate' THEN 'reinstated'
                    ELSE 'flagged' END AS status
        FROM flagged f FULL JOIN decided d ON d.response_id = f.response_id;
      -- what every figure counts: all responses but the excluded and the flagged-not-reinstated
      CREATE OR REPLACE VIEW valid_responses AS
        SELECT * FROM responses
        WHERE id NOT IN (
          SELECT response_id FROM response_review WHERE status IN ('excluded', 'flagged')
        );
    `,
  },
  {
    version: 5,
    name: 'invitations and paper distribution',
    sql: `
      -- one-time invitations: only a SHA-256 of each token is kept (the token itself is shown
      -- once, on the printed slip); the response that uses one marks it (used_at, response_id)
      -- in the transaction that stores the response
      CREATE TABLE invitations (
        token_hash     VARCHAR PRIMARY KEY,
        year           INTEGER NOT NULL,
        community_code VARCHAR NOT NULL,
        issued_at      TIMESTAMPTZ NOT NULL,
        issued_by      VARCHAR NOT NULL,
        used_at        TIMESTAMPTZ,
        response_id    VARCHAR
      );
      -- paper questionnaires handed out per community, as evaluators last entered them
      CREATE TABLE paper_distribution (
        year           INTEGER NOT NULL,
        community_code VARCHAR NOT NULL,
        handed_out     INTEGER NOT NULL CHECK (handed_out >= 0),
        updated_at     TIMESTAMPTZ NOT NULL,
        updated_by     VARCHAR NOT NULL,
        PRIMARY KEY (year, community_code)
      );
    `,
  },
  {
    version: 6,
    name: 'a salt per campaign for device hashes',
    sql: `
      -- the secret each campaign hashes client addresses with (device_hash in response_devices):
      -- the same device hashes alike within a campaign, so repeated devices are found, and
      -- differently in the next one, so devices cannot be followed from year to year. Its own
      -- table, not a column of campaigns, so that nothing that reads campaigns can show it.
      -- Made when the campaign is created (or, for campaigns older than this table, at its
      -- first submission).
      CREATE TABLE campaign_salts (
        year INTEGER PRIMARY KEY,
        salt VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'answers to scored items, wide, one row per response',
    sql: `
      -- Each response's answers to its instrument's scored items, one column per item in the order
      -- of the instrument's items (v1 … v64: the number, NULL if unanswered or not a number), and
      -- how many of those items have an answer (a 不了解 included), with the response's subject
      -- and grid. Written with the response, as append-only as it. Scoring, the reliability and
      -- the straight-line check read these 2 million rows of a province instead of grouping its 40
      -- million long answers by response, and need not join them back to their responses.
      CREATE TABLE response_items (
        response_id  VARCHAR NOT NULL,
        year         INTEGER NOT NULL,
        instrument   VARCHAR NOT NULL,
        subject_code VARCHAR NOT NULL,
        grid_code    VARCHAR,
        answered     INTEGER NOT NULL,
        ${itemColumns.map((column) => `${column} DOUBLE`).join(',\n        ')}
      );
      -- the responses stored before this table, from their long answers
      INSERT INTO response_items ${responseItemsOfAnswers({ figures: false })};
      -- the valid responses' rows: the rule of valid_responses
      CREATE VIEW valid_response_items AS
        SELECT * FROM response_items
        WHERE response_id NOT IN (
          SELECT response_id FROM response_review WHERE status IN ('excluded', 'flagged')
        );
    `,
  },
  {
    version: 8,
    name: 'answers to figures in response_items, after the items',
    sql: `
      -- An instrument's figures (e.g. the inspections and meetings of the burden figures) are
      -- kept wide too, in the columns after its items' (wideQuestions in the domain): the burden
      -- figures are then read from a province's 20,000 rows of community_to_street, not found
      -- among its 40 million long answers. The rows of responses to instruments with figures are
      -- made again from their long answers; the others are as they were.
      DELETE FROM response_items i WHERE ${askingFigures('i')};
      INSERT INTO response_items ${responseItemsOfAnswers({
        figures: true,
        where: askingFigures,
      })};
    `,
  },
  {
    version: 9,
    name: 'quality flags without a primary key',
    sql: `
      -- A run's flags are unique by how the checks make them (one row per response and check,
      -- under a new run id), and never updated: their key's index cost a fresh province year's
      -- scoring ~0.4 s (inserting 125,912 flags 238 → 97 ms, their commit 123 → 4 ms, the
      -- checkpoint 140 → 3 ms) and checked nothing. The table is made again without it, rows
      -- and constraints kept; the views on it bind to it by name.
      CREATE TABLE quality_flags_v9 (
        run_id      INTEGER NOT NULL,
        year        INTEGER NOT NULL,
        response_id VARCHAR NOT NULL,
        flag        VARCHAR NOT NULL CHECK (flag IN ('speeder', 'straight_line', 'duplicate_device')),
        detail      JSON
      );
      INSERT INTO quality_flags_v9 SELECT run_id, year, response_id, flag, detail FROM quality_flags;
      DROP TABLE quality_flags;
      ALTER TABLE quality_flags_v9 RENAME TO quality_flags;
    `,
  },
  {
    version: 10,
    name: 'results rows stored uncompressed',
    sql: `
      -- A run's results are written once and then read whole (latestResults parses every row of
      -- a run). DuckDB compressed their JSON with FSST at each checkpoint: a province's 30 MB of
      -- rows to 15 MB, for ~0.13 s of the checkpoint that ends a scoring run (more once several
      -- runs share a row group, which the checkpoint compresses again), and every read decodes
      -- it. Kept as written, a run takes 15 MB more of the file. The table is made again, its
      -- rows and key kept; nothing else refers to it.
      CREATE TABLE results_v10 (
        run_id     INTEGER NOT NULL,
        year       INTEGER NOT NULL,
        unit_code  VARCHAR NOT NULL,
        level      VARCHAR NOT NULL,
        row        JSON NOT NULL USING COMPRESSION uncompressed,
        PRIMARY KEY (run_id, unit_code)
      );
      INSERT INTO results_v10 SELECT run_id, year, unit_code, level, row FROM results;
      DROP TABLE results;
      ALTER TABLE results_v10 RENAME TO results;
    `,
  },
];

/**
 * SQL: the instrument of the row `alias` (its year and instrument) asks figures. Not a correlated
 * EXISTS: DuckDB held all 40 million answers of a province to decorrelate it (10 s, 5 GB).
 */
function askingFigures(alias: string): string {
  return `(${alias}.year, ${alias}.instrument) IN (
            SELECT year, name FROM instruments
            WHERE len(coalesce(json_keys(definition, '$.figures'), [])) > 0)`;
}
