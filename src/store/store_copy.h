/*
 * store_copy.h - copies every binge table from one store to another
 * (SQLite <-> PostgreSQL, or any pair) and verifies the copy.
 *
 * Tables are copied in foreign-key order, each in batches of batch_rows
 * rows, one target transaction per batch, as upserts on the primary key.
 * So an interrupted copy can be resumed: rows already there are skipped
 * (the copy restarts a table at the target's row count) and a table whose
 * row count and checksum already match is not touched at all.
 *
 * Verification: per table, the row count and a checksum of the rows -- the
 * sum (mod 2^64) of a 64-bit FNV-1a hash of each row's text form -- on both
 * sides. Summing makes the checksum independent of row order, so it does
 * not depend on either engine's collation.
 */
#ifndef BINGE_STORE_STORE_COPY_H
#define BINGE_STORE_STORE_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

struct copy_table {
	const char *name;
	int64_t source_rows, target_rows;
	uint64_t source_sum, target_sum;
	int64_t copied_rows; /* rows written by this run */
};

struct copy_report {
	struct copy_table tables[32];
	size_t count;
};

struct copy_options {
	bool resume;       /* allow a non-empty target (an interrupted copy) */
	size_t batch_rows; /* rows per target transaction; 0 = 1000 */
	/* Called after each batch; may be NULL. */
	void (*progress)(void *ctx, const char *table, int64_t done, int64_t total);
	void *progress_ctx;
};

/*
 * Copies from -> to. Both must be open (and so at the same, latest schema
 * version). Errors: BG_CONFLICT if the target holds data and opt->resume is
 * false; BG_INVALID if, after copying, a table's count or checksum differs
 * (the message names the table); or the store's error. The message is in
 * store_errmsg() of the store that failed; *failed_out (if given) says
 * which: from or to.
 */
enum bg_err store_copy(struct store *from, struct store *to, const struct copy_options *opt,
                       struct copy_report *report, struct store **failed_out);

/* Counts and checksums one table of the copy set. */
enum bg_err store_copy_checksum(struct store *st, const char *table, int64_t *rows_out,
                                uint64_t *sum_out);

#endif
