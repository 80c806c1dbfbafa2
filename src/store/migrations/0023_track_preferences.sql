-- 0023: which audio and subtitles a profile wants. A profile's languages
-- (ISO 639-2/B; NULL audio: its account's territory's language; NULL
-- subtitles: off unless the audio is not in the profile's language), and
-- per series or film the last choice the profile made in the player,
-- which the next episode starts with.
ALTER TABLE profile ADD COLUMN audio_language TEXT;
ALTER TABLE profile ADD COLUMN subtitle_language TEXT;
CREATE TABLE track_choice (
    profile_id BIGINT NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    top_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    audio_language TEXT NOT NULL,
    subtitle_language TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, top_id)
);
