-- 0037: every catalogue read indexed for its access path at any size.
--
-- title (kind) has four values. Through it SQLite read every series and
-- film (or every season) of the catalogue, applied the visibility rule to
-- each, and sorted, before a page's LIMIT: a 50-title page of a
-- 20,000-title catalogue took 0.7 s. A page is now a walk of a partial
-- index of names in its order, from its cursor, that stops at the limit:
-- these hold only series and films, so the walk never passes the hundreds
-- of thousands of "Episode N" rows. The queries spell the kind as the
-- indexes do (catalog/catalog_view.c).
DROP INDEX title_kind;
CREATE INDEX title_top_name ON title (name_folded, id) WHERE kind IN ('series', 'film');
CREATE INDEX title_series_name ON title (name_folded, id) WHERE kind = 'series';
CREATE INDEX title_film_name ON title (name_folded, id) WHERE kind = 'film';
-- A character search walks the characters in its page's order, reading
-- only credits that name one.
CREATE INDEX credit_character ON credit (character_folded, title_id) WHERE character_folded IS NOT NULL;
