/*
 * backup_set.h - what `binge backup` writes and `binge restore` reads: a
 * folder holding the database (binge.db, SQLite's online backup:
 * consistent while the server writes), the URL-signing key (url.key) and
 * the trained models (models/), with MANIFEST:
 *
 *     binge-backup 1
 *     schema 34
 *     created 2026-12-06T10:50:00Z
 *     <64 hex digits, BLAKE2b-256>  binge.db
 *     <...>  url.key
 *     <...>  models/ials-....bundle
 *
 * A restore checks every digest and the schema before writing anything.
 */
#ifndef BINGE_CLI_BACKUP_SET_H
#define BINGE_CLI_BACKUP_SET_H

#include <stddef.h>

#include "core/err.h"

struct store;

/* What a backup holds, for the commands' output. */
struct backup_summary {
	int schema;
	int files;         /* besides the manifest */
	long long bytes;   /* of those files */
	char created[32];
};

/*
 * Writes a backup of st (an SQLite database), key_path (if it exists) and
 * models_dir's files (if any) into dest, a folder that must not exist yet.
 * Errors (msg says which file or why): BG_CONFLICT (dest exists),
 * BG_INVALID (PostgreSQL), BG_IO.
 */
enum bg_err backup_write(struct store *st, const char *key_path, const char *models_dir,
                         const char *dest, struct backup_summary *out, char *msg, size_t len);

/*
 * Checks the backup in src: its manifest, every file's digest, and that its
 * schema is not newer than this binge's (latest). Errors: BG_INVALID (msg
 * names the file or the schema), BG_IO.
 */
enum bg_err backup_verify(const char *src, int latest, struct backup_summary *out, char *msg,
                          size_t len);

/*
 * Restores a verified backup: the database to db_path, the key to
 * key_path, the models into models_dir. Files that exist are replaced only
 * with force (else BG_CONFLICT naming the first). Each file is written to a
 * temporary name, then renamed.
 */
enum bg_err backup_restore(const char *src, const char *db_path, const char *key_path,
                           const char *models_dir, int force, char *msg, size_t len);

#endif
