/*
 * cli.h - what every command shares: exit codes, the --db target, opening
 * the store, reporting errors once (as text on stderr, and as a JSON error
 * object on stdout under --json), and printing JSON.
 *
 * Each command lives in cmd_<name>.c and exports one cmd_<name>() with the
 * signature of struct cli_command's run.
 */
#ifndef BINGE_CLI_CLI_H
#define BINGE_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "core/err.h"

struct store;

enum cli_exit { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/* The commands, in the order `binge --help` lists them. */
extern const struct cli_command cli_commands[];

int cmd_import(int argc, char **argv);
int cmd_titles(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_migrate(int argc, char **argv);

/* Options every command parses; a command enables the extra ones it takes. */
struct cli_args {
	const char *db;
	bool json;
	const char *kind; /* --kind K (titles) */
	long limit;       /* --limit N (search); 0 if not given */
	const char *from; /* migrate --from */
	const char *to;   /* migrate --to */
	bool resume;      /* migrate --resume */
	long batch;       /* migrate --batch N; 0 if not given */
	char **rest;      /* positional arguments */
	int rest_count;
};

#define CLI_OPT_KIND    1u
#define CLI_OPT_LIMIT   2u
#define CLI_OPT_MIGRATE 4u /* --from, --to, --resume, --batch */

/*
 * Parses argv (argv[0] is the command name) into out. usage is the help
 * text printed for --help. extra enables CLI_OPT_* options. Returns -1 to
 * go on, or the exit code to return at once (EXIT_OK after --help,
 * EXIT_USAGE for a bad option).
 */
int cli_parse(int argc, char **argv, const char *usage, unsigned extra, struct cli_args *out);

/* The database target: the --db value if given, else $BINGE_DB, else the default. */
const char *cli_db_target(const char *db_option);

/* Opens the store; on failure reports the error and returns false. */
bool cli_open_store(const char *db_option, bool json, struct store **out);

/*
 * Reports a runtime error and returns EXIT_RUNTIME: "binge: error: MSG" on
 * stderr, and {"error":{"code","message"}} on stdout when json is set.
 */
int cli_fail(bool json, enum bg_err code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Reports a usage error for command cmd and returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints value as indented JSON on stdout and releases it. */
void cli_print_json(json_t *value);

/* A JSON string, or null for NULL / "". */
json_t *cli_json_str(const char *s);

#endif
