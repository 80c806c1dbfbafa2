/* cmd_backup.c - `binge backup DEST`: the database, signing key and models into a new folder. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/backup_set.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char backup_usage[] =
        "usage: binge backup DEST [--models DIR] [--db PATH] [--json]\n\n"
        "Backs up into DEST, a new folder: the SQLite database (its online backup:\n"
        "consistent at one instant while a server goes on writing), the key that\n"
        "signs media URLs (url.key) and the trained models, with a MANIFEST of\n"
        "their checksums and the schema version. `binge restore DEST` puts them\n"
        "back. A PostgreSQL database is backed up with pg_dump (docs/deploy.md).\n\n"
        "  --models DIR   the models to include (default: $BINGE_MODELS, else models/\n"
        "                 beside the database file)\n"
        "  --db PATH      the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"path\",\"schema\",\"files\",\"bytes\",\"created\"}\n";

int cmd_backup(int argc, char **argv)
{
	struct cli_args args;
	const char *models = NULL;
	const struct cli_opt opts[] = {{"models", &models, NULL, NULL}, {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, backup_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("backup", "say 'backup DEST' (a folder that does not exist yet)");
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	char key[4096], models_dir[4096], msg[600];
	cli_data_path(args.db, "url.key", key, sizeof(key));
	cli_models_dir(models, args.db, models_dir, sizeof(models_dir));
	struct backup_summary sum;
	enum bg_err rc = backup_write(st, key, models_dir, args.rest[0], &sum, msg, sizeof(msg));
	store_close(st);
	if (rc)
		return cli_fail(args.json, rc, "%s", msg);
	if (args.json)
		cli_print_json(json_pack("{s:s,s:i,s:i,s:I,s:s}", "path", args.rest[0], "schema",
		                         sum.schema, "files", sum.files, "bytes",
		                         (json_int_t)sum.bytes, "created", sum.created));
	else
		printf("backed up into %s: %d files, %lld bytes, schema %d, at %s\n", args.rest[0],
		       sum.files, sum.bytes, sum.schema, sum.created);
	return EXIT_OK;
}
