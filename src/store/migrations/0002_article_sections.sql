-- 0002: the text of an imported article, section by section, so later
-- features (reception, home media, awards) can be derived from what was
-- imported without re-reading the source files.

CREATE TABLE title_section (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    level INTEGER NOT NULL,         -- 2 for ==Section==, 3 for ===Sub===, ...
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (title_id, ord)
);
