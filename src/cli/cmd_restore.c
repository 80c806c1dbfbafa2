/* cmd_restore.c - `binge restore SRC`: a backup's files back, checked first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/backup_set.h"
#include "cli/cli.h"
#include "store/migrate.h"
#include "core/banned.h"

static const char restore_usage[] =
        "usage: binge restore SRC [--force] [--models DIR] [--db PATH] [--json]\n\n"
        "Restores a backup made by `binge backup`: every file's checksum and the\n"
        "schema are checked before anything is written (a damaged backup, or one\n"
        "made by a newer binge, is refused, naming why). The database goes to --db,\n"
        "the signing key beside it, the models to --models. Stop the server first.\n"
        "Files that exist are replaced only with --force. The database is brought\n"
        "to this binge's schema when next opened.\n\n"
        "  --force        replace a database, key or models that exist\n"
        "  --models DIR   where the models go (default: $BINGE_MODELS, else models/\n"
        "                 beside the database file)\n"
        "  --db PATH      the SQLite file to restore (default: $BINGE_DB, else\n"
        "                 binge-data/binge.db)\n"
        "  --json         print {\"restored\",\"schema\",\"files\",\"bytes\",\"created\"}\n";

int cmd_restore(int argc, char **argv)
{
	struct cli_args args;
	const char *models = NULL;
	bool force = false;
	const struct cli_opt opts[] = {{"models", &models, NULL, NULL},
	                               {"force", NULL, &force, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, restore_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("restore", "say 'restore SRC' (a folder binge backup wrote)");
	const char *db = cli_db_target(args.db);
	if (strncmp(db, "postgres://", 11) == 0 || strncmp(db, "postgresql://", 13) == 0)
		return cli_usage("restore", "a PostgreSQL database is restored with pg_restore "
		                            "(docs/deploy.md)");
	char key[4096], models_dir[4096], msg[600];
	cli_data_path(args.db, "url.key", key, sizeof(key));
	cli_models_dir(models, args.db, models_dir, sizeof(models_dir));
	struct backup_summary sum;
	enum bg_err rc = backup_verify(args.rest[0], migrate_latest_version(), &sum, msg, sizeof(msg));
	if (!rc)
		rc = backup_restore(args.rest[0], db, key, models_dir, force, msg, sizeof(msg));
	if (rc)
		return cli_fail(args.json, rc, "%s", msg);
	if (args.json)
		cli_print_json(json_pack("{s:s,s:i,s:i,s:I,s:s}", "restored", db, "schema", sum.schema,
		                         "files", sum.files, "bytes", (json_int_t)sum.bytes,
		                         "created", sum.created));
	else
		printf("restored %s (schema %d, %d files, %lld bytes, backed up at %s)\n", db,
		       sum.schema, sum.files, sum.bytes, sum.created);
	return EXIT_OK;
}
