-- The places held on each activity, kept on its row by every change to its places (under the
-- activity's lock), so the lists read it instead of counting every application and waitlist.
ALTER TABLE activities ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
UPDATE activities SET held = (
  SELECT COUNT(*) FROM volunteer_applications v JOIN submissions s ON s.id = v.submission_id
  WHERE v.activity_id = activities.id AND s.status IN ('pending', 'approved'));
