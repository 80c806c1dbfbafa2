-- 0008: what the audience analytics read instead of the raw event log.
--
-- The event log grows by millions of rows; the analytics ask per viewer
-- "when did they first start, finish, last watch this episode / title".
-- These two tables answer that with one row per (profile, episode or film)
-- and one per (profile, series or film). They are kept by the event writer
-- (store/event_store.h) in the transaction that stores the events, so they
-- never disagree with the log. Instants here are Unix seconds (UTC): the
-- analytics do arithmetic on them (days to finish, weeks before a start).
--
-- A series is finished when the viewer completes the last episode of one
-- of its seasons; a film when it is completed.
CREATE TABLE episode_view (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    top_id BIGINT NOT NULL,
    first_s BIGINT NOT NULL,        -- first event of any kind
    completed_s BIGINT,             -- first 'complete'
    last_s BIGINT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
);
CREATE INDEX episode_view_top ON episode_view (top_id);

CREATE TABLE title_view (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    top_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    first_s BIGINT NOT NULL,
    finished_s BIGINT,
    last_s BIGINT NOT NULL,
    PRIMARY KEY (profile_id, top_id)
);
CREATE INDEX title_view_top ON title_view (top_id);

-- The log's own indexes by profile and by title served nothing the
-- summaries do not serve better, and cost two random B-tree inserts per
-- event: bulk import ran 2.7x faster without them. The log keeps its
-- primary key (idempotence). Deleting a profile or title now scans the log.
DROP INDEX viewing_event_profile;
DROP INDEX viewing_event_title;

-- Which episodes end a season (and films): completing one finishes the title.
-- Backfill from events stored before this migration.
INSERT INTO episode_view (profile_id, title_id, top_id, first_s, completed_s, last_s)
SELECT e.profile_id, e.title_id, t.top_id,
       MIN(@EPOCH(e.at)@),
       MIN(CASE WHEN e.kind = 'complete' THEN @EPOCH(e.at)@ END),
       MAX(@EPOCH(e.at)@)
  FROM viewing_event e JOIN title t ON t.id = e.title_id
 GROUP BY e.profile_id, e.title_id, t.top_id;

INSERT INTO title_view (profile_id, top_id, first_s, finished_s, last_s)
SELECT v.profile_id, v.top_id, MIN(v.first_s),
       MIN(CASE WHEN t.kind = 'film' OR NOT EXISTS (SELECT 1 FROM title n
                 WHERE n.parent_id = t.parent_id AND n.number > t.number)
                THEN v.completed_s END),
       MAX(v.last_s)
  FROM episode_view v JOIN title t ON t.id = v.title_id
 GROUP BY v.profile_id, v.top_id;

-- Simulated viewers (`binge simulate`) and the hidden taste group each was
-- given, so analytics and taste communities can be checked against truth.
CREATE TABLE sim_viewer (
    profile_id BIGINT PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
    seed BIGINT NOT NULL,
    taste_group INTEGER NOT NULL,
    taste_label TEXT NOT NULL
);
