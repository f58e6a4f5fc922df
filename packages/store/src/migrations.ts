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
];
