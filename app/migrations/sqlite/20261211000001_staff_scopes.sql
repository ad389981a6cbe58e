-- Every staff account works in an area: the city, a district, a street (街道), a community
-- (社区), or for a team leader one volunteer team. Accounts made before areas keep the whole city.
-- `team_leader` joins the roles. SQLite cannot change a CHECK in place, so the table is copied
-- under the new ones; `Db::migrate` runs SQLite's migrations with foreign keys off, so dropping
-- the old table deletes nothing that refers to it (sessions, recovery codes, the audit log).
CREATE TABLE staff_new (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE,
    password_hash        TEXT    NOT NULL,
    role                 TEXT    NOT NULL
                         CHECK (role IN ('team_leader', 'moderator', 'admin')),
    disabled             INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    totp_secret          TEXT,
    totp_pending         TEXT,
    totp_last_step       INTEGER NOT NULL DEFAULT 0,
    scope_level          TEXT    NOT NULL DEFAULT 'city'
                         CHECK (scope_level IN ('city', 'district', 'street', 'community', 'team')),
    scope_id             INTEGER
);
INSERT INTO staff_new (id, username, password_hash, role, disabled, created_at,
                       must_change_password, totp_secret, totp_pending, totp_last_step)
SELECT id, username, password_hash, role, disabled, created_at, must_change_password,
       totp_secret, totp_pending, totp_last_step
FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

-- Which communities each district, street and community holds, so one condition limits any
-- list to an account's area: `community_id IN (SELECT community_id FROM area_communities
-- WHERE level = ? AND area_id = ?)`.
CREATE VIEW area_communities (level, area_id, community_id) AS
    SELECT 'community', id, id FROM communities
    UNION ALL
    SELECT 'street', street_id, id FROM communities
    UNION ALL
    SELECT 'district', s.district_id, c.id FROM communities c JOIN streets s ON s.id = c.street_id;
