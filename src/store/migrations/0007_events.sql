-- 0007: the viewing event log. Every play start, progress report,
-- completion and stop of a profile on an episode or film. Event ids come
-- from the client (or the importer), so a retried batch adds nothing twice.
CREATE TABLE viewing_event (
    id TEXT PRIMARY KEY,
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('start', 'progress', 'complete', 'stop')),
    position_ms BIGINT NOT NULL,
    device TEXT NOT NULL,
    at TEXT NOT NULL                 -- YYYY-MM-DDTHH:MM:SSZ
);
CREATE INDEX viewing_event_profile ON viewing_event (profile_id, at);
CREATE INDEX viewing_event_title ON viewing_event (title_id, at);
