-- 0038: a second counter beside the catalogue's (store/generation.h): every
-- change to what an account or profile may see raises it, so a server can
-- answer a signed image URL from its cache without reading the account,
-- the profile, the image and the licence windows again each time.
INSERT INTO binge_lock (name, generation) VALUES ('account', 0);
