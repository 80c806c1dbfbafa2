-- 0033: My List: the series and films a profile keeps to watch later.
-- Reads pass the visibility rule, so a title that leaves the territory
-- drops out of the list and comes back when a window reopens.
CREATE TABLE my_list (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
);
