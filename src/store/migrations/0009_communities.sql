-- 0009: taste communities (`binge communities build`): groups of profiles
-- clustered by what they watch, each with its most characteristic titles,
-- and every clustered profile's community. A build replaces them all.
-- Fractions are stored as whole millionths (engine-neutral integers).
CREATE TABLE community (
    id BIGINT PRIMARY KEY,           -- 1..k within a build
    size BIGINT NOT NULL,
    label TEXT NOT NULL,
    model_version BIGINT NOT NULL    -- the model file whose profile factors were clustered
);

CREATE TABLE community_title (
    community_id BIGINT NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    lift_micro BIGINT NOT NULL,      -- lift over base popularity x 1e6
    PRIMARY KEY (community_id, rank)
);

CREATE TABLE community_member (
    profile_id BIGINT PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    affinity_micro BIGINT NOT NULL   -- cosine to the community's centre x 1e6
);
CREATE INDEX community_member_community ON community_member (community_id);
