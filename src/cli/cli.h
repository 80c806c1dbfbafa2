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
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct store;

/*
 * An importer's bad lines: how many, and the first CLI_BAD_LINES_SHOWN as
 * "\n  line N: why". The file is stored only when there are none.
 */
#define CLI_BAD_LINES_SHOWN 20
struct cli_bad_lines {
	int count;
	struct buf text;
};
#define CLI_BAD_LINES_INIT                 \
	{                                  \
		0, BUF_INIT(BUF_MAX_SMALL) \
	}
void cli_bad_line(struct cli_bad_lines *b, size_t line, const char *why);
/* Reports them as "'PATH' has N bad rows; nothing stored: ..." (cli_fail). */
int cli_fail_bad_lines(bool json, const char *path, const struct cli_bad_lines *b);

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
int cmd_serve(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_rating(int argc, char **argv);
int cmd_avail(int argc, char **argv);
int cmd_release(int argc, char **argv);
int cmd_library(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_recommend(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_reviews(int argc, char **argv);
int cmd_reception(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_awards(int argc, char **argv);
int cmd_buzz(int argc, char **argv);
int cmd_package(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_limit(int argc, char **argv);
int cmd_markers(int argc, char **argv);
int cmd_trickplay(int argc, char **argv);

/* Seek-bar previews of media (n ids) into root, those missing only, with
 * progress unless quiet (cmd_trickplay.c; binge scan --trickplay too). */
struct preview_counts {
	int made, skipped, failed;
};
struct store;
enum bg_err cli_make_previews(struct store *st, const char *root, const int64_t *media, size_t n,
                              bool quiet, struct preview_counts *out);

/* Options every command parses. */
struct cli_args {
	const char *db;
	bool json;
	char **rest; /* positional arguments */
	int rest_count;
};

/* The values of an option that may repeat (--param A=1 --param B=2). */
#define CLI_LIST_MAX 16
struct cli_list {
	const char *items[CLI_LIST_MAX];
	int n;
};

/*
 * An option only some commands take: --name VALUE stores VALUE in *value;
 * a repeatable one (list set) appends to *list; a flag (value and list
 * NULL) sets *flag. A command passes a list ended by {NULL}.
 */
struct cli_opt {
	const char *name;
	const char **value;
	bool *flag;
	struct cli_list *list;
};

/*
 * Parses argv (argv[0] is the command name) into out and the command's own
 * options. usage is the help text printed for --help. Returns -1 to go on,
 * or the exit code to return at once (EXIT_OK after --help, EXIT_USAGE for
 * a bad option).
 */
int cli_parse(int argc, char **argv, const char *usage, const struct cli_opt *extra,
              struct cli_args *out);

/*
 * The configuration file (docs/deploy.md, "Configuration"): --config FILE,
 * else $BINGE_CONFIG, else CLI_CONFIG_DEFAULT when it exists. Its [COMMAND]
 * section sets that command's long options, and a top-level db = sets
 * --db. Order, strongest first: the flag, the option's environment
 * variable (BINGE_ and its name in capitals), the file, the default.
 */
#define CLI_CONFIG_DEFAULT "/etc/binge/binge.conf"
#define CLI_CONFIG_MAX     ((size_t)1 << 20)

/* Parses a whole decimal number in [min, max]; false (and a usage message) if not. */
bool cli_number(const char *cmd, const char *option, const char *text, long min, long max,
                long *out);

/*
 * Reads a secret (password, PIN): the first line of the file at path, or of
 * standard input when path is NULL (prompting without echo on a terminal).
 * Returns a string the caller frees, or NULL with a message printed.
 */
char *cli_read_secret(const char *cmd, const char *path, const char *prompt);

/* The database target: the --db value if given, else $BINGE_DB, else the default. */
const char *cli_db_target(const char *db_option);

/*
 * The directory of trained models (reco/bundle.h): the --models value if
 * given, else $BINGE_MODELS, else "models" beside an SQLite database
 * file, else binge-data/models (PostgreSQL: point every server at one
 * shared directory).
 */
void cli_models_dir(const char *option, const char *db_option, char *out, size_t len);

/*
 * A directory every server and worker of a deployment shares, found as
 * models are: option if given, else $env_name, else name beside an SQLite
 * database file, else binge-data/name.
 */
void cli_shared_dir(const char *option, const char *env_name, const char *name,
                    const char *db_option, char *out, size_t len);

/*
 * A file of the data directory: beside an SQLite database file, else
 * binge-data/ (PostgreSQL).
 */
void cli_data_path(const char *db_option, const char *name, char *out, size_t len);

/* Opens the store; on failure reports the error and returns false. */
/*
 * Opens a store that must already exist: a command that only reads refuses
 * a --db path with no file there (naming it) rather than create an empty
 * database. PostgreSQL targets are opened as they are.
 */
bool cli_open_existing_store(const char *db_option, bool json, struct store **out);

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

/* Prints value as one compact line (a stream of results) and releases it. */
void cli_print_json_line(json_t *value);

/*
 * Opens the store, resolves title (a name or id) into *id and runs
 * write(st, ctx) in one transaction; ctx may read *id. A failure is
 * reported. Returns the exit code.
 */
int cli_write_title(const struct cli_args *args, const char *title, int64_t *id,
                    enum bg_err (*write)(struct store *st, void *ctx), void *ctx);

/*
 * Resolves the title args->rest[0] names, builds its report with make and
 * prints it as JSON or with print. Returns the exit code.
 */
int cli_title_report(const struct cli_args *args,
                     enum bg_err (*make)(struct store *st, int64_t id, json_t **out),
                     void (*print)(json_t *report));

/* A JSON string, or null for NULL / "". */
json_t *cli_json_str(const char *s);

#endif
