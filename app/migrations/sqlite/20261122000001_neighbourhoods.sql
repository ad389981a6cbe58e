-- The grid-management hierarchy: district (区) → street (街道) → community (社区) → grid (网格).
-- `code` is a stable slug that demo data and later imports use to refer to a place.

CREATE TABLE districts (
    id      INTEGER PRIMARY KEY,
    code    TEXT    NOT NULL UNIQUE,
    name_zh TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    lat     REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng     REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180)
);

CREATE TABLE streets (
    id          INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts (id),
    code        TEXT    NOT NULL UNIQUE,
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    lat         REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng         REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX streets_district ON streets (district_id);

CREATE TABLE communities (
    id        INTEGER PRIMARY KEY,
    street_id INTEGER NOT NULL REFERENCES streets (id),
    code      TEXT    NOT NULL UNIQUE,
    name_zh   TEXT    NOT NULL,
    name_en   TEXT    NOT NULL,
    lat       REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng       REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX communities_street ON communities (street_id);

CREATE TABLE grids (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    code         TEXT    NOT NULL UNIQUE,
    name_zh      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    -- The grid leader (网格长): a public role, shown by name so residents know whom to ask.
    leader_name  TEXT    NOT NULL,
    lat          REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX grids_community ON grids (community_id);
