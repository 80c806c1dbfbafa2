-- 0015: award nominations imported from files (`binge awards import`),
-- beside those read from an article's accolades table. One nomination per
-- title, year, award, category and nominee.
CREATE TABLE award_nomination (
    id @ID@,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    organisation TEXT NOT NULL,
    award TEXT NOT NULL,
    category TEXT NOT NULL,
    nominee TEXT NOT NULL,
    season INTEGER NOT NULL DEFAULT 0,
    episode INTEGER NOT NULL DEFAULT 0,
    result TEXT NOT NULL CHECK (result IN ('won', 'nominated', 'pending', 'unknown')),
    UNIQUE (title_id, year, award, category, nominee)
);
