-- Volunteer teams (one per grid in the seeds' streets), their activities, and the part of a
-- volunteer application that the capacity rules and service records need. The application
-- itself (name, phone, status) is a row of `submissions`, moderated in the staff queue.

CREATE TABLE teams (
    id            INTEGER PRIMARY KEY,
    code          TEXT    UNIQUE,
    community_id  INTEGER NOT NULL REFERENCES communities (id),
    grid_id       INTEGER REFERENCES grids (id),
    name_zh       TEXT    NOT NULL,
    name_en       TEXT    NOT NULL,
    speciality    TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    -- The leader's public name only; never a phone.
    leader        TEXT    NOT NULL,
    meeting_place TEXT    NOT NULL,
    lat           REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng           REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    -- The team's public line (its community service centre), printed on service records.
    contact       TEXT    NOT NULL,
    -- Members who joined before the portal; approved applications add to it.
    base_members  INTEGER NOT NULL DEFAULT 0 CHECK (base_members >= 0)
);
CREATE INDEX teams_community ON teams (community_id);

-- A regular activity; its occurrences are rows of `activities`, made ahead of time.
CREATE TABLE activity_series (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams (id),
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    place        TEXT    NOT NULL,
    lat          REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    repeat_rule  TEXT    NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    minutes      INTEGER NOT NULL CHECK (minutes > 0),
    capacity     INTEGER NOT NULL CHECK (capacity > 0)
);

CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    series_id   INTEGER REFERENCES activity_series (id),
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    place       TEXT    NOT NULL,
    lat         REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng         REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    UNIQUE (series_id, starts_at)
);
CREATE INDEX activities_team ON activities (team_id, starts_at);
CREATE INDEX activities_start ON activities (starts_at);

CREATE TABLE volunteer_applications (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
    team_id       INTEGER NOT NULL REFERENCES teams (id),
    activity_id   INTEGER REFERENCES activities (id),
    -- Set by staff after the activity: 1 attended (with minutes served), 0 did not come.
    attended      INTEGER CHECK (attended IN (0, 1)),
    minutes       INTEGER CHECK (minutes >= 0),
    recorded_by   INTEGER REFERENCES staff (id),
    recorded_at   INTEGER,
    -- When the personal data was deleted; the row stays for anonymous counts.
    erased_at     INTEGER
);
CREATE INDEX volunteer_applications_activity ON volunteer_applications (activity_id);
CREATE INDEX volunteer_applications_team ON volunteer_applications (team_id);
CREATE INDEX submissions_phone ON submissions (phone);
