-- The merchant self-governance scheme (商户自治): streets whose shops run their own council
-- under a road chief (路长制), their council, member shops, and registrations in moderation.

CREATE TABLE governance_streets (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         TEXT    UNIQUE,
    -- The community whose directory lists its shops.
    community_id BIGINT  NOT NULL REFERENCES communities (id),
    name_zh      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    -- Public names and roles only.
    road_chief   TEXT    NOT NULL,
    scheme_zh    TEXT    NOT NULL,
    scheme_en    TEXT    NOT NULL,
    lat          DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180)
);

CREATE TABLE council_members (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    governance_street_id BIGINT  NOT NULL REFERENCES governance_streets (id),
    position             BIGINT  NOT NULL,
    name                 TEXT    NOT NULL,
    role_zh              TEXT    NOT NULL,
    role_en              TEXT    NOT NULL
);
CREATE INDEX council_members_street ON council_members (governance_street_id, position);

-- A member shop is a service point of the directory with these facts beside it.
CREATE TABLE member_shops (
    service_id           BIGINT PRIMARY KEY REFERENCES services (id),
    governance_street_id BIGINT  NOT NULL REFERENCES governance_streets (id),
    uscc                 TEXT    NOT NULL UNIQUE,
    food_licence         TEXT,
    prepackaged_only     BIGINT  NOT NULL DEFAULT 0 CHECK (prepackaged_only IN (0, 1)),
    health_certificates  BIGINT,
    -- 1 while a member; suspension (after a failed inspection, say) takes the shop off every
    -- public page together with its service point.
    active               BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    suspended_reason     TEXT,
    joined_at            BIGINT  NOT NULL
);
CREATE INDEX member_shops_street ON member_shops (governance_street_id);

-- The part of a registration the rules need. `active_uscc` holds the code while the
-- registration stands (anything but rejected), so one code cannot be registered twice at once.
CREATE TABLE merchant_registrations (
    submission_id        BIGINT PRIMARY KEY REFERENCES submissions (id),
    governance_street_id BIGINT  NOT NULL REFERENCES governance_streets (id),
    active_uscc          TEXT    UNIQUE,
    service_id           BIGINT  REFERENCES services (id)
);
