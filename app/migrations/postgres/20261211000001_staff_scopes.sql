-- Every staff account works in an area: the city, a district, a street (街道), a community
-- (社区), or for a team leader one volunteer team. Accounts made before areas keep the whole city.
ALTER TABLE staff DROP CONSTRAINT staff_role_check;
ALTER TABLE staff ADD CONSTRAINT staff_role_check
    CHECK (role IN ('team_leader', 'moderator', 'admin'));
ALTER TABLE staff ADD COLUMN scope_level TEXT NOT NULL DEFAULT 'city'
    CHECK (scope_level IN ('city', 'district', 'street', 'community', 'team'));
ALTER TABLE staff ADD COLUMN scope_id BIGINT;

-- Which communities each district, street and community holds, so one condition limits any
-- list to an account's area: `community_id IN (SELECT community_id FROM area_communities
-- WHERE level = $1 AND area_id = $2)`.
CREATE VIEW area_communities (level, area_id, community_id) AS
    SELECT 'community'::text, id, id FROM communities
    UNION ALL
    SELECT 'street'::text, street_id, id FROM communities
    UNION ALL
    SELECT 'district'::text, s.district_id, c.id FROM communities c JOIN streets s ON s.id = c.street_id;
