/* generation.c - binge_lock's counters; see generation.h. */
#include "store/generation.h"

#include "core/banned.h"

static const char *const names[GENERATION_COUNT] = {"catalog", "account"};

enum bg_err generation_bump(struct store *st, enum generation which)
{
	/* Once per transaction: a scan's batch of 256 files bumped it 256 times,
	 * a round trip each on PostgreSQL, for the same effect. */
	if (!store_first_in_transaction(st, (unsigned)which))
		return BG_OK;
	return store_run(st, NULL,
	                 "UPDATE binge_lock SET generation = generation + 1 WHERE name = ?", "t",
	                 names[which]);
}

enum bg_err generation_read(struct store *st, int64_t out[GENERATION_COUNT])
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT (SELECT generation FROM binge_lock WHERE name = 'catalog'),"
	                               " (SELECT generation FROM binge_lock WHERE name = 'account')",
	                               &stmt);
	if (rc)
		return rc;
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		for (int i = 0; i < GENERATION_COUNT; i++)
			out[i] = store_col_int(stmt, i);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = BG_DB; /* a SELECT without FROM always has its row */
	}
	store_finalize(stmt);
	return rc;
}
