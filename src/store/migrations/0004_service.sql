-- 0004: what the service needs to decide who may see what.
--
-- Titles: top_id points every season and episode at its series (a top-level
-- title points at itself), so ratings and licence windows are looked up on
-- one row; maturity_level is the top-level title's rating on the age scale
-- (catalog/maturity.h; unrated = 18); release_at is when a season or
-- episode becomes visible (NULL: with its title); a season's release_mode
-- says how its episodes' release_at were computed.
ALTER TABLE title ADD COLUMN top_id BIGINT;
ALTER TABLE title ADD COLUMN maturity_level INTEGER NOT NULL DEFAULT 18;
ALTER TABLE title ADD COLUMN release_at TEXT;
ALTER TABLE title ADD COLUMN release_mode TEXT;
UPDATE title SET top_id = id WHERE parent_id IS NULL;
UPDATE title SET top_id = parent_id WHERE kind = 'season';
UPDATE title SET top_id = (SELECT p.parent_id FROM title p WHERE p.id = title.parent_id)
    WHERE kind = 'episode';
UPDATE title SET maturity_level = CASE rating_value
    WHEN 'TV-Y' THEN 0 WHEN 'TV-G' THEN 0 WHEN 'G' THEN 0
    WHEN 'TV-Y7' THEN 7 WHEN 'TV-Y7-FV' THEN 7 WHEN 'TV-PG' THEN 7 WHEN 'PG' THEN 7
    WHEN 'TV-14' THEN 13 WHEN 'PG-13' THEN 13 WHEN 'R' THEN 16
    ELSE 18 END
    WHERE parent_id IS NULL;
CREATE INDEX title_top ON title (top_id);

-- Licence windows: a title is streamable on a platform in some territories
-- (or worldwide) from starts_at until ends_at (exclusive; NULL = open).
-- Instants are "YYYY-MM-DDTHH:MM:SSZ" text, which sorts in time order.
CREATE TABLE licence_window (
    id @ID@,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    worldwide INTEGER NOT NULL CHECK (worldwide IN (0, 1)),
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX licence_window_title ON licence_window (title_id);

CREATE TABLE licence_territory (
    window_id BIGINT NOT NULL REFERENCES licence_window (id) ON DELETE CASCADE,
    territory TEXT NOT NULL,        -- ISO 3166-1 alpha-2
    PRIMARY KEY (window_id, territory)
);

-- Accounts. Passwords and PINs are argon2id hashes (libsodium); tokens are
-- stored only as BLAKE2b hashes.
CREATE TABLE app_user (
    id @ID@,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
    territory TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE profile (
    id @ID@,
    user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    ceiling INTEGER NOT NULL,       -- age level, catalog/maturity.h
    kids INTEGER NOT NULL CHECK (kids IN (0, 1)),
    pin_hash TEXT,
    UNIQUE (user_id, name)
);

CREATE TABLE auth_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    profile_id BIGINT REFERENCES profile (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);

-- Failed logins and PIN entries per subject ("user:NAME", "pin:ID"), to
-- slow guessing down across every binge process.
CREATE TABLE login_throttle (
    subject TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
);
