-- 0021: a cap on the bitrate of an account's or a profile's streams (kb/s;
-- NULL: none), for a household on a slow line or a metered plan. The
-- playback decision takes the smallest of these and the server's cap.
ALTER TABLE app_user ADD COLUMN max_kbps INTEGER;
ALTER TABLE profile ADD COLUMN max_kbps INTEGER;
