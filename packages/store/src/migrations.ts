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
];
