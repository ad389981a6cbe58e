-- Service points of the 15-minute living circle. `category` is an id from the category list in
-- app/src/domain/category.rs (reference data kept in code, shared with the browser).
-- `hours` is WeeklyHours as JSON; `guide` the "tell it all at once" list (一次性告知) as JSON.

CREATE TABLE services (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         TEXT    UNIQUE,
    name         TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    phone        TEXT,
    lat          DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180),
    -- A ~1 km grid cell of the position (see domain::geo::cell_of): the nearby search reads only the
    -- few cells around home.
    cell         BIGINT GENERATED ALWAYS AS (trunc(lat * 100)::bigint * 100000 + trunc(lng * 100)::bigint) STORED,
    community_id BIGINT  NOT NULL REFERENCES communities (id),
    grid_id      BIGINT  REFERENCES grids (id),
    hours        TEXT    NOT NULL,
    guide        TEXT,
    -- 1 while the service is listed; approvals and suspensions (later) flip it.
    listed       SMALLINT NOT NULL DEFAULT 1
);
-- The nearby search seeks the cells around home in this index and checks latitude, longitude
-- (and the category, when asked) inside it, before the exact distance decides. Partial and
-- covering: the common search never touches the table itself.
CREATE INDEX services_location ON services (cell, lat, lng, category) WHERE listed = 1;
CREATE INDEX services_category ON services (category);
CREATE INDEX services_community ON services (community_id);
