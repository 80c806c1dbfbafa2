-- 0042: a title's latest release among its own (a series' episodes), for
-- "New on binge": for each of its 400 candidates, MAX(release_at) over the
-- rows of one top used title_top and read every episode's row. At 20,000
-- titles (15,000 series) that was half of a home page's time (2-3 ms);
-- with (top_id, release_at) it is one step down the index.
CREATE INDEX title_top_release ON title (top_id, release_at);
-- It also serves every lookup by top_id alone, so title_top goes.
DROP INDEX title_top;
