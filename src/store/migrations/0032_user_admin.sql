-- 0032: accounts an admin manages. A disabled account cannot sign in and
-- its tokens stop answering; must_change_password: the next sign-in may
-- only change the password (set when an admin resets it).
ALTER TABLE app_user ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
