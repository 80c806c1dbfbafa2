-- The children of a title by kind: the season_size view (seasons of a
-- series) filters on parent_id and kind together. Without it, and without
-- statistics, SQLite chose the kind index and walked every season of the
-- catalogue for each series row: a title page of a 24,000-title catalogue
-- took 40.6 ms on average (p99 190 ms); with it, 1.3 ms (p99 2.3 ms).
CREATE INDEX title_parent_kind ON title (parent_id, kind);
