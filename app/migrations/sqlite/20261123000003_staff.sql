-- Staff accounts, their sessions, failed sign-ins (for throttling), the audit log, and every
-- version of a submission (a returned one comes back corrected as a new version).

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('moderator', 'admin')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- Only a hash of the session id is stored: a copy of this table signs nobody in.
CREATE TABLE staff_sessions (
    token_hash   TEXT    PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- scope is 'account' (key: the username as typed, lower-cased) or 'address' (key: client IP).
CREATE TABLE sign_in_failures (
    id    INTEGER PRIMARY KEY,
    scope TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (scope, key, at);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    staff_id       INTEGER REFERENCES staff (id),
    staff_username TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    before_state   TEXT,
    after_state    TEXT
);
CREATE INDEX audit_log_target ON audit_log (target, at);

-- Nobody changes the record of what was done, not even with direct SQL through the app's user.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;

CREATE TABLE submission_versions (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    payload       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (submission_id, version)
);
INSERT INTO submission_versions (submission_id, version, payload, created_at)
    SELECT id, 1, payload, created_at FROM submissions;

-- Each decision on a submission, for its history and the dashboard's figures (the audit log
-- records the same decisions among everything else staff do).
CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER  NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    staff_id      INTEGER  NOT NULL REFERENCES staff (id),
    decision      TEXT    NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
    note          TEXT,
    queued_at     INTEGER  NOT NULL,
    decided_at    INTEGER  NOT NULL
);
CREATE INDEX decisions_submission ON decisions (submission_id);
CREATE INDEX decisions_decided_at ON decisions (decided_at);

-- When the submission last entered the queue: filing, or resubmission after a return.
ALTER TABLE submissions ADD COLUMN queued_at INTEGER;
ALTER TABLE submissions ADD COLUMN decided_by INTEGER REFERENCES staff (id);
UPDATE submissions SET queued_at = created_at;
