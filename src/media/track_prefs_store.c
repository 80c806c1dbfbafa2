/* track_prefs_store.c - a profile's track languages; see track_prefs_store.h. */
#include "media/track_prefs_store.h"

#include <stdio.h>
#include <string.h>

#include "core/language.h"
#include "store/store.h"
#include "core/banned.h"

static void copy(char out[LANGUAGE_CODE_MAX], const char *code)
{
	snprintf(out, LANGUAGE_CODE_MAX, "%s", code ? code : "");
}

enum bg_err track_prefs_load(struct store *st, int64_t profile_id, int64_t title_id,
                             const char *territory, struct track_prefs *out)
{
	copy(out->audio, language_of_territory(territory));
	copy(out->subtitles, "");
	out->from = "territory";
	if (!profile_id)
		return BG_OK;
	/* One query: the title's series (or film) choice, and the profile's languages. */
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT c.audio_language, c.subtitle_language, p.audio_language,"
	        " p.subtitle_language, CASE WHEN c.profile_id IS NULL THEN 0 ELSE 1 END"
	        " FROM profile p LEFT JOIN title t ON t.id = ?"
	        " LEFT JOIN track_choice c ON c.profile_id = p.id AND c.top_id = t.top_id"
	        " WHERE p.id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	store_bind_int(stmt, 2, profile_id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		if (store_col_int(stmt, 4)) {
			copy(out->audio, store_col_text(stmt, 0));
			copy(out->subtitles, store_col_text(stmt, 1));
			out->from = "series";
		} else if (!store_col_is_null(stmt, 2) || !store_col_is_null(stmt, 3)) {
			if (!store_col_is_null(stmt, 2))
				copy(out->audio, store_col_text(stmt, 2));
			copy(out->subtitles, store_col_text(stmt, 3));
			out->from = "profile";
		}
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = BG_OK; /* a profile deleted meanwhile: the territory's */
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err track_prefs_remember(struct store *st, int64_t profile_id, int64_t title_id,
                                 const char *audio, const char *subtitles, const char *now)
{
	return store_run(st, NULL,
	                 "INSERT INTO track_choice (profile_id, top_id, audio_language,"
	                 " subtitle_language, updated_at)"
	                 " SELECT ?, top_id, ?, ?, ? FROM title WHERE id = ?"
	                 " ON CONFLICT (profile_id, top_id) DO UPDATE SET"
	                 " audio_language = excluded.audio_language,"
	                 " subtitle_language = excluded.subtitle_language,"
	                 " updated_at = excluded.updated_at",
	                 "ittti", profile_id, audio, subtitles && *subtitles ? subtitles : NULL, now,
	                 title_id);
}

enum bg_err track_prefs_set_profile(struct store *st, int64_t profile_id, const char *audio,
                                    const char *subtitles)
{
	int64_t id = 0;
	enum bg_err rc = store_run(
	        st, &id,
	        "UPDATE profile SET audio_language = ?, subtitle_language = ? WHERE id = ? RETURNING id",
	        "tti", audio, subtitles && *subtitles ? subtitles : NULL, profile_id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no profile %lld", (long long)profile_id);
	return rc;
}
