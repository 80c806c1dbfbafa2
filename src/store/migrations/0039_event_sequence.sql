-- 0039: the event log keyed by an integer sequence, in arrival order. The
-- client's event id stays unique per profile, now in an index beside the
-- table rather than as its primary key: a primary key keyed by (profile,
-- id) placed every row at a random spot of the table's B-tree, and a bulk
-- import into an empty log can drop and rebuild an index, which a primary
-- key cannot be (audience/event_store.h).
CREATE TABLE viewing_event_seq (
    seq @ID@,
    id TEXT NOT NULL,
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('start', 'progress', 'complete', 'stop')),
    position_ms BIGINT NOT NULL,
    device TEXT NOT NULL,
    at TEXT NOT NULL
);
INSERT INTO viewing_event_seq (id, profile_id, title_id, kind, position_ms, device, at)
  SELECT id, profile_id, title_id, kind, position_ms, device, at FROM viewing_event
   ORDER BY at, profile_id, id;
DROP TABLE viewing_event;
ALTER TABLE viewing_event_seq RENAME TO viewing_event;
CREATE UNIQUE INDEX viewing_event_client ON viewing_event (profile_id, id);
CREATE INDEX viewing_event_at ON viewing_event (at, title_id, profile_id);
