-- 0006: where each profile is in each episode or film. One row per
-- (profile, title): the latest position, and whether it counts as watched
-- (90% reached, or marked).
CREATE TABLE playback (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    media_id BIGINT REFERENCES media_file (id) ON DELETE SET NULL,
    position_ms BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    watched INTEGER NOT NULL CHECK (watched IN (0, 1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
);
CREATE INDEX playback_recent ON playback (profile_id, updated_at);
