-- The places held on each activity, kept on its row by every change to its places (under the
-- activity's lock), so the lists read it instead of counting every application and waitlist.
ALTER TABLE activities ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
UPDATE activities SET held = (
  SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s ON s.id = v.submission_id
  WHERE v.activity_id = activities.id AND s.status IN ('pending', 'approved'));

-- A team's approved members (besides `base_members`), kept on its row the same way.
ALTER TABLE teams ADD COLUMN members BIGINT NOT NULL DEFAULT 0;
UPDATE teams SET members = (
  SELECT COUNT(*) FROM volunteer_applications a JOIN submissions s ON s.id = a.submission_id
  WHERE a.team_id = teams.id AND a.activity_id IS NULL AND s.status = 'approved');
