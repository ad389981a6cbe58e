-- A self-governance street is drawn as the line of its road, named as maps name roads.
-- `path` is `lat,lng; lat,lng; …` from one end to the other; empty where staff have not drawn it.
ALTER TABLE governance_streets ADD COLUMN road_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE governance_streets ADD COLUMN road_en TEXT NOT NULL DEFAULT '';
ALTER TABLE governance_streets ADD COLUMN path TEXT NOT NULL DEFAULT '';
