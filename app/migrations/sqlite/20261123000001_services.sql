-- Service points of the 15-minute living circle. `category` is an id from the category list in
-- app/src/domain/category.rs (reference data kept in code, shared with the browser).
-- `hours` is WeeklyHours as JSON; `guide` the "tell it all at once" list (一次性告知) as JSON.

CREATE TABLE services (
    id           INTEGER PRIMARY KEY,
    code         TEXT    UNIQUE,
    name         TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    phone        TEXT,
    lat          REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    community_id INTEGER NOT NULL REFERENCES communities (id),
    grid_id      INTEGER REFERENCES grids (id),
    hours        TEXT    NOT NULL,
    guide        TEXT,
    -- 1 while the service is listed; approvals and suspensions (later) flip it.
    listed       INTEGER NOT NULL DEFAULT 1
);
-- The nearby search reads a latitude band from this index and checks longitude inside it,
-- before the exact distance decides.
CREATE INDEX services_location ON services (lat, lng);
CREATE INDEX services_category ON services (category);
CREATE INDEX services_community ON services (community_id);
