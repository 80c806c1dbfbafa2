/* package_job_store.c - the packaging queue; see package_job_store.h. */
#include "media/package_job_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

enum bg_err package_job_enqueue(struct store *st, int64_t media_id, const char *ladder,
                                int64_t now, int64_t *id_out, bool *queued)
{
	*queued = false;
	enum bg_err rc = store_run(st, id_out,
	                           "SELECT id FROM package_job WHERE media_id = ? AND ladder = ?"
	                           " AND state IN ('queued', 'running') ORDER BY id LIMIT 1",
	                           "it", media_id, ladder);
	if (rc != BG_NOT_FOUND)
		return rc;
	rc = store_run(st, id_out,
	               "INSERT INTO package_job (media_id, ladder, state, queued_at)"
	               " VALUES (?, ?, 'queued', ?) RETURNING id",
	               "iti", media_id, ladder, now);
	*queued = rc == BG_OK;
	return rc;
}

static void read_job(struct store_stmt *stmt, struct package_job *out)
{
	out->id = store_col_int(stmt, 0);
	out->media_id = store_col_int(stmt, 1);
	store_col_copy(stmt, 2, out->ladder, sizeof(out->ladder));
	out->attempts = (int)store_col_int(stmt, 3);
}

enum bg_err package_job_claim(struct store *st, const char *worker, int64_t now, int64_t lease,
                              struct package_job *out)
{
	/* One statement: the pick and the update are atomic on both engines. */
	char sql[640];
	snprintf(sql, sizeof(sql),
	         "UPDATE package_job SET state = 'running', worker = ?, lease_until = ?,"
	         " attempts = attempts + 1"
	         " WHERE id = (SELECT id FROM package_job"
	         " WHERE state = 'queued' OR (state = 'running' AND lease_until < ?)"
	         " ORDER BY id LIMIT 1%s)"
	         " RETURNING id, media_id, ladder, attempts",
	         store_skip_locked(st));
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, worker);
	store_bind_int(stmt, 2, now + lease);
	store_bind_int(stmt, 3, now);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_job(stmt, out);
		rc = store_step(stmt) == BG_DONE ? BG_OK : BG_DB;
	} else if (rc == BG_DONE) {
		rc = BG_NOT_FOUND;
	}
	store_finalize(stmt);
	return rc;
}

/*
 * Finishes an update of the job worker holds, whose statement ends with
 * "WHERE id = ? AND worker = ? AND state = 'running'" (at placeholder idx):
 * binds those, runs it and finalizes it. BG_NOT_FOUND when it changed
 * nothing (the worker no longer holds the job).
 */
static enum bg_err run_held(struct store_stmt *stmt, int idx, int64_t id, const char *worker)
{
	store_bind_int(stmt, idx, id);
	store_bind_text(stmt, idx + 1, worker);
	enum bg_err rc = store_step(stmt);
	if (rc == BG_DONE)
		rc = store_changes(stmt) > 0 ? BG_OK : BG_NOT_FOUND;
	store_finalize(stmt);
	return rc;
}

#define HELD " WHERE id = ? AND worker = ? AND state = 'running'"

enum bg_err package_job_renew(struct store *st, int64_t id, const char *worker, int64_t now,
                              int64_t lease)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, "UPDATE package_job SET lease_until = ?" HELD, &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, now + lease);
	return run_held(stmt, 2, id, worker);
}

enum bg_err package_job_finish(struct store *st, int64_t id, const char *worker, bool ok,
                               const char *error, int64_t now)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "UPDATE package_job SET state = ?, error = ?, finished_at = ?,"
	                               " lease_until = NULL" HELD,
	                               &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, ok ? "done" : "failed");
	store_bind_text(stmt, 2, ok ? NULL : (error ? error : "failed"));
	store_bind_int(stmt, 3, now);
	return run_held(stmt, 4, id, worker);
}

enum bg_err package_job_release(struct store *st, int64_t id, const char *worker)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "UPDATE package_job SET state = 'queued', worker = NULL, lease_until = NULL" HELD,
	        &stmt);
	return rc ? rc : run_held(stmt, 1, id, worker);
}

static enum bg_err count_row(struct store_stmt *stmt, void *ctx)
{
	struct package_job_counts *c = ctx;
	const char *state = store_col_text(stmt, 0);
	int64_t n = store_col_int(stmt, 1);
	if (!state)
		return BG_OK;
	if (strcmp(state, "queued") == 0)
		c->queued = n;
	else if (strcmp(state, "running") == 0)
		c->running = n;
	else if (strcmp(state, "done") == 0)
		c->done = n;
	else if (strcmp(state, "failed") == 0)
		c->failed = n;
	return BG_OK;
}

enum bg_err package_job_counts(struct store *st, struct package_job_counts *out)
{
	*out = (struct package_job_counts){0};
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st, "SELECT state, COUNT(*) FROM package_job GROUP BY state", &stmt);
	return rc ? rc : store_rows(stmt, count_row, out);
}

static void read_id(struct store_stmt *stmt, void *item)
{
	*(int64_t *)item = store_col_int(stmt, 0);
}

enum bg_err package_job_media_of(struct store *st, int64_t title_id, int64_t **ids, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT m.id FROM media_file m JOIN title t ON t.id = m.title_id"
	        " WHERE m.video_codec IS NOT NULL AND (? = 0 OR t.id = ? OR t.top_id = ?)"
	        " ORDER BY m.id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	store_bind_int(stmt, 2, title_id);
	store_bind_int(stmt, 3, title_id);
	return store_collect(stmt, sizeof(int64_t), read_id, NULL, ids, n);
}
