-- 0019: the bit depth of a file's video (8, 10, 12; from ffprobe's pixel
-- format), which the playback decision needs: a browser that plays HEVC
-- Main may not play HEVC Main 10. Rows probed before this migration get 10
-- when they are HDR (PQ and HLG are 10-bit by definition) and 8 otherwise,
-- until a re-scan probes them again.
ALTER TABLE media_file ADD COLUMN bit_depth INTEGER;
UPDATE media_file SET bit_depth = CASE WHEN hdr IS NOT NULL THEN 10 ELSE 8 END
    WHERE video_codec IS NOT NULL;
