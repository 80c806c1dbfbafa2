-- 0013: viewers' own ratings of series and films they have watched, in
-- half stars (1 = 0.5 stars ... 10 = 5 stars); the audience score is the
-- share of ratings of 3.5 stars or more (reception/reception.h).
CREATE TABLE audience_rating (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    half_stars INTEGER NOT NULL CHECK (half_stars BETWEEN 1 AND 10),
    rated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
);
CREATE INDEX audience_rating_title ON audience_rating (title_id);
