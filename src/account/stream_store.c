/* stream_store.c - streams under way and the account's limit; see stream_store.h. */
#include "account/stream_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store.h"
#include "core/banned.h"

int64_t stream_device_id(const char *login)
{
	int64_t id = 0;
	for (int i = 0; i < 12 && login[i]; i++) {
		char c = login[i];
		id = id * 16 + (c >= 'a' ? c - 'a' + 10 : c - '0');
	}
	return id;
}

static void read_held(struct store_stmt *stmt, void *item)
{
	struct held_stream *h = item;
	store_col_copy(stmt, 0, h->login, sizeof(h->login));
	h->device = stream_device_id(h->login);
	store_col_copy(stmt, 1, h->device_name, sizeof(h->device_name));
	store_col_copy(stmt, 2, h->profile, sizeof(h->profile));
	store_col_copy(stmt, 3, h->title, sizeof(h->title));
	store_col_copy(stmt, 4, h->since, sizeof(h->since));
}

struct claim {
	int64_t user, profile, media, now;
	int max;
	const char *login;
	struct held_stream **held;
	size_t *n;
};

static enum bg_err claim_tx(struct store *st, void *ctx)
{
	struct claim *c = ctx;
	char at[DATE_TIME_LEN + 1], alive[DATE_TIME_LEN + 1];
	date_time_format(c->now, at);
	date_time_format(c->now - STREAM_ALIVE_S, alive);
	/* Ended streams free their places first. */
	enum bg_err rc = store_run(st, NULL,
	                           "DELETE FROM active_stream WHERE user_id = ? AND seen_at < ?", "it",
	                           c->user, alive);
	if (!rc && c->max > 0) {
		struct store_stmt *stmt;
		rc = store_prepare(
		        st,
		        "SELECT a.login_hash, COALESCE((SELECT MAX(s.device) FROM auth_session s"
		        "  WHERE s.login_hash = a.login_hash), 'another device'),"
		        " COALESCE(p.name, ''), COALESCE(t.name, ''), a.started_at"
		        " FROM active_stream a LEFT JOIN profile p ON p.id = a.profile_id"
		        " LEFT JOIN media_file m ON m.id = a.media_id LEFT JOIN title t ON t.id = m.title_id"
		        " WHERE a.user_id = ? AND a.login_hash <> ? AND a.stopped = 0"
		        " ORDER BY a.started_at",
		        &stmt);
		if (!rc) {
			store_bind_int(stmt, 1, c->user);
			store_bind_text(stmt, 2, c->login);
			rc = store_collect(stmt, sizeof(**c->held), read_held, NULL, c->held, c->n);
		}
		if (!rc && *c->n >= (size_t)c->max)
			return store_set_error(st, BG_CONFLICT,
			                       "this account streams on %d device%s at most, and %zu "
			                       "%s streaming now: stop one to watch here",
			                       c->max, c->max == 1 ? "" : "s", *c->n,
			                       *c->n == 1 ? "is" : "are");
		free(*c->held);
		*c->held = NULL;
		*c->n = 0;
	}
	if (!rc)
		rc = store_run(st, NULL,
		               "INSERT INTO active_stream (login_hash, user_id, profile_id, media_id,"
		               " started_at, seen_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?)"
		               " ON CONFLICT (login_hash) DO UPDATE SET profile_id = excluded.profile_id,"
		               " media_id = excluded.media_id, seen_at = excluded.seen_at, stopped = 0,"
		               " started_at = CASE WHEN active_stream.media_id = excluded.media_id"
		               "  THEN active_stream.started_at ELSE excluded.started_at END",
		               "tiiitt", c->login, c->user, c->profile, c->media, at, at);
	return rc;
}

enum bg_err stream_store_claim(struct store *st, int64_t user_id, int max_streams,
                               const char *login, int64_t profile_id, int64_t media_id,
                               int64_t now, struct held_stream **held, size_t *n)
{
	*held = NULL;
	*n = 0;
	struct claim c = {user_id, profile_id, media_id, now, max_streams, login, held, n};
	enum bg_err rc = store_transact(st, claim_tx, &c);
	if (rc != BG_CONFLICT) {
		free(*held);
		*held = NULL;
		*n = 0;
	}
	return rc;
}

enum bg_err stream_store_report(struct store *st, const char *login, int64_t now, bool *stopped)
{
	char at[DATE_TIME_LEN + 1];
	date_time_format(now, at);
	int64_t was_stopped = 0;
	enum bg_err rc = store_run(st, &was_stopped,
	                           "SELECT stopped FROM active_stream WHERE login_hash = ?", "t", login);
	*stopped = rc == BG_OK && was_stopped;
	if (rc == BG_NOT_FOUND)
		return BG_OK;
	if (!rc && !*stopped)
		rc = store_run(st, NULL, "UPDATE active_stream SET seen_at = ? WHERE login_hash = ?",
		               "tt", at, login);
	return rc;
}

struct stop {
	int64_t device;
	char login[65]; /* the stream's login once found */
};

static enum bg_err read_login_of(struct store_stmt *stmt, void *ctx)
{
	struct stop *s = ctx;
	if (stream_device_id(store_col_text(stmt, 0)) != s->device)
		return BG_OK;
	store_col_copy(stmt, 0, s->login, sizeof(s->login));
	return BG_DONE;
}

enum bg_err stream_store_stop(struct store *st, int64_t user_id, int64_t device, int64_t now)
{
	struct stop s = {device, ""};
	char alive[DATE_TIME_LEN + 1];
	date_time_format(now - STREAM_ALIVE_S, alive);
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT login_hash FROM active_stream WHERE user_id = ?"
	                               " AND stopped = 0 AND seen_at >= ?",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, user_id);
	store_bind_text(stmt, 2, alive);
	rc = store_rows(stmt, read_login_of, &s);
	if (!rc && !s.login[0])
		return store_set_error(st, BG_NOT_FOUND, "no stream of device %lld on this account",
		                       (long long)device);
	if (!rc)
		rc = store_run(st, NULL, "UPDATE active_stream SET stopped = 1 WHERE login_hash = ?",
		               "t", s.login);
	return rc;
}

enum bg_err stream_store_set_limit(struct store *st, int64_t user_id, int max_streams)
{
	int64_t id;
	enum bg_err rc = store_run(st, &id,
	                           "UPDATE app_user SET max_streams = NULLIF(?, 0) WHERE id = ?"
	                           " RETURNING id",
	                           "di", max_streams, user_id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no user with id %lld", (long long)user_id);
	return rc;
}

enum bg_err stream_store_limit(struct store *st, int64_t user_id, int *out)
{
	int64_t max = 0;
	enum bg_err rc = store_run(st, &max, "SELECT COALESCE(max_streams, 0) FROM app_user WHERE id = ?",
	                           "i", user_id);
	*out = rc ? 0 : (int)max;
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}
