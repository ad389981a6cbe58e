-- Everything the public submits, whatever its kind, waits here for staff moderation.
-- `payload` is the validated submission as JSON; its shape belongs to `kind`.
-- The phone (when given) is what the submitter uses, with the reference, to follow it up.

CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    reference    TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected', 'returned', 'waitlisted', 'withdrawn')),
    community_id INTEGER REFERENCES communities (id),
    phone        TEXT,
    payload      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER,
    decision_note TEXT
);
CREATE INDEX submissions_queue ON submissions (status, kind, created_at);
