/* event_store.c - the viewing event log; see event_store.h. */
#include "audience/event_store.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog_store.h"
#include "account/account_store.h"
#include "store/partition.h"
#include "store/store.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/banned.h"

enum bg_err event_store_check(struct store *st, const struct viewing_event *e, char *msg,
                              size_t msg_len)
{
	int64_t found;
	enum bg_err rc =
	        store_run(st, &found, "SELECT id FROM profile WHERE id = ?", "i", e->profile_id);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "profile_id: no profile %lld", (long long)e->profile_id);
		return BG_INVALID;
	}
	if (!rc)
		rc = store_run(st, &found,
		               "SELECT id FROM title WHERE id = ? AND kind IN ('episode', 'film')",
		               "i", e->title_id);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "title_id: no episode or film %lld", (long long)e->title_id);
		return BG_INVALID;
	}
	return rc;
}

static bool all_digits(const char *s)
{
	if (!*s || strlen(s) > 18)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static enum bg_err resolve_profile(struct store *st, const char *ref, int64_t *id, char *msg,
                                   size_t msg_len)
{
	enum bg_err rc = account_store_profile_ref(st, ref, id);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "profile: no profile '%.100s' (an id or USER/PROFILE)", ref);
		return BG_INVALID;
	}
	return rc;
}

static enum bg_err resolve_title(struct store *st, const struct event_row *row, int64_t *id,
                                 char *msg, size_t msg_len)
{
	int64_t top;
	enum bg_err rc;
	if (row->season < 0 && all_digits(row->title)) {
		rc = store_run(st, id,
		               "SELECT id FROM title WHERE id = ? AND kind IN ('episode', 'film')",
		               "t", row->title);
		if (rc == BG_NOT_FOUND) {
			snprintf(msg, msg_len, "title: no episode or film %.40s", row->title);
			return BG_INVALID;
		}
		return rc;
	}
	rc = catalog_store_resolve(st, row->title, &top);
	if (rc == BG_NOT_FOUND || rc == BG_CONFLICT) {
		snprintf(msg, msg_len, "title: %s", store_errmsg(st));
		return BG_INVALID;
	}
	if (rc)
		return rc;
	if (row->season < 0) {
		rc = store_run(st, id, "SELECT id FROM title WHERE id = ? AND kind = 'film'", "i",
		               top);
		if (rc == BG_NOT_FOUND) {
			snprintf(msg, msg_len,
			         "season: '%.100s' is a series; give season and episode",
			         row->title);
			return BG_INVALID;
		}
		return rc;
	}
	rc = store_run(st, id,
	               "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id"
	               " WHERE s.parent_id = ? AND s.number = ? AND e.number = ?",
	               "idd", top, row->season, row->episode);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "episode: '%.100s' has no season %d episode %d", row->title,
		         row->season, row->episode);
		return BG_INVALID;
	}
	return rc;
}

void event_resolver_release(struct event_resolver *r)
{
	strmap_release(&r->profiles);
	strmap_release(&r->titles);
}

/* Writes v in decimal at out; returns the length (at most 11). */
static size_t put_decimal(char *out, int v)
{
	char digits[10];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	size_t n = 0, k = 0;
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = digits[--n];
	return k;
}

/* The resolver's key for a row's episode or film, "TITLE\x1fSEASON\x1fEPISODE"
 * (snprintf here was 2.4% of a bulk import). */
#define TITLE_KEY_MAX (sizeof(((struct event_row *)0)->title) + 2 * 12)
static void make_title_key(const struct event_row *row, char out[TITLE_KEY_MAX])
{
	size_t n = strnlen(row->title, sizeof(row->title) - 1);
	memcpy(out, row->title, n);
	out[n++] = '\x1f';
	n += put_decimal(out + n, row->season);
	out[n++] = '\x1f';
	n += put_decimal(out + n, row->episode);
	out[n] = '\0';
}

enum bg_err event_store_resolve(struct store *st, struct event_resolver *cache,
                                const struct event_row *row, struct viewing_event *out, char *msg,
                                size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char title_key[TITLE_KEY_MAX];
	make_title_key(row, title_key);
	enum bg_err rc = BG_OK;
	if (!cache || !strmap_get(&cache->profiles, row->profile, &out->profile_id)) {
		rc = resolve_profile(st, row->profile, &out->profile_id, msg, msg_len);
		if (!rc && cache)
			strmap_put(&cache->profiles, row->profile, out->profile_id);
	}
	if (!rc && (!cache || !strmap_get(&cache->titles, title_key, &out->title_id))) {
		rc = resolve_title(st, row, &out->title_id, msg, msg_len);
		if (!rc && cache)
			strmap_put(&cache->titles, title_key, out->title_id);
	}
	if (rc)
		return rc;
	memcpy(out->id, row->id, sizeof(out->id));
	memcpy(out->kind, row->kind, sizeof(out->kind));
	out->position_ms = row->position_ms;
	memcpy(out->device, row->device, sizeof(out->device));
	memcpy(out->at, row->at, sizeof(out->at));
	return BG_OK;
}

void event_writer_init(struct event_writer *w, struct store *st)
{
	*w = (struct event_writer){.st = st,
	                           .pending_at = PAIRMAP_INIT,
	                           .info_at = PAIRMAP_INIT,
	                           .bulk_months = STRMAP_INIT};
}

void event_writer_release(struct event_writer *w)
{
	pairmap_release(&w->pending_at);
	pairmap_release(&w->info_at);
	free(w->pending);
	free(w->info);
	free(w->chunk);
	free(w->chunk_at);
	free(w->seen);
	free(w->repeats);
	buf_release(&w->copy);
	buf_release(&w->copy_ids);
	strmap_release(&w->bulk_months);
	for (size_t i = 0; i <= EVENT_WRITER_CHUNK_LOG2; i++) {
		for (size_t kind = 0; kind < 3; kind++)
			free(w->insert_sql[kind][i]);
		free(w->upsert_sql[0][i]);
		free(w->upsert_sql[1][i]);
	}
	*w = (struct event_writer){0};
}

/* An episode's or film's top-level title, and whether completing it finishes that title. */
#define TITLE_INFO_COLUMNS                                                                 \
	"t.top_id, CASE WHEN t.kind = 'film' OR NOT EXISTS"                                \
	" (SELECT 1 FROM title n WHERE n.parent_id = t.parent_id AND n.number > t.number)" \
	" THEN 1 ELSE 0 END"

static const struct event_title_info *add_info(struct event_writer *w, int64_t title_id,
                                               struct store_stmt *stmt, int col)
{
	w->info = xgrow(w->info, sizeof(*w->info), w->info_n + 1, &w->info_cap);
	w->info[w->info_n] = (struct event_title_info){title_id, store_col_int(stmt, col),
	                                               store_col_int(stmt, col + 1) != 0};
	bool added;
	pairmap_intern(&w->info_at, title_id, 0, w->info_n, &added);
	return &w->info[w->info_n++];
}

/*
 * The top-level title of an episode or film and whether it ends a season
 * (cached); NULL with *rc set when the title is missing or the store fails.
 */
static const struct event_title_info *title_info(struct event_writer *w, int64_t title_id,
                                                 enum bg_err *rc)
{
	size_t i;
	*rc = BG_OK;
	if (pairmap_get(&w->info_at, title_id, 0, &i))
		return &w->info[i];
	struct store_stmt *stmt;
	*rc = store_prepare(w->st, "SELECT " TITLE_INFO_COLUMNS " FROM title t WHERE t.id = ?",
	                    &stmt);
	if (*rc)
		return NULL;
	store_bind_int(stmt, 1, title_id);
	const struct event_title_info *found = NULL;
	*rc = store_step(stmt);
	if (*rc == BG_ROW) {
		found = add_info(w, title_id, stmt, 0);
		*rc = BG_OK;
	} else if (*rc == BG_DONE) {
		*rc = store_set_error(w->st, BG_NOT_FOUND, "no title %lld", (long long)title_id);
	}
	store_finalize(stmt);
	return found;
}

static enum bg_err read_info(struct store_stmt *stmt, void *ctx)
{
	struct event_writer *w = ctx;
	size_t i;
	int64_t title_id = store_col_int(stmt, 0);
	if (!pairmap_get(&w->info_at, title_id, 0, &i)) /* the list repeats ids to fill it */
		add_info(w, title_id, stmt, 1);
	return BG_OK;
}

/* The info of ids[0..n), n > 0, in one statement of EVENT_WRITER_CHUNK ids (one shape). */
static enum bg_err fetch_info(struct event_writer *w, int64_t *ids, size_t n)
{
	for (size_t i = n; i < EVENT_WRITER_CHUNK; i++)
		ids[i] = ids[0];
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare_in(
	        w->st, "SELECT t.id, " TITLE_INFO_COLUMNS " FROM title t WHERE t.id IN (", ids,
	        EVENT_WRITER_CHUNK, 1, ")", &stmt);
	return rc ? rc : store_rows(stmt, read_info, w);
}

/*
 * Where a statement is a round trip (PostgreSQL), the info of the pending
 * summaries' titles not cached yet, EVENT_WRITER_CHUNK titles a statement:
 * asked one by one, a 96,709-event import spent about 2 of its 5.4 s on
 * 15,963 round trips for it. A title not found is left to title_info().
 */
static enum bg_err prefetch_info(struct event_writer *w)
{
	if (store_batch_rows(w->st) <= 1)
		return BG_OK;
	struct pairmap asked = PAIRMAP_INIT;
	int64_t ids[EVENT_WRITER_CHUNK];
	size_t n = 0, i;
	enum bg_err rc = BG_OK;
	for (size_t k = 0; k < w->pending_n && !rc; k++) {
		int64_t id = w->pending[k].title_id;
		bool added;
		if (pairmap_get(&w->info_at, id, 0, &i))
			continue;
		pairmap_intern(&asked, id, 0, 0, &added);
		if (!added)
			continue;
		ids[n++] = id;
		if (n == EVENT_WRITER_CHUNK) {
			rc = fetch_info(w, ids, n);
			n = 0;
		}
	}
	if (!rc && n)
		rc = fetch_info(w, ids, n);
	pairmap_release(&asked);
	return rc;
}

static enum bg_err flush_summaries(struct event_writer *w);

/* Adds a stored event's effect to the pending summaries. */
static void gather(struct event_writer *w, const struct viewing_event *e, int64_t at)
{
	bool added;
	size_t i = pairmap_intern(&w->pending_at, e->profile_id, e->title_id, w->pending_n, &added);
	if (added) {
		w->pending =
		        xgrow(w->pending, sizeof(*w->pending), w->pending_n + 1, &w->pending_cap);
		w->pending[w->pending_n++] =
		        (struct event_pending){e->profile_id, e->title_id, 0, at, INT64_MAX, at};
	}
	struct event_pending *p = &w->pending[i];
	if (at < p->first_s)
		p->first_s = at;
	if (at > p->last_s)
		p->last_s = at;
	if (strcmp(e->kind, "complete") == 0 && at < p->completed_s)
		p->completed_s = at;
}

/* log2 of the most rows a statement carries on this engine (store_batch_rows). */
static unsigned largest_shape(const struct event_writer *w)
{
	unsigned k = 0;
	while (k < EVENT_WRITER_CHUNK_LOG2 && ((size_t)2 << k) <= (size_t)store_batch_rows(w->st))
		k++;
	return k;
}

/* Ids are unique per profile: two events are the same when both are equal. */
static int cmp_key(const struct viewing_event *a, const char *id, int64_t profile_id)
{
	int c = strcmp(a->id, id);
	return c ? c : (a->profile_id > profile_id) - (a->profile_id < profile_id);
}

/* By id and profile, then position: the first of equal keys comes first. */
static int cmp_by_id(const void *pa, const void *pb)
{
	const struct viewing_event *a = *(const struct viewing_event *const *)pa,
	                           *b = *(const struct viewing_event *const *)pb;
	int c = cmp_key(a, b->id, b->profile_id);
	return c ? c : (a > b) - (a < b);
}

/* The chunk's events by id; *dup_out marks every repeat of an id but its first. */
static void sort_chunk(struct event_writer *w, const struct viewing_event **by_id, bool *dup)
{
	for (size_t i = 0; i < w->chunk_n; i++)
		by_id[i] = &w->chunk[i];
	qsort(by_id, w->chunk_n, sizeof(const struct viewing_event *), cmp_by_id);
	for (size_t i = 0; i < w->chunk_n; i++)
		dup[by_id[i] - w->chunk] =
		        i > 0 && cmp_key(by_id[i], by_id[i - 1]->id, by_id[i - 1]->profile_id) == 0;
}

/* What an INSERT does about ids already stored (the writer keeps each shape). */
enum insert_kind {
	INSERT_SKIP_STORED,    /* ON CONFLICT DO NOTHING; the count of rows says what was new */
	INSERT_BULK,           /* an empty log without its unique index: no ON CONFLICT */
	INSERT_SKIP_RETURNING, /* ON CONFLICT DO NOTHING RETURNING the new rows' keys */
};

/*
 * Where the log is partitioned by month (PostgreSQL), the client's ids,
 * unique per profile across months, are kept apart in viewing_event_client
 * (a unique index of a partitioned table must hold its partition key);
 * on SQLite the log's own unique index keeps them (migration 0044).
 */
static bool ids_apart(const struct store *st)
{
	return partition_by_month(st);
}

#define EVENT_COLUMNS "id, profile_id, title_id, kind, position_ms, device, at"

/* The INSERT of 2^k rows of a kind, built once per writer. */
static const char *insert_sql(struct event_writer *w, enum insert_kind kind, unsigned k)
{
	char **sql_k = &w->insert_sql[kind][k];
	if (*sql_k)
		return *sql_k;
	struct buf sql = BUF_INIT(65536);
	if (ids_apart(w->st)) {
		/* Only the ids new to viewing_event_client are logged; a bulk load
		 * goes by COPY (event_writer_bulk). */
		assert(kind == INSERT_SKIP_RETURNING);
		buf_adds(&sql,
		         "WITH batch (" EVENT_COLUMNS ") AS (VALUES"
		         " (CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
		         " CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT))");
		for (size_t i = 1; i < (size_t)1 << k; i++)
			buf_adds(&sql, ", (?, ?, ?, ?, ?, ?, ?)");
		buf_adds(&sql,
		         "), fresh AS (INSERT INTO viewing_event_client (profile_id, id)"
		         " SELECT profile_id, id FROM batch ON CONFLICT DO NOTHING"
		         " RETURNING profile_id, id)"
		         " INSERT INTO viewing_event (" EVENT_COLUMNS ")"
		         " SELECT b.id, b.profile_id, b.title_id, b.kind, b.position_ms, b.device,"
		         " b.at FROM batch b JOIN fresh f ON f.profile_id = b.profile_id"
		         " AND f.id = b.id RETURNING id, profile_id");
		*sql_k = buf_detach(&sql, NULL);
		return *sql_k;
	}
	buf_adds(&sql, "INSERT INTO viewing_event (" EVENT_COLUMNS ") VALUES ");
	for (size_t i = 0; i < (size_t)1 << k; i++)
		buf_adds(&sql, i ? ", (?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?)");
	if (kind != INSERT_BULK)
		buf_adds(&sql, " ON CONFLICT (profile_id, id) DO NOTHING");
	if (kind == INSERT_SKIP_RETURNING)
		buf_adds(&sql, " RETURNING id, profile_id");
	*sql_k = buf_detach(&sql, NULL);
	return *sql_k;
}

/* The chunk's events sorted by key, and which of them an INSERT stored. */
struct inserted {
	struct event_writer *w;
	const struct viewing_event **by_id;
	bool *fresh;
	size_t n; /* rows returned */
};

/* A key the INSERT returned: marks the chunk's first event with it (binary search in by_id). */
static enum bg_err read_inserted(struct store_stmt *stmt, void *ctx)
{
	struct inserted *ins = ctx;
	const char *id = store_col_text(stmt, 0);
	int64_t profile_id = store_col_int(stmt, 1);
	size_t lo = 0, hi = ins->w->chunk_n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_key(ins->by_id[mid], id, profile_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ins->w->chunk_n && cmp_key(ins->by_id[lo], id, profile_id) == 0)
		ins->fresh[ins->by_id[lo] - ins->w->chunk] = true;
	ins->n++;
	return BG_OK;
}

/*
 * Inserts rows[0..2^k). With ins, the new rows' keys come back and are
 * marked in ins->fresh; without, the count of changes tells.
 */
static enum bg_err insert_rows(struct event_writer *w, const struct viewing_event **rows,
                               unsigned k, struct inserted *ins)
{
	struct store_stmt *stmt;
	enum insert_kind kind = ins       ? INSERT_SKIP_RETURNING
	                        : w->bulk ? INSERT_BULK
	                                  : INSERT_SKIP_STORED;
	enum bg_err rc = store_prepare(w->st, insert_sql(w, kind, k), &stmt);
	if (rc)
		return rc;
	int n = 1;
	for (size_t i = 0; i < (size_t)1 << k; i++) {
		const struct viewing_event *e = rows[i];
		store_bind_text(stmt, n++, e->id);
		store_bind_int(stmt, n++, e->profile_id);
		store_bind_int(stmt, n++, e->title_id);
		store_bind_text(stmt, n++, e->kind);
		store_bind_int(stmt, n++, e->position_ms);
		store_bind_text(stmt, n++, e->device);
		store_bind_text(stmt, n++, e->at);
	}
	size_t new_rows = 0;
	if (ins) {
		size_t before = ins->n;
		rc = store_rows(stmt, read_inserted, ins); /* finalizes */
		new_rows = ins->n - before;
	} else {
		rc = store_step(stmt);
		rc = rc == BG_DONE ? BG_OK : rc;
		new_rows = (size_t)store_changes(stmt);
		store_finalize(stmt);
	}
	if (!rc) {
		/* fewer: ids already stored (by another writer meanwhile, when batched) */
		w->inserted += (long)new_rows;
		w->duplicates += (long)(((size_t)1 << k) - new_rows);
	}
	return rc;
}

/*
 * Many events per statement (PostgreSQL): INSERTs of 256, 128, ... 1 rows
 * (a few statement shapes, each prepared once per connection) that skip
 * ids already stored and return the keys of those they stored, whose
 * effect is then gathered. Asking first which ids were stored (a join of
 * the chunk's keys to the log) took 4.8 ms a chunk at 300,000 events, 45%
 * of an HTTP batch's database time. A bulk load's rows are all new.
 */
static enum bg_err insert_in_batches(struct event_writer *w, const struct viewing_event **by_id,
                                     const bool *dup)
{
	const struct viewing_event *rows[EVENT_WRITER_CHUNK];
	bool fresh[EVENT_WRITER_CHUNK] = {false};
	struct inserted ins = {w, by_id, fresh, 0};
	size_t rows_n = 0, done = 0;
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < w->chunk_n; i++) {
		if (dup[i])
			w->duplicates++;
		else
			rows[rows_n++] = &w->chunk[i];
		fresh[i] = w->bulk && !dup[i];
	}
	for (unsigned k = largest_shape(w); k <= EVENT_WRITER_CHUNK_LOG2 && !rc; k--)
		while (!rc && rows_n - done >= (size_t)1 << k) {
			rc = insert_rows(w, rows + done, k, w->bulk ? NULL : &ins);
			done += (size_t)1 << k;
		}
	for (size_t i = 0; i < w->chunk_n && !rc; i++)
		if (fresh[i])
			gather(w, &w->chunk[i], w->chunk_at[i]);
	return rc;
}

/*
 * Writes the buffered events: a repeat of an id within the chunk or an id
 * already stored is counted as a duplicate, the rest inserted and their
 * effect gathered for the summaries. Re-applying a stored event's effect
 * would change nothing (the summaries keep minima and maxima), so a race
 * with another writer on the same id cannot skew them.
 */
static enum bg_err write_chunk(struct event_writer *w)
{
	const struct viewing_event *by_id[EVENT_WRITER_CHUNK];
	bool dup[EVENT_WRITER_CHUNK];
	sort_chunk(w, by_id, dup);
	enum bg_err rc = insert_in_batches(w, by_id, dup);
	w->chunk_n = 0;
	if (!rc && w->pending_n >= EVENT_WRITER_PENDING_MAX)
		rc = flush_summaries(w);
	return rc;
}

/* The hash of an event's (profile, id), never 0 (an empty slot). */
static uint64_t key_hash(const struct viewing_event *e)
{
	uint64_t profile = (uint64_t)e->profile_id;
	uint64_t h = hash_fnv1a(HASH_FNV1A_START, &profile, sizeof(profile));
	h = hash_fnv1a(h, e->id, strlen(e->id));
	h ^= h >> 29; /* FNV-1a's low bits pick the slot: mix the high ones in */
	return h ? h : 1;
}

/* Adds h to the bulk load's set; false when it was there already. */
static bool seen_add(struct event_writer *w, uint64_t h)
{
	if ((w->seen_n + 1) * 10 > w->seen_cap * 7) { /* at most 70% full */
		size_t cap = w->seen_cap ? w->seen_cap * 2 : 1 << 16;
		uint64_t *grown = xcalloc(cap, sizeof(*grown));
		for (size_t i = 0; i < w->seen_cap; i++)
			if (w->seen[i])
				for (size_t j = w->seen[i] & (cap - 1);; j = (j + 1) & (cap - 1))
					if (!grown[j]) {
						grown[j] = w->seen[i];
						break;
					}
		free(w->seen);
		w->seen = grown;
		w->seen_cap = cap;
	}
	for (size_t j = h & (w->seen_cap - 1);; j = (j + 1) & (w->seen_cap - 1)) {
		if (w->seen[j] == h)
			return false;
		if (!w->seen[j]) {
			w->seen[j] = h;
			w->seen_n++;
			return true;
		}
	}
}

enum bg_err event_writer_bulk(struct event_writer *w)
{
	buf_init(&w->copy, EVENT_WRITER_COPY_BYTES * 2);
	buf_init(&w->copy_ids, EVENT_WRITER_COPY_BYTES * 2);
	int64_t any;
	enum bg_err rc = store_run(w->st, &any, "SELECT 1 FROM viewing_event LIMIT 1", "");
	if (rc != BG_NOT_FOUND)
		return rc; /* BG_OK: the log has events; a normal load */
	/* SQLite keeps a transaction's changed pages in its cache until it
	 * spills them to the WAL and reads them back from there: a bulk load
	 * gets 1 GiB instead of 64 MiB (on this connection, which ends with it). */
	if (strcmp(store_engine(w->st), "sqlite") == 0 &&
	    (rc = store_exec(w->st, "PRAGMA cache_size = -1048576")) != BG_OK)
		return rc;
	rc = store_exec(w->st, ids_apart(w->st) ? "ALTER TABLE viewing_event_client"
	                                          " DROP CONSTRAINT viewing_event_client_pkey"
	                                        : "DROP INDEX viewing_event_by_client");
	if (!rc)
		rc = store_exec(w->st, "DROP INDEX viewing_event_at");
	w->bulk = !rc;
	return rc;
}

/* Text for COPY: backslash, tab, newline and carriage return escaped. */
static void copy_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		const char *esc = *s == '\\'   ? "\\\\"
		                  : *s == '\t' ? "\\t"
		                  : *s == '\n' ? "\\n"
		                  : *s == '\r' ? "\\r"
		                               : NULL;
		if (esc)
			buf_adds(b, esc);
		else
			buf_addch(b, *s);
	}
}

static void copy_row(struct buf *b, const struct viewing_event *e)
{
	copy_text(b, e->id);
	buf_addf(b, "\t%lld\t%lld\t", (long long)e->profile_id, (long long)e->title_id);
	copy_text(b, e->kind);
	buf_addf(b, "\t%lld\t", (long long)e->position_ms);
	copy_text(b, e->device);
	buf_addch(b, '\t');
	copy_text(b, e->at);
	buf_addch(b, '\n');
}

/* The row of viewing_event_client for e. */
static void copy_ids_row(struct buf *b, const struct viewing_event *e)
{
	buf_addf(b, "%lld\t", (long long)e->profile_id);
	copy_text(b, e->id);
	buf_addch(b, '\n');
}

/* Sends a bulk load's gathered rows by COPY (and their ids, where they are kept apart). */
static enum bg_err send_copy(struct event_writer *w)
{
	if (buf_error(&w->copy) || buf_error(&w->copy_ids))
		return store_set_error(w->st, BG_TOO_LARGE,
		                       "the rows for COPY do not fit in memory");
	enum bg_err rc = store_copy_in(w->st, "COPY viewing_event (" EVENT_COLUMNS ") FROM STDIN",
	                               w->copy.ptr, w->copy.len);
	if (!rc && w->copy_ids.len)
		rc = store_copy_in(w->st, "COPY viewing_event_client (profile_id, id) FROM STDIN",
		                   w->copy_ids.ptr, w->copy_ids.len);
	if (!rc)
		w->inserted += w->copy_n;
	buf_reset(&w->copy);
	buf_reset(&w->copy_ids);
	w->copy_n = 0;
	return rc;
}

/*
 * A bulk load's event of a month not seen yet in it gets the month's
 * partition first: the load holds the log alone (its indexes are dropped),
 * so making one inside its transaction waits for nobody.
 */
static enum bg_err bulk_month(struct event_writer *w, const char *at)
{
	char month[PARTITION_MONTH_LEN + 1];
	if (!partition_month_of(at, month) || strcmp(month, w->bulk_month) == 0)
		return BG_OK;
	memcpy(w->bulk_month, month, sizeof(month));
	int64_t seen;
	if (strmap_get(&w->bulk_months, month, &seen))
		return BG_OK;
	strmap_put(&w->bulk_months, month, 1);
	return partition_month_create_locked(w->st, "viewing_event", "at", month);
}

/* The end of a bulk load: its rows, the indexes built again, then the held-back events. */
static enum bg_err end_bulk(struct event_writer *w)
{
	enum bg_err rc = w->chunk_n ? write_chunk(w) : BG_OK;
	if (!rc && w->copy_n)
		rc = send_copy(w);
	if (!rc)
		rc = store_exec(w->st, ids_apart(w->st)
		                               ? "ALTER TABLE viewing_event_client"
		                                 " ADD PRIMARY KEY (profile_id, id)"
		                               : "CREATE UNIQUE INDEX viewing_event_by_client"
		                                 " ON viewing_event (profile_id, id)");
	if (!rc)
		rc = store_exec(w->st, "CREATE INDEX viewing_event_at"
		                       " ON viewing_event (at, title_id, profile_id)");
	w->bulk = false;
	for (size_t i = 0; i < w->repeats_n && !rc; i++)
		rc = event_writer_add(w, &w->repeats[i]);
	w->repeats_n = 0;
	return rc;
}

enum bg_err event_writer_add(struct event_writer *w, const struct viewing_event *e)
{
	int64_t at;
	if (date_time_parse(e->at, &at))
		return store_set_error(w->st, BG_INVALID, "event '%s': bad time '%s'", e->id,
		                       e->at);
	if (w->bulk && !seen_add(w, key_hash(e))) {
		w->repeats =
		        xgrow(w->repeats, sizeof(*w->repeats), w->repeats_n + 1, &w->repeats_cap);
		w->repeats[w->repeats_n++] = *e;
		return BG_OK;
	}
	if (w->bulk && store_has_copy_in(w->st)) {
		/* New for certain (the log was empty, repeats are held back): its
		 * effect is gathered now, the row sent with the next COPY. */
		enum bg_err rc = ids_apart(w->st) ? bulk_month(w, e->at) : BG_OK;
		if (rc)
			return rc;
		copy_row(&w->copy, e);
		if (ids_apart(w->st))
			copy_ids_row(&w->copy_ids, e);
		w->copy_n++;
		gather(w, e, at);
		rc = w->copy.len >= EVENT_WRITER_COPY_BYTES ? send_copy(w) : BG_OK;
		if (!rc && w->pending_n >= EVENT_WRITER_PENDING_MAX)
			rc = flush_summaries(w);
		return rc;
	}
	if (largest_shape(w) == 0) {
		/* one statement per event (SQLite): the insert says whether the id is new */
		long before = w->inserted;
		enum bg_err rc = insert_rows(w, &e, 0, NULL);
		if (!rc && w->inserted > before)
			gather(w, e, at);
		if (!rc && w->pending_n >= EVENT_WRITER_PENDING_MAX)
			rc = flush_summaries(w);
		return rc;
	}
	if (!w->chunk) {
		w->chunk = xmalloc(EVENT_WRITER_CHUNK * sizeof(*w->chunk));
		w->chunk_at = xmalloc(EVENT_WRITER_CHUNK * sizeof(*w->chunk_at));
	}
	w->chunk[w->chunk_n] = *e;
	w->chunk_at[w->chunk_n++] = at;
	return w->chunk_n == EVENT_WRITER_CHUNK ? write_chunk(w) : BG_OK;
}

/* The earlier / later of two instants in SQL both engines speak (NULL: none). */
#define EARLIER(table, col)                                                               \
	col " = CASE WHEN " table "." col " IS NULL OR excluded." col " < " table "." col \
	    " THEN excluded." col " ELSE " table "." col " END"
#define LATER(table, col)                                                                         \
	col " = CASE WHEN excluded." col " > " table "." col " THEN excluded." col " ELSE " table \
	    "." col " END"

/* clang-format off */
static const char *const upsert_head[2] = {
	"INSERT INTO episode_view (profile_id, title_id, top_id, first_s, completed_s, last_s)"
	" VALUES ",
	"INSERT INTO title_view (profile_id, top_id, first_s, finished_s, last_s) VALUES ",
};
static const char *const upsert_tail[2] = {
	" ON CONFLICT (profile_id, title_id) DO UPDATE SET "
	EARLIER("episode_view", "first_s") ", "
	EARLIER("episode_view", "completed_s") ", "
	LATER("episode_view", "last_s"),
	" ON CONFLICT (profile_id, top_id) DO UPDATE SET "
	EARLIER("title_view", "first_s") ", "
	EARLIER("title_view", "finished_s") ", "
	LATER("title_view", "last_s"),
};
/* clang-format on */

/* The upsert of 2^k summary rows (titles: title_view, else episode_view), built once. */
static const char *upsert_sql(struct event_writer *w, int titles, unsigned k)
{
	if (!w->upsert_sql[titles][k]) {
		struct buf sql = BUF_INIT(65536);
		buf_adds(&sql, upsert_head[titles]);
		for (size_t i = 0; i < (size_t)1 << k; i++)
			buf_adds(&sql,
			         titles ? (i ? ", (?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?)")
			                : (i ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)"));
		buf_adds(&sql, upsert_tail[titles]);
		w->upsert_sql[titles][k] = buf_detach(&sql, NULL);
	}
	return w->upsert_sql[titles][k];
}

/*
 * Upserts rows[0..n) into episode_view (their top_id set) or title_view
 * (title_id is the top-level title), EVENT_WRITER_CHUNK rows a statement.
 */
static enum bg_err upsert_rows(struct event_writer *w, int titles, const struct event_pending *rows,
                               size_t n)
{
	enum bg_err rc = BG_OK;
	size_t done = 0;
	for (unsigned k = largest_shape(w); k <= EVENT_WRITER_CHUNK_LOG2 && !rc; k--)
		while (!rc && n - done >= (size_t)1 << k) {
			struct store_stmt *stmt;
			rc = store_prepare(w->st, upsert_sql(w, titles, k), &stmt);
			if (rc)
				break;
			int p = 1;
			for (size_t i = done; i < done + ((size_t)1 << k); i++) {
				store_bind_int(stmt, p++, rows[i].profile_id);
				store_bind_int(stmt, p++, rows[i].title_id);
				if (!titles)
					store_bind_int(stmt, p++, rows[i].top_id);
				store_bind_int(stmt, p++, rows[i].first_s);
				if (rows[i].completed_s == INT64_MAX)
					store_bind_null(stmt, p++);
				else
					store_bind_int(stmt, p++, rows[i].completed_s);
				store_bind_int(stmt, p++, rows[i].last_s);
			}
			rc = store_step(stmt);
			rc = rc == BG_DONE ? BG_OK : rc;
			store_finalize(stmt);
			done += (size_t)1 << k;
		}
	return rc;
}

/* By the summary tables' key: (profile, title). */
static int cmp_pending(const void *pa, const void *pb)
{
	const struct event_pending *a = pa, *b = pb;
	if (a->profile_id != b->profile_id)
		return (a->profile_id > b->profile_id) - (a->profile_id < b->profile_id);
	return (a->title_id > b->title_id) - (a->title_id < b->title_id);
}

static enum bg_err flush_summaries(struct event_writer *w)
{
	/* per (profile, top-level title), gathered from the per-episode changes */
	struct pairmap top_at = PAIRMAP_INIT;
	size_t tops_n = 0, tops_cap = 0;
	struct event_pending *tops = xgrow(NULL, sizeof(*tops), 64, &tops_cap); /* never NULL */
	enum bg_err rc = prefetch_info(w);
	for (size_t i = 0; i < w->pending_n && !rc; i++) {
		struct event_pending *p = &w->pending[i];
		const struct event_title_info *info = title_info(w, p->title_id, &rc);
		if (!info)
			break;
		p->top_id = info->top_id;
		bool added;
		size_t k = pairmap_intern(&top_at, p->profile_id, info->top_id, tops_n, &added);
		if (added) {
			tops = xgrow(tops, sizeof(*tops), tops_n + 1, &tops_cap);
			tops[tops_n++] =
			        (struct event_pending){p->profile_id, info->top_id, info->top_id,
			                               p->first_s,    INT64_MAX,    p->last_s};
		}
		struct event_pending *t = &tops[k];
		t->first_s = p->first_s < t->first_s ? p->first_s : t->first_s;
		t->last_s = p->last_s > t->last_s ? p->last_s : t->last_s;
		if (info->finale && p->completed_s < t->completed_s)
			t->completed_s = p->completed_s;
	}
	/* In key order each upsert lands beside the one before: 0.76 -> 0.60 s of
	 * the summaries of a 1.06M-event bulk import. */
	if (w->pending_n > 1) /* pending is NULL until the first */
		qsort(w->pending, w->pending_n, sizeof(*w->pending), cmp_pending);
	qsort(tops, tops_n, sizeof(*tops), cmp_pending);
	if (!rc)
		rc = upsert_rows(w, 0, w->pending, w->pending_n);
	if (!rc)
		rc = upsert_rows(w, 1, tops, tops_n);
	pairmap_release(&top_at);
	free(tops);
	if (!rc) {
		pairmap_clear(&w->pending_at);
		w->pending_n = 0;
	}
	return rc;
}

enum bg_err event_writer_flush(struct event_writer *w)
{
	enum bg_err rc = w->bulk ? end_bulk(w) : BG_OK;
	if (!rc && w->chunk_n)
		rc = write_chunk(w);
	return rc ? rc : flush_summaries(w);
}

enum bg_err event_store_add_all(struct store *st, const struct viewing_event *events, size_t n,
                                long *inserted, long *duplicates)
{
	struct event_writer w;
	event_writer_init(&w, st);
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < n && !rc; i++)
		rc = event_writer_add(&w, &events[i]);
	if (!rc)
		rc = event_writer_flush(&w);
	if (inserted)
		*inserted = w.inserted;
	if (duplicates)
		*duplicates = w.duplicates;
	event_writer_release(&w);
	return rc;
}

/* The caller's function for each event of event_store_each(). */
struct each {
	enum bg_err (*fn)(const struct viewing_event *e, void *ctx);
	void *ctx;
};

static enum bg_err read_event(struct store_stmt *stmt, void *ctx)
{
	struct each *each = ctx;
	struct viewing_event e = {0};
	store_col_copy(stmt, 0, e.id, sizeof(e.id));
	e.profile_id = store_col_int(stmt, 1);
	e.title_id = store_col_int(stmt, 2);
	store_col_copy(stmt, 3, e.kind, sizeof(e.kind));
	e.position_ms = store_col_int(stmt, 4);
	store_col_copy(stmt, 5, e.device, sizeof(e.device));
	store_col_copy(stmt, 6, e.at, sizeof(e.at));
	return each->fn(&e, each->ctx);
}

enum bg_err event_store_each(struct store *st, const char *since,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx), void *ctx)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT id, profile_id, title_id, kind, position_ms, device, at"
	                      " FROM viewing_event WHERE at >= ? ORDER BY at, id",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, since ? since : "");
	struct each each = {fn, ctx};
	return store_rows(stmt, read_event, &each);
}

/* A month's partition of the log; a busy log is no error (the events wait in the default one). */
static enum bg_err prepare_month(struct store *st, const char *month)
{
	enum bg_err rc = partition_month_ensure(st, "viewing_event", "at", month);
	return rc == BG_BUSY ? BG_OK : rc;
}

enum bg_err event_store_prepare_months(struct store *st, const struct viewing_event *events,
                                       size_t n)
{
	if (!partition_by_month(st))
		return BG_OK;
	char month[PARTITION_MONTH_LEN + 1], last[PARTITION_MONTH_LEN + 1] = "";
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < n && !rc; i++)
		if (partition_month_of(events[i].at, month) && strcmp(month, last) != 0) {
			rc = prepare_month(st, month);
			memcpy(last, month, sizeof(month));
		}
	return rc;
}

enum bg_err event_store_prepare_span(struct store *st, int64_t from_s, int64_t to_s)
{
	if (!partition_by_month(st))
		return BG_OK;
	struct tm tm;
	time_t t = (time_t)from_s;
	if (!gmtime_r(&t, &tm))
		return store_set_error(st, BG_INVALID, "time %lld out of range", (long long)from_s);
	int year = tm.tm_year + 1900, month = tm.tm_mon + 1;
	t = (time_t)to_s;
	if (!gmtime_r(&t, &tm))
		return store_set_error(st, BG_INVALID, "time %lld out of range", (long long)to_s);
	int last = (tm.tm_year + 1900) * 12 + tm.tm_mon;
	enum bg_err rc = BG_OK;
	for (int m = year * 12 + month - 1; m <= last && !rc; m++) {
		char text[16];
		snprintf(text, sizeof(text), "%04d-%02d", m / 12, m % 12 + 1);
		rc = prepare_month(st, text);
	}
	return rc;
}

enum bg_err event_store_settle(struct store *st, long *months)
{
	return partition_settle(st, "viewing_event", "at", months);
}
