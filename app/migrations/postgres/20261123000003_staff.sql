-- Staff accounts, their sessions, failed sign-ins (for throttling), the audit log, and every
-- version of a submission (a returned one comes back corrected as a new version).

CREATE TABLE staff (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('moderator', 'admin')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

-- Only a hash of the session id is stored: a copy of this table signs nobody in.
CREATE TABLE staff_sessions (
    token_hash   TEXT    PRIMARY KEY,
    staff_id     BIGINT  NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at   BIGINT  NOT NULL,
    last_seen_at BIGINT  NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- scope is 'account' (key: the username as typed, lower-cased) or 'address' (key: client IP).
CREATE TABLE sign_in_failures (
    id    BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope TEXT    NOT NULL,
    key   TEXT    NOT NULL,
    at    BIGINT  NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (scope, key, at);

CREATE TABLE audit_log (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             BIGINT  NOT NULL,
    staff_id       BIGINT  REFERENCES staff (id),
    staff_username TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    before_state   TEXT,
    after_state    TEXT
);
CREATE INDEX audit_log_target ON audit_log (target, at);

-- Nobody changes the record of what was done, not even with direct SQL through the app's user.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log cannot be changed';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE TABLE submission_versions (
    submission_id BIGINT  NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    payload       TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (submission_id, version)
);
INSERT INTO submission_versions (submission_id, version, payload, created_at)
    SELECT id, 1, payload, created_at FROM submissions;

-- Each decision on a submission, for its history and the dashboard's figures (the audit log
-- records the same decisions among everything else staff do).
CREATE TABLE decisions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    submission_id BIGINT  NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    staff_id      BIGINT  NOT NULL REFERENCES staff (id),
    decision      TEXT    NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
    note          TEXT,
    queued_at     BIGINT  NOT NULL,
    decided_at    BIGINT  NOT NULL
);
CREATE INDEX decisions_submission ON decisions (submission_id);
CREATE INDEX decisions_decided_at ON decisions (decided_at);

-- When the submission last entered the queue: filing, or resubmission after a return.
ALTER TABLE submissions ADD COLUMN queued_at BIGINT;
ALTER TABLE submissions ADD COLUMN decided_by BIGINT REFERENCES staff (id);
UPDATE submissions SET queued_at = created_at;
