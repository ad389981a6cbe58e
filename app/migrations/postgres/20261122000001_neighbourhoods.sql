-- The grid-management hierarchy: district (区) → street (街道) → community (社区) → grid (网格).
-- `code` is a stable slug that demo data and later imports use to refer to a place.

CREATE TABLE districts (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code    TEXT    NOT NULL UNIQUE,
    name_zh TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    lat     DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng     DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180)
);

CREATE TABLE streets (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id BIGINT  NOT NULL REFERENCES districts (id),
    code        TEXT    NOT NULL UNIQUE,
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    lat         DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng         DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX streets_district ON streets (district_id);

CREATE TABLE communities (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    street_id BIGINT  NOT NULL REFERENCES streets (id),
    code      TEXT    NOT NULL UNIQUE,
    name_zh   TEXT    NOT NULL,
    name_en   TEXT    NOT NULL,
    lat       DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng       DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX communities_street ON communities (street_id);

CREATE TABLE grids (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT  NOT NULL REFERENCES communities (id),
    code         TEXT    NOT NULL UNIQUE,
    name_zh      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    -- The grid leader (网格长): a public role, shown by name so residents know whom to ask.
    leader_name  TEXT    NOT NULL,
    lat          DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180)
);
CREATE INDEX grids_community ON grids (community_id);
