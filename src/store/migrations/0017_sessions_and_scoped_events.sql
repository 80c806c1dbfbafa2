-- 0017: what the security review of issue 14 asked of the schema.
--
-- Sessions: every token row names the login it descends from (the account
-- token's digest; an account token names itself), so logout revokes the
-- account token and every profile token minted from it in one UPDATE, and
-- a password change revokes all of a user's rows.
ALTER TABLE auth_session ADD COLUMN login_hash TEXT;
UPDATE auth_session SET login_hash = token_hash;
CREATE INDEX auth_session_login ON auth_session (login_hash);
CREATE INDEX auth_session_user ON auth_session (user_id);

-- Throttles are now keyed by user name and caller address, plus a budget
-- per address, and forgotten a day after their last failure. The old rows
-- keyed by name alone let anyone lock anyone out: they go.
DELETE FROM login_throttle WHERE subject LIKE 'user:%';
CREATE INDEX login_throttle_age ON login_throttle (last_failure_at);

-- Event ids are the client's, so they are unique per profile, not across
-- the service: one viewer's id can neither drop nor reveal another's event.
CREATE TABLE viewing_event_scoped (
    id TEXT NOT NULL,
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('start', 'progress', 'complete', 'stop')),
    position_ms BIGINT NOT NULL,
    device TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (profile_id, id)
);
INSERT INTO viewing_event_scoped (id, profile_id, title_id, kind, position_ms, device, at)
  SELECT id, profile_id, title_id, kind, position_ms, device, at FROM viewing_event;
DROP TABLE viewing_event;
ALTER TABLE viewing_event_scoped RENAME TO viewing_event;
