/* probe_cache_store.c - ffprobe's output kept by the file's identity; see probe_cache_store.h. */
#include "media/probe_cache_store.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

/* Keys looked up in one query, as many as an IN list binds comfortably on both engines. */
#define FIND_CHUNK 256

struct found {
	const struct probe_key *keys;
	size_t n;
	char **outputs;
};

/* A cached row: the output of every key in the chunk it matches (hard links share an inode). */
static enum bg_err take_row(struct store_stmt *stmt, void *ctx)
{
	struct found *f = ctx;
	struct probe_key row = {store_col_int(stmt, 0), store_col_int(stmt, 1),
	                        store_col_int(stmt, 2), store_col_int(stmt, 3)};
	for (size_t i = 0; i < f->n; i++)
		if (!f->outputs[i] && memcmp(&f->keys[i], &row, sizeof(row)) == 0)
			f->outputs[i] = xstrdup(store_col_text(stmt, 4));
	return BG_OK;
}

enum bg_err probe_cache_find(struct store *st, const struct probe_key *keys, size_t n,
                             char **outputs)
{
	memset(outputs, 0, n * sizeof(*outputs));
	int64_t inodes[FIND_CHUNK];
	enum bg_err rc = BG_OK;
	for (size_t at = 0; at < n && !rc; at += FIND_CHUNK) {
		size_t chunk = n - at < FIND_CHUNK ? n - at : FIND_CHUNK;
		for (size_t i = 0; i < chunk; i++)
			inodes[i] = keys[at + i].inode;
		struct store_stmt *stmt;
		rc = store_prepare_in(st,
		                      "SELECT device, inode, size, mtime, output FROM probe_cache"
		                      " WHERE probe_version = ? AND inode IN (",
		                      inodes, chunk, 2, ")", &stmt);
		if (rc)
			break;
		store_bind_int(stmt, 1, MEDIA_PROBE_VERSION);
		struct found f = {keys + at, chunk, outputs + at};
		rc = store_rows(stmt, take_row, &f);
	}
	if (rc)
		for (size_t i = 0; i < n; i++) {
			free(outputs[i]);
			outputs[i] = NULL;
		}
	return rc;
}

enum bg_err probe_cache_put(struct store *st, const struct probe_key *key, const char *output,
                            const char *now)
{
	return store_run(
	        st, NULL,
	        "INSERT INTO probe_cache (device, inode, size, mtime, probe_version, output,"
	        " used_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inode, device) DO UPDATE"
	        " SET size = excluded.size, mtime = excluded.mtime,"
	        " probe_version = excluded.probe_version, output = excluded.output,"
	        " used_at = excluded.used_at",
	        "iiiiitt", key->device, key->inode, key->size, key->mtime,
	        (int64_t)MEDIA_PROBE_VERSION, output, now);
}

enum bg_err probe_cache_prune(struct store *st, const char *before)
{
	return store_run(st, NULL, "DELETE FROM probe_cache WHERE used_at < ?", "t", before);
}
