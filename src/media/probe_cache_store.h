/*
 * probe_cache_store.h - what ffprobe printed for a file, kept by the file's
 * identity on disk, so that a moved file is not probed again.
 *
 * The key is (device, inode), and an entry counts only while the file
 * still has the size and modification time it had when probed, and the
 * probe was made by this binge's ffprobe arguments (MEDIA_PROBE_VERSION).
 * A scan reads the entries of all its new files in one query per 256
 * files, writes the outputs of the files it probed in its write batches,
 * and drops entries no scan has used for PROBE_CACHE_DAYS days. Moves
 * within a library are found without it (same size and time, scan.c);
 * the cache finds files that crossed libraries, or left a library and
 * came back, and tells apart two files that share a size and time.
 */
#ifndef BINGE_MEDIA_PROBE_CACHE_STORE_H
#define BINGE_MEDIA_PROBE_CACHE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

#define PROBE_CACHE_DAYS 180

/* A file's identity on disk and its state when probed. */
struct probe_key {
	int64_t device, inode, size, mtime;
};

/*
 * The cached output of each of keys[0..n) into outputs[i] (malloc'd,
 * NUL-terminated; NULL when the cache has none that matches). Errors: the
 * database's (outputs all NULL).
 */
enum bg_err probe_cache_find(struct store *st, const struct probe_key *keys, size_t n,
                             char **outputs);

/*
 * Keeps output for key, replacing whatever the cache held for its device
 * and inode, marked used at now (an ISO date and time).
 */
enum bg_err probe_cache_put(struct store *st, const struct probe_key *key, const char *output,
                            const char *now);

/* Drops the entries not used since before (an ISO date and time). */
enum bg_err probe_cache_prune(struct store *st, const char *before);

#endif
