-- 0011: critic reviews and the outlet weights of the weighted score
-- (reception/review.h, reception/reception.h). A review is for a series or
-- film (title_id) and one of its seasons (season > 0) or the whole title
-- (season 0); (title, season, outlet, critic) identifies it, so importing
-- the same file again changes nothing. Scores are stored normalised to
-- 0-100 in thousandths, with the outlet's own score and scale beside.
CREATE TABLE critic_review (
    id @ID@,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    season INTEGER NOT NULL DEFAULT 0,
    outlet TEXT NOT NULL,
    critic TEXT NOT NULL DEFAULT '',
    top_critic INTEGER NOT NULL DEFAULT 0,
    reviewed_on TEXT,
    score TEXT,
    scale TEXT,
    score_milli BIGINT,               -- normalised 0-100 x 1000; NULL without a score
    verdict TEXT CHECK (verdict IN ('fresh', 'rotten')),
    in_approval INTEGER NOT NULL,
    in_weighted INTEGER NOT NULL,
    UNIQUE (title_id, season, outlet, critic)
);

CREATE TABLE outlet_weight (
    outlet TEXT PRIMARY KEY,
    weight_milli BIGINT NOT NULL      -- x 1000; outlets not listed weigh 1
);
