-- The categories of daily life become data that admins change. Ids never change and rows are
-- never deleted: a category no listed service uses is retired (`retired_at`), so every id that
-- services, history and submissions hold still names one. The standard list is seeded by
-- `server::open_database` when this table is empty (app/src/domain/category/standard.rs).
CREATE TABLE categories (
    id             TEXT    PRIMARY KEY,
    name_zh        TEXT    NOT NULL UNIQUE,
    name_en        TEXT    NOT NULL,
    icon           TEXT    NOT NULL,
    circle_minutes BIGINT NOT NULL CHECK (circle_minutes IN (5, 10, 15)),
    sells_food     BIGINT NOT NULL DEFAULT 0,
    shop           BIGINT NOT NULL DEFAULT 0,
    -- Everyday search words, one a line.
    words          TEXT    NOT NULL DEFAULT '',
    -- The order within a circle: as added.
    position       BIGINT NOT NULL,
    retired_at     BIGINT
);
