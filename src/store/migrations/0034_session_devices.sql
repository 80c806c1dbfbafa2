-- 0034: what an account's owner sees of its logins (its devices): the
-- device that signed in (from its User-Agent), from where, and when it was
-- last seen (updated at most once a minute per token).
ALTER TABLE auth_session ADD COLUMN device TEXT;
ALTER TABLE auth_session ADD COLUMN address TEXT;
ALTER TABLE auth_session ADD COLUMN last_seen TEXT;
