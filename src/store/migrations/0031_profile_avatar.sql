-- 0031: the avatar a profile's owner picked (an index into the web
-- player's set, web/cards.js); NULL: one derived from its name.
ALTER TABLE profile ADD COLUMN avatar INTEGER;
