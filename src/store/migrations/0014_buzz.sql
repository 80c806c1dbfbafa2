-- 0014: social buzz (reception/buzz.h): posts as imported, how each title
-- is tracked (hashtags, keywords, handles), and figures reported from
-- outside with their source, kept beside the computed ones.
CREATE TABLE buzz_post (
    network TEXT NOT NULL,
    post_id TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    repost_of TEXT,
    PRIMARY KEY (network, post_id)
);
CREATE INDEX buzz_post_time ON buzz_post (posted_at);

CREATE TABLE buzz_tracker (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('hashtag', 'keyword', 'handle')),
    value TEXT NOT NULL,
    PRIMARY KEY (title_id, kind, value)
);

CREATE TABLE buzz_reported (
    id @ID@,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    season INTEGER NOT NULL DEFAULT 0,
    posts BIGINT NOT NULL,
    period TEXT NOT NULL,              -- e.g. "premiere week"
    source TEXT NOT NULL
);
