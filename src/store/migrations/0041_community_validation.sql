-- 0041: whether a taste community earns its home-page row
-- (reco/community_validation.h): its members' latest starts held out and
-- scored against the community's top titles and the service's. Counts
-- and hit rates in millionths; communities built before this migration
-- have none and show no row until the next `binge communities build`.
ALTER TABLE community ADD COLUMN held_out BIGINT NOT NULL DEFAULT 0;
ALTER TABLE community ADD COLUMN hit_rate_micro BIGINT NOT NULL DEFAULT 0;
ALTER TABLE community ADD COLUMN popularity_hit_rate_micro BIGINT NOT NULL DEFAULT 0;
