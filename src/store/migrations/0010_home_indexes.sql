-- 0010: indexes for the home page's "New on binge" row, which looks for
-- licence windows that opened and episodes released in the last 30 days:
-- found from these, then checked against the visibility rule, instead of
-- checking every title of the catalogue (store/playback_store.c).
CREATE INDEX licence_window_starts ON licence_window (starts_at);
CREATE INDEX title_release ON title (release_at);
