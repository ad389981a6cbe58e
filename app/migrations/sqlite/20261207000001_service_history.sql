-- Staff keep the directory true. `version` counts the changes to a service (a save names the
-- version it was read at, so a second editor's stale save is refused); `verified_at` is when
-- staff last confirmed it, shown to residents; a closed service keeps why and when.
ALTER TABLE services ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN verified_at INTEGER;
ALTER TABLE services ADD COLUMN closed_reason TEXT;
ALTER TABLE services ADD COLUMN closed_note TEXT;
ALTER TABLE services ADD COLUMN closed_at INTEGER;

-- Every change to a service: who, when, and each field before and after (`changes`, JSON).
-- `suggestion` is the reference of a resident's suggestion the change adopted.
CREATE TABLE service_history (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER NOT NULL REFERENCES services (id),
    version        INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    staff_id       INTEGER REFERENCES staff (id),
    staff_username TEXT    NOT NULL,
    action         TEXT    NOT NULL
                   CHECK (action IN ('create', 'edit', 'close', 'reopen', 'confirm')),
    changes        TEXT    NOT NULL,
    suggestion     TEXT
);
CREATE INDEX service_history_service ON service_history (service_id, id);

-- A resident's suggestion staff adopted by changing the directory: the service and the
-- version the change made, for the suggester's status page.
ALTER TABLE submissions ADD COLUMN adopted_service_id INTEGER REFERENCES services (id);
ALTER TABLE submissions ADD COLUMN adopted_version INTEGER;
