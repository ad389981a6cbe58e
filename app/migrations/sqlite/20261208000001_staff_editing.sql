-- Staff publish, change and call off activities. A cancelled activity keeps its row, with why;
-- the applications on it become `cancelled` with the same reason.
ALTER TABLE activities ADD COLUMN cancelled_at INTEGER;
ALTER TABLE activities ADD COLUMN cancel_reason TEXT;
-- A series staff ended makes no more occurrences.
ALTER TABLE activity_series ADD COLUMN ended_at INTEGER;

-- A street's own pledge, once staff write one; until then the scheme's standard text.
ALTER TABLE governance_streets ADD COLUMN pledge_zh TEXT;
ALTER TABLE governance_streets ADD COLUMN pledge_en TEXT;

-- `cancelled` joins the statuses. SQLite cannot change a CHECK in place, so the table is copied
-- under the new one; `Db::migrate` runs SQLite's migrations with foreign keys off, so dropping
-- the old table deletes nothing that refers to it (decisions, versions, applications).
CREATE TABLE submissions_new (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'approved', 'rejected', 'returned',
                                         'waitlisted', 'withdrawn', 'cancelled')),
    community_id       INTEGER REFERENCES communities (id),
    phone              TEXT,
    payload            TEXT    NOT NULL,
    created_at         INTEGER NOT NULL,
    decided_at         INTEGER,
    decision_note      TEXT,
    queued_at          INTEGER,
    decided_by         INTEGER REFERENCES staff (id),
    idempotency_key    TEXT,
    erased_at          INTEGER,
    adopted_service_id INTEGER REFERENCES services (id),
    adopted_version    INTEGER
);
INSERT INTO submissions_new (id, reference, kind, status, community_id, phone, payload,
                             created_at, decided_at, decision_note, queued_at, decided_by,
                             idempotency_key, erased_at, adopted_service_id, adopted_version)
SELECT id, reference, kind, status, community_id, phone, payload, created_at, decided_at,
       decision_note, queued_at, decided_by, idempotency_key, erased_at, adopted_service_id,
       adopted_version
FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_new RENAME TO submissions;
CREATE INDEX submissions_queue ON submissions (status, kind, created_at);
CREATE INDEX submissions_phone ON submissions (phone);
