-- 0024: where a media file's intro and credits are, for "Skip intro" and
-- for the next-episode countdown that starts with the credits. A marker
-- comes from the file's chapters, an admin, or the audio fingerprints of
-- the season (media/intro.h); an admin's is never overwritten, a chapter's
-- only by an admin's.
CREATE TABLE media_marker (
    media_id BIGINT NOT NULL REFERENCES media_file (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind = 'intro' OR kind = 'credits'),
    start_ms BIGINT NOT NULL,
    end_ms BIGINT,
    source TEXT NOT NULL CHECK (source = 'chapter' OR source = 'admin' OR source = 'fingerprint'),
    PRIMARY KEY (media_id, kind)
);
