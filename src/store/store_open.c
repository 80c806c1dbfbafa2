/*
 * store_open.c - opening a database: connect (store.c), then bring the
 * schema up to date (migrate.c). Kept apart so that neither of those two
 * needs the other.
 */
#include <stddef.h>
#include <stdlib.h>

#include "core/mem.h"
#include "store/migrate.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

enum bg_err store_open_at(const char *target, int max_version, struct store **out,
                          char **errmsg_out)
{
	struct store *st;
	enum bg_err rc = store_connect(target, &st, errmsg_out);
	if (rc) {
		*out = NULL;
		return rc;
	}
	rc = migrate_apply(st, max_version);
	if (rc) {
		if (errmsg_out)
			*errmsg_out = xstrdup(store_errmsg(st));
		store_close(st);
		*out = NULL;
		return rc;
	}
	*out = st;
	return BG_OK;
}

enum bg_err store_open(const char *target, struct store **out, char **errmsg_out)
{
	return store_open_at(target, -1, out, errmsg_out);
}
