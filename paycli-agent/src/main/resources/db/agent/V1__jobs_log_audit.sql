-- One portable schema for SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT), flags are 0/1 (SMALLINT):
-- both databases store them alike. ${auto_id} is the one thing they spell differently: an auto-numbered key.

CREATE TABLE jobs (
    seq              ${auto_id},                  -- queue order: submission order, even within one millisecond
    id               TEXT     NOT NULL UNIQUE,    -- random, URL-safe; the name the API uses
    client           TEXT     NOT NULL,
    app              TEXT     NOT NULL,
    env              TEXT     NOT NULL,
    tag              TEXT     NOT NULL,
    kind             TEXT     NOT NULL CHECK (kind IN ('DEPLOY', 'RESTORE')),
    idempotency_key  TEXT,
    state            TEXT     NOT NULL
                     CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED')),
    exit_code        INTEGER,
    owner            TEXT,
    attempts         INTEGER  NOT NULL DEFAULT 0,
    cancel_requested SMALLINT NOT NULL DEFAULT 0,
    submitted_at     BIGINT   NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    heartbeat_at     BIGINT,
    bundle_dir       TEXT     NOT NULL,
    log_seq          BIGINT   NOT NULL DEFAULT 0, -- the last log line's sequence number
    UNIQUE (client, idempotency_key)              -- NULL keys are distinct in both databases
);

-- The guarantee behind "at most one job runs per app and environment", whatever the claiming code does and however
-- many agents share the database.
CREATE UNIQUE INDEX jobs_one_running ON jobs (app, env) WHERE state = 'RUNNING';
-- Finding the head of each app and environment's queue, and listing one pair's history.
CREATE INDEX jobs_app_env ON jobs (app, env, state, seq);
CREATE INDEX jobs_state ON jobs (state, seq);

CREATE TABLE job_log (
    job_id     TEXT   NOT NULL REFERENCES jobs (id),
    seq        BIGINT NOT NULL,
    written_at BIGINT NOT NULL,
    line       TEXT   NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Append-only: the code has no UPDATE or DELETE for it.
CREATE TABLE audit (
    id         ${auto_id},
    decided_at BIGINT NOT NULL,
    client     TEXT,
    source     TEXT,
    method     TEXT,
    path       TEXT,
    app        TEXT,
    env        TEXT,
    tag        TEXT,
    decision   TEXT   NOT NULL,
    reason     TEXT
);
CREATE INDEX audit_decision ON audit (decision, id);
