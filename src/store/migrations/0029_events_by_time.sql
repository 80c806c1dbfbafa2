-- 0029: the event log by time, for "Popular in your country this week"
-- (audience/popular_store.c): the week's events are one range of this
-- index, which holds every column the ranking reads.
CREATE INDEX viewing_event_at ON viewing_event (at, title_id, profile_id);
