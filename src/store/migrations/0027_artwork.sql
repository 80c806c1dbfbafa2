-- 0027: artwork of titles: images found beside the media by the names
-- Jellyfin and Plex use (poster, backdrop, logo; a season's poster; an
-- episode's thumb), and episode stills binge makes when there is none.
-- path is absolute; size and mtime tell a resized copy made earlier from
-- the same file.
CREATE TABLE artwork (
    id @ID@,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('poster', 'backdrop', 'logo', 'still')),
    path TEXT NOT NULL,
    size BIGINT NOT NULL,
    mtime BIGINT NOT NULL,
    made INTEGER NOT NULL DEFAULT 0, -- 1: a still binge made from the video
    UNIQUE (title_id, kind)
);
