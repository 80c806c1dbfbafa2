-- 0022: every audio and subtitle track of a media file, for the player's
-- audio and captions menus: the streams inside the file (stream_index is
-- the number among streams of its kind, FFmpeg's 0:a:N / 0:s:N) and the
-- subtitle files beside it (stream_index -1, file = the sidecar's name in
-- the video's folder). media_file.sidecars remembers which sidecars the
-- last scan saw (names, sizes, times), so a scan notices one added or
-- changed although the video did not change. probe_version makes the next
-- scan probe files again when binge learns to read more from them: rows
-- from before this migration have 0 and are probed once more.
CREATE TABLE media_track (
    media_id BIGINT NOT NULL REFERENCES media_file (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind = 'audio' OR kind = 'subtitle'),
    stream_index INTEGER NOT NULL,
    codec TEXT NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    channels INTEGER NOT NULL,
    is_default INTEGER NOT NULL,
    forced INTEGER NOT NULL,
    hearing_impaired INTEGER NOT NULL,
    file TEXT,
    PRIMARY KEY (media_id, ord)
);
ALTER TABLE media_file ADD COLUMN sidecars TEXT NOT NULL DEFAULT '';
ALTER TABLE media_file ADD COLUMN probe_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media_file DROP COLUMN subtitles;
