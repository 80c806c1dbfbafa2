-- 0026: the NFO files a scan has applied (Kodi/Jellyfin metadata beside the
-- media), by size, time and the title they went to, so a re-scan reads only
-- the ones that changed, or whose title is new.
CREATE TABLE nfo_file (
    library_id BIGINT NOT NULL REFERENCES library (id) ON DELETE CASCADE,
    rel_path TEXT NOT NULL,
    size BIGINT NOT NULL,
    mtime BIGINT NOT NULL,
    title_id BIGINT NOT NULL,
    PRIMARY KEY (library_id, rel_path)
);
