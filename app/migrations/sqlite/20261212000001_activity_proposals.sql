-- A team leader's activity waits in the moderation queue as a submission of kind
-- 'activity_proposal' (its fields are the payload); nothing is in `activities` until the
-- area's moderator approves it, so no public list needs to know about proposals.
CREATE TABLE activity_proposals (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
    team_id       INTEGER NOT NULL REFERENCES teams (id),
    proposed_by   INTEGER NOT NULL REFERENCES staff (id),
    -- The (first) occurrence its approval published.
    activity_id   INTEGER REFERENCES activities (id)
);
CREATE INDEX activity_proposals_team ON activity_proposals (team_id);

-- The submissions that belong to a volunteer team, so a team leader's lists take one condition.
CREATE VIEW team_submissions (submission_id, team_id) AS
    SELECT submission_id, team_id FROM volunteer_applications
    UNION ALL
    SELECT submission_id, team_id FROM activity_proposals;
