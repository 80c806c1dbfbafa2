-- 0005: media libraries and the files found in them. A file is linked to
-- the episode (or film) its path names; a multi-episode file is linked to
-- its first episode and records the last in episode_end. size + mtime tell
-- a re-scan whether a file changed, and find it again when it moved.
CREATE TABLE library (
    id @ID@,
    path TEXT NOT NULL UNIQUE,       -- absolute
    added_at TEXT NOT NULL
);

CREATE TABLE media_file (
    id @ID@,
    library_id BIGINT NOT NULL REFERENCES library (id) ON DELETE CASCADE,
    rel_path TEXT NOT NULL,
    size BIGINT NOT NULL,
    mtime BIGINT NOT NULL,
    title_id BIGINT REFERENCES title (id) ON DELETE SET NULL,
    episode_end INTEGER,
    container TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    video_codec TEXT,
    width INTEGER,
    height INTEGER,
    hdr TEXT,
    audio_codec TEXT,
    audio_channels INTEGER,
    subtitles TEXT,
    probed_at TEXT NOT NULL,
    UNIQUE (library_id, rel_path)
);
CREATE INDEX media_file_title ON media_file (title_id);
