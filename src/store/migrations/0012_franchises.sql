-- 0012: franchise timelines (reception/timeline.h): entries (films,
-- series, seasons; linked to the catalogue when binge has them) and
-- placement constraints, from which binge computes a story order.
-- `binge timeline import` replaces a franchise whole.
CREATE TABLE franchise (
    id @ID@,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE franchise_entry (
    id @ID@,
    franchise_id BIGINT NOT NULL REFERENCES franchise (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,              -- as listed in the file
    name TEXT NOT NULL,
    title_id BIGINT REFERENCES title (id) ON DELETE SET NULL,
    season INTEGER NOT NULL DEFAULT 0,
    released TEXT,                     -- YYYY-MM-DD
    UNIQUE (franchise_id, name)
);
CREATE INDEX franchise_entry_title ON franchise_entry (title_id);

CREATE TABLE franchise_constraint (
    id @ID@,
    franchise_id BIGINT NOT NULL REFERENCES franchise (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    entry TEXT NOT NULL,               -- entry names of the same franchise
    after_entry TEXT,
    before_entry TEXT
);
