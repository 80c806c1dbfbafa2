-- 0016: covering indexes for the visibility rule and "New on binge", so
-- that neither reads a title or window row just to test a date: the rule's
-- licence check (store/visibility.h) finds a title's windows with their
-- dates, and the home row's candidates (store/playback_store.c) come from
-- the index alone. Each replaces the narrower index it extends. Measured on
-- 20,000 titles: "New on binge" went from 3.4 ms to 0.7 ms (bench/).
DROP INDEX licence_window_title;
CREATE INDEX licence_window_title_span ON licence_window (title_id, starts_at, ends_at, worldwide, id);
DROP INDEX licence_window_starts;
CREATE INDEX licence_window_starts_title ON licence_window (starts_at, title_id, worldwide, id);
DROP INDEX title_release;
CREATE INDEX title_release_top ON title (release_at, top_id);
