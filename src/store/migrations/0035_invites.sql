-- 0035: invitations an admin hands out: a link that opens one account, in a
-- territory, as a viewer or an admin, until it expires. Only the token's
-- digest is kept; the link is shown once, when it is made.
CREATE TABLE invite (
    id @ID@,
    token_hash TEXT NOT NULL UNIQUE,
    territory TEXT NOT NULL,
    admin INTEGER NOT NULL CHECK (admin IN (0, 1)),
    created_by BIGINT REFERENCES app_user (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by BIGINT REFERENCES app_user (id) ON DELETE SET NULL
);
