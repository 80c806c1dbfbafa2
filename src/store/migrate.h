/*
 * migrate.h - versioned schema migrations, applied when a store opens.
 *
 * Migrations are the numbered files in src/store/migrations/NNNN_name.sql,
 * embedded into the binary at build time (migrations_gen.c). The table
 * binge_schema records which versions a database has. Each migration runs in
 * its own transaction, so a failure leaves the database at the previous
 * version. A database whose version is higher than the newest migration this
 * binary knows was written by a newer binge and is refused (BG_SCHEMA).
 *
 * Engine-specific fragments: a migration writes @ID@ where it needs an
 * auto-assigned integer primary key; each engine substitutes its spelling
 * (SQLite "INTEGER PRIMARY KEY"). Everything else is the shared SQL subset.
 */
#ifndef BINGE_STORE_MIGRATE_H
#define BINGE_STORE_MIGRATE_H

#include <stddef.h>

#include "core/err.h"

struct store;

struct migration {
	int version;
	const char *name;
	const char *sql;
};

/* The embedded migrations in version order (generated). */
extern const struct migration store_migrations[];
extern const size_t store_migration_count;

/* The newest schema version this binary knows. */
int migrate_latest_version(void);

/*
 * Brings st up to max_version (or the latest if max_version < 0). Sets the
 * store's schema version. Errors: BG_SCHEMA for a newer database, BG_DB.
 */
enum bg_err migrate_apply(struct store *st, int max_version);

#endif
