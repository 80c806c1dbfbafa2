-- 0040: what ffprobe printed for a file, kept by the file's identity on
-- disk (device, inode) with its size and modification time, so a file that
-- moves, within a library, to another library or out and back in, is not
-- probed again (media/probe_cache_store.h). A row outlives the file's
-- media_file row; a scan drops the rows no scan has used for 180 days.
CREATE TABLE probe_cache (
    device BIGINT NOT NULL,
    inode BIGINT NOT NULL,
    size BIGINT NOT NULL,
    mtime BIGINT NOT NULL,
    probe_version INTEGER NOT NULL,
    output TEXT NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (inode, device) -- inode first: a scan looks entries up by inode IN (...)
);
CREATE INDEX probe_cache_used ON probe_cache (used_at);
