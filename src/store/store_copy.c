/* store_copy.c - whole-database copy with verification; see store_copy.h. */
#include "store/store_copy.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "store/partition.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

/* Every table binge keeps, parents before children, with its primary key. */
static const struct table_spec {
	const char *name;
	const char *key; /* primary key columns, for ORDER BY and ON CONFLICT */
	const char *id;  /* its @ID@ column, whose counter must follow; NULL: none */
	/* An append-only log partitioned by month of this time column where the
	 * engine partitions it: the target's months are made before its rows
	 * come, and a row already there is kept (ON CONFLICT DO NOTHING). */
	const char *month_column;
} tables[] = {
        {"title", "id", "id", NULL},
        {"person", "id", "id", NULL},
        {"organisation", "id", "id", NULL},
        {"title_tag", "title_id, kind, ord", NULL, NULL},
        {"credit", "title_id, role, person_id", NULL, NULL},
        {"title_organisation", "title_id, organisation_id", NULL, NULL},
        {"title_related", "title_id, ord", NULL, NULL},
        {"title_extra", "title_id, ord", NULL, NULL},
        {"title_section", "title_id, ord", NULL, NULL},
        {"binge_lock", "name", NULL, NULL},
        {"licence_window", "id", "id", NULL},
        {"licence_territory", "window_id, territory", NULL, NULL},
        {"app_user", "id", "id", NULL},
        {"profile", "id", "id", NULL},
        {"auth_session", "token_hash", NULL, NULL},
        {"login_throttle", "subject", NULL, NULL},
        {"library", "id", "id", NULL},
        {"media_file", "id", "id", NULL},
        {"playback", "profile_id, title_id", NULL, NULL},
        {"viewing_event", "seq", "seq", "at"},
        {"viewing_event_client", "profile_id, id", NULL, NULL},
        {"episode_view", "profile_id, title_id", NULL, NULL},
        {"title_view", "profile_id, top_id", NULL, NULL},
        {"sim_viewer", "profile_id", NULL, NULL},
};

#define TABLE_COUNT (sizeof(tables) / sizeof(tables[0]))
_Static_assert(TABLE_COUNT <= sizeof(((struct copy_report *)0)->tables) /
                                      sizeof(((struct copy_report *)0)->tables[0]),
               "copy_report too small");

static const struct table_spec *find_spec(const char *name)
{
	for (size_t i = 0; i < TABLE_COUNT; i++)
		if (strcmp(tables[i].name, name) == 0)
			return &tables[i];
	return NULL;
}

static uint64_t row_hash(struct store_stmt *stmt, int ncols)
{
	uint64_t h = HASH_FNV1A_START;
	for (int c = 0; c < ncols; c++) {
		const char *v = store_col_text(stmt, c);
		if (v)
			h = hash_fnv1a(h, v, strlen(v));
		else
			h = hash_fnv1a(h, "\x01NULL", 5); /* distinct from any text value */
		h = hash_fnv1a(h, "\x1f", 1);
	}
	return h;
}

enum bg_err store_copy_checksum(struct store *st, const char *table, int64_t *rows_out,
                                uint64_t *sum_out)
{
	const struct table_spec *spec = find_spec(table);
	if (!spec)
		return store_fail(st, BG_INVALID, "'%s' is not a binge table", table);
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT * FROM %s", spec->name);
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	int64_t rows = 0;
	uint64_t sum = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		sum += row_hash(stmt, store_col_count(stmt));
		rows++;
	}
	store_finalize(stmt);
	if (rc != BG_DONE)
		return rc;
	*rows_out = rows;
	*sum_out = sum;
	return BG_OK;
}

/* "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET b = excluded.b" */
static void build_upsert(const struct table_spec *spec, struct store_stmt *src, struct buf *sql)
{
	int ncols = store_col_count(src);
	buf_addf(sql, "INSERT INTO %s (", spec->name);
	for (int c = 0; c < ncols; c++)
		buf_addf(sql, "%s%s", c ? ", " : "", store_col_name(src, c));
	buf_adds(sql, ") VALUES (");
	for (int c = 0; c < ncols; c++)
		buf_adds(sql, c ? ", ?" : "?");
	if (spec->month_column) {
		/* no unique key without the partition's: any conflict is the row itself */
		buf_adds(sql, ") ON CONFLICT DO NOTHING");
		return;
	}
	buf_addf(sql, ") ON CONFLICT (%s) DO ", spec->key);
	bool any = false;
	for (int c = 0; c < ncols; c++) {
		const char *col = store_col_name(src, c);
		/* Key columns are matched by ON CONFLICT, not updated. */
		char padded[160];
		snprintf(padded, sizeof(padded), ", %s,", col);
		char keys[256];
		snprintf(keys, sizeof(keys), ", %s,", spec->key);
		if (strstr(keys, padded))
			continue;
		buf_addf(sql, "%s%s = excluded.%s", any ? ", " : "UPDATE SET ", col, col);
		any = true;
	}
	if (!any)
		buf_adds(sql, "NOTHING");
}

struct batch {
	const struct table_spec *spec;
	int64_t offset;
	size_t limit;
	struct store *from;
	int64_t copied;
	bool source_failed;
};

/* One batch: LIMIT/OFFSET rows of the source, upserted in one transaction. */
static enum bg_err copy_batch(struct store *to, void *ctx)
{
	struct batch *b = ctx;
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY %s LIMIT ? OFFSET ?", b->spec->name,
	         b->spec->key);
	struct store_stmt *src, *dst = NULL;
	b->copied = 0;
	b->source_failed = true;
	enum bg_err rc = store_prepare(b->from, sql, &src);
	if (rc)
		return rc;
	store_bind_int(src, 1, (int64_t)b->limit);
	store_bind_int(src, 2, b->offset);
	struct buf upsert = BUF_INIT(BUF_MAX_SMALL);
	for (;;) {
		b->source_failed = true;
		rc = store_step(src);
		if (rc != BG_ROW)
			break;
		b->source_failed = false;
		int ncols = store_col_count(src);
		if (!dst) {
			build_upsert(b->spec, src, &upsert);
			rc = store_prepare(to, upsert.ptr, &dst);
			if (rc)
				break;
		}
		for (int c = 0; c < ncols; c++)
			store_bind_text(dst, c + 1, store_col_text(src, c));
		rc = store_step(dst);
		if (rc != BG_DONE)
			break;
		store_reset(dst);
		b->copied++;
	}
	store_finalize(dst);
	store_finalize(src);
	buf_release(&upsert);
	if (rc == BG_DONE && b->source_failed) {
		b->source_failed = false;
		return BG_OK;
	}
	return rc == BG_DONE ? BG_OK : rc;
}

static bool target_is_empty(struct store *to, enum bg_err *rc)
{
	for (size_t i = 0; i < TABLE_COUNT; i++) {
		if (strcmp(tables[i].name, "binge_lock") == 0)
			continue; /* every migrated database has its row */
		int64_t rows = 0;
		uint64_t sum = 0;
		*rc = store_copy_checksum(to, tables[i].name, &rows, &sum);
		if (*rc || rows > 0)
			return false;
	}
	return true;
}

static enum bg_err copy_table(struct store *from, struct store *to, const struct table_spec *spec,
                              const struct copy_options *opt, struct copy_table *t,
                              struct store **failed)
{
	size_t batch_rows = opt->batch_rows ? opt->batch_rows : 1000;
	enum bg_err rc = store_copy_checksum(from, spec->name, &t->source_rows, &t->source_sum);
	if (rc) {
		*failed = from;
		return rc;
	}
	rc = store_copy_checksum(to, spec->name, &t->target_rows, &t->target_sum);
	if (rc) {
		*failed = to;
		return rc;
	}
	if (spec->month_column &&
	    (rc = partition_prepare_like(to, from, spec->name, spec->month_column)) != BG_OK) {
		*failed = to;
		return rc;
	}
	/* Two passes at most: resume after the rows already there, then from 0. */
	for (int pass = 0; pass < 2; pass++) {
		if (t->source_rows == t->target_rows && t->source_sum == t->target_sum)
			return BG_OK;
		int64_t start = pass == 0 && t->target_rows < t->source_rows ? t->target_rows : 0;
		for (int64_t off = start; off < t->source_rows; off += (int64_t)batch_rows) {
			struct batch b = {spec, off, batch_rows, from, 0, false};
			rc = store_transact(to, copy_batch, &b);
			if (rc) {
				*failed = b.source_failed ? from : to;
				return rc;
			}
			t->copied_rows += b.copied;
			if (opt->progress)
				opt->progress(opt->progress_ctx, spec->name, off + b.copied,
				              t->source_rows);
		}
		if (spec->id && (rc = store_sync_ids(to, spec->name, spec->id)) != BG_OK) {
			*failed = to;
			return rc;
		}
		rc = store_copy_checksum(to, spec->name, &t->target_rows, &t->target_sum);
		if (rc) {
			*failed = to;
			return rc;
		}
	}
	if (t->source_rows == t->target_rows && t->source_sum == t->target_sum)
		return BG_OK;
	*failed = to;
	return store_fail(to, BG_INVALID,
	                  "table %s differs after copying: %lld rows (checksum %016llx) in the "
	                  "source, %lld (%016llx) in the target; does the target hold rows the "
	                  "source lacks?",
	                  spec->name, (long long)t->source_rows, (unsigned long long)t->source_sum,
	                  (long long)t->target_rows, (unsigned long long)t->target_sum);
}

enum bg_err store_copy(struct store *from, struct store *to, const struct copy_options *opt,
                       struct copy_report *report, struct store **failed_out)
{
	struct store *failed = NULL;
	enum bg_err rc = BG_OK;
	memset(report, 0, sizeof(*report));
	if (store_schema_version(from) != store_schema_version(to)) {
		failed = to;
		rc = store_fail(to, BG_SCHEMA, "schema versions differ: %d in the source, %d here",
		                store_schema_version(from), store_schema_version(to));
		goto out;
	}
	if (!opt->resume && !target_is_empty(to, &rc)) {
		failed = to;
		if (!rc)
			rc = store_fail(to, BG_CONFLICT,
			                "the target already holds data; use --resume to continue "
			                "an interrupted copy into it");
		goto out;
	}
	for (size_t i = 0; i < TABLE_COUNT && !rc; i++) {
		struct copy_table *t = &report->tables[report->count++];
		t->name = tables[i].name;
		rc = copy_table(from, to, &tables[i], opt, t, &failed);
	}
out:
	if (failed_out)
		*failed_out = failed;
	return rc;
}
