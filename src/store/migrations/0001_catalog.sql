-- 0001: the catalogue. Titles form a tree (series -> season -> episode);
-- films are top-level titles. Names have a *_folded twin that binge fills
-- with core/fold.h's search key, so search is a plain LIKE on any engine.

CREATE TABLE title (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('series', 'season', 'episode', 'film')),
    parent_id BIGINT REFERENCES title (id) ON DELETE CASCADE,
    number INTEGER,                 -- season number, or episode number in its season
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    source_key TEXT UNIQUE,         -- importer's identity, e.g. the article's title line
    synopsis TEXT,
    first_aired TEXT,               -- YYYY-MM-DD
    status TEXT CHECK (status IN ('returning', 'ended', 'cancelled', 'released')),
    status_date TEXT,               -- YYYY-MM-DD
    runtime_min INTEGER,
    runtime_max INTEGER,
    rating_system TEXT,             -- e.g. 'US TV', 'MPA'
    rating_value TEXT,              -- e.g. 'TV-MA', 'PG-13'
    episode_count INTEGER,          -- a season's declared count when episodes are unlisted
    UNIQUE (parent_id, number)
);
CREATE INDEX title_kind ON title (kind);
CREATE INDEX title_name_folded ON title (name_folded);

-- Ordered lists of plain values: genres, countries, languages, locations.
CREATE TABLE title_tag (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('genre', 'country', 'language', 'location')),
    ord INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (title_id, kind, ord)
);

CREATE TABLE person (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    name_folded TEXT NOT NULL
);
CREATE INDEX person_name_folded ON person (name_folded);

CREATE TABLE credit (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('creator', 'showrunner', 'cast', 'composer',
        'executive_producer', 'producer', 'editor', 'cinematographer', 'director',
        'writer')),
    person_id BIGINT NOT NULL REFERENCES person (id),
    ord INTEGER NOT NULL,           -- billing order within the role
    character_name TEXT,
    character_folded TEXT,
    description TEXT,
    PRIMARY KEY (title_id, role, person_id)
);
CREATE INDEX credit_person ON credit (person_id);

-- Companies (producers, studios) and platforms (channels, services).
CREATE TABLE organisation (
    id @ID@,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'platform')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
);

CREATE TABLE title_organisation (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    ord INTEGER NOT NULL,
    PRIMARY KEY (title_id, organisation_id)
);

-- Related titles by name; resolved to catalogue titles when read.
CREATE TABLE title_related (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (title_id, ord)
);

-- Source attributes binge does not model yet: kept and shown, never dropped.
CREATE TABLE title_extra (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    attr_key TEXT NOT NULL,
    attr_value TEXT NOT NULL,
    PRIMARY KEY (title_id, ord)
);

-- A season's episode count: its listed episodes, or its declared count when
-- more episodes are declared than listed.
CREATE VIEW season_size AS
SELECT s.id AS season_id,
       s.parent_id AS series_id,
       s.number AS number,
       CASE WHEN COALESCE(s.episode_count, 0) > (SELECT COUNT(*) FROM title e WHERE e.parent_id = s.id)
            THEN s.episode_count
            ELSE (SELECT COUNT(*) FROM title e WHERE e.parent_id = s.id)
       END AS episode_count
FROM title s
WHERE s.kind = 'season';
