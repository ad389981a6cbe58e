-- Staff keep the directory true. `version` counts the changes to a service (a save names the
-- version it was read at, so a second editor's stale save is refused); `verified_at` is when
-- staff last confirmed it, shown to residents; a closed service keeps why and when.
ALTER TABLE services ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN verified_at BIGINT;
ALTER TABLE services ADD COLUMN closed_reason TEXT;
ALTER TABLE services ADD COLUMN closed_note TEXT;
ALTER TABLE services ADD COLUMN closed_at BIGINT;

-- Every change to a service: who, when, and each field before and after (`changes`, JSON).
-- `suggestion` is the reference of a resident's suggestion the change adopted.
CREATE TABLE service_history (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id     BIGINT  NOT NULL REFERENCES services (id),
    version        BIGINT  NOT NULL,
    at             BIGINT  NOT NULL,
    staff_id       BIGINT  REFERENCES staff (id),
    staff_username TEXT    NOT NULL,
    action         TEXT    NOT NULL
                   CHECK (action IN ('create', 'edit', 'close', 'reopen', 'confirm')),
    changes        TEXT    NOT NULL,
    suggestion     TEXT
);
CREATE INDEX service_history_service ON service_history (service_id, id);

-- A resident's suggestion staff adopted by changing the directory: the service and the
-- version the change made, for the suggester's status page.
ALTER TABLE submissions ADD COLUMN adopted_service_id BIGINT REFERENCES services (id);
ALTER TABLE submissions ADD COLUMN adopted_version BIGINT;
