-- 0036: an optional limit on how many devices of an account stream at
-- once, and the streams under way: one per login (device), kept alive by
-- the player's progress reports; one stopped from another device says so
-- at its next report.
ALTER TABLE app_user ADD COLUMN max_streams INTEGER;
CREATE TABLE active_stream (
    login_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    profile_id BIGINT REFERENCES profile (id) ON DELETE CASCADE,
    media_id BIGINT,
    started_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    stopped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX active_stream_user ON active_stream (user_id);
