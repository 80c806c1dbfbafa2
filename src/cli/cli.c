/* cli.c - helpers shared by the commands; see cli.h. */
#include "cli/cli.h"

#include <ctype.h>

#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/file.h"
#include "core/ini.h"
#include "core/banned.h"

/* The configuration file this run reads: kept for the whole run (options point into it). */
static struct ini config = INI_INIT;
static bool config_read;

/*
 * Reads --config's file, else $BINGE_CONFIG's, else /etc/binge/binge.conf
 * if there is one. A file named that cannot be read or parsed is an error.
 */
static int read_config(const char *cmd, const char *path)
{
	if (config_read)
		return -1;
	config_read = true;
	bool named = path || getenv("BINGE_CONFIG");
	if (!path)
		path = getenv("BINGE_CONFIG") ? getenv("BINGE_CONFIG") : CLI_CONFIG_DEFAULT;
	char *text = NULL, msg[256];
	size_t len = 0;
	if (file_read_all(path, CLI_CONFIG_MAX, &text, &len)) {
		if (!named)
			return -1; /* no /etc/binge/binge.conf: nothing to read */
		return cli_usage(cmd, "cannot read the configuration file '%s'", path);
	}
	enum bg_err rc = ini_parse(text, len, &config, msg, sizeof(msg));
	free(text);
	if (rc)
		return cli_usage(cmd, "%s: %s", path, msg);
	return -1;
}

/* Whether the environment sets this option: BINGE_ and its name in capitals. */
static bool set_by_environment(const char *name)
{
	char var[80] = "BINGE_";
	size_t n = strlen(var);
	for (const char *p = name; *p && n + 1 < sizeof(var); p++)
		var[n++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	var[n] = '\0';
	return getenv(var) != NULL;
}

/*
 * The configuration file's values for command cmd: its [cmd] section, and
 * db at the top. Flags given (given[i] for extra[i]; db_given) and the
 * environment win over the file. A key this command has no option for is
 * an error that names it and its line.
 */
static int apply_config(const char *cmd, const struct cli_opt *extra, const bool *given,
                        bool db_given, struct cli_args *out)
{
	for (size_t i = 0; i < config.n; i++) {
		const struct ini_entry *e = &config.items[i];
		bool top = !*e->section;
		if (!top && strcmp(e->section, cmd) != 0)
			continue;
		if (strcmp(e->key, "db") == 0) {
			if (!db_given && !set_by_environment("db"))
				out->db = e->value;
			continue;
		}
		const struct cli_opt *o = NULL;
		for (const struct cli_opt *x = top ? NULL : extra; x && x->name && !o; x++)
			if (strcmp(x->name, e->key) == 0)
				o = x;
		if (!o && top)
			return cli_usage(cmd,
			                 "configuration line %d: '%s' at the top of the file (only db "
			                 "goes there; put it under [COMMAND])",
			                 e->line, e->key);
		if (!o)
			return cli_usage(cmd, "configuration line %d: '%s' is not an option of binge %s",
			                 e->line, e->key, cmd);
		if (given[o - extra] || set_by_environment(o->name))
			continue;
		if (o->list && o->list->n < CLI_LIST_MAX)
			o->list->items[o->list->n++] = e->value;
		else if (o->value)
			*o->value = e->value;
		else if (o->flag && (!strcmp(e->value, "true") || !strcmp(e->value, "yes")))
			*o->flag = true;
		else if (o->flag && strcmp(e->value, "false") != 0 && strcmp(e->value, "no") != 0)
			return cli_usage(cmd, "configuration line %d: %s wants true or false", e->line,
			                 e->key);
	}
	return -1;
}

int cli_parse(int argc, char **argv, const char *usage, const struct cli_opt *extra,
              struct cli_args *out)
{
	enum { OPT_DB = 1000, OPT_JSON, OPT_HELP, OPT_CONFIG, OPT_EXTRA };
	struct option all[32] = {
	        {"db", required_argument, NULL, OPT_DB},
	        {"json", no_argument, NULL, OPT_JSON},
	        {"help", no_argument, NULL, OPT_HELP},
	        {"config", required_argument, NULL, OPT_CONFIG},
	};
	int n = 4;
	bool given[32] = {false}, db_given = false;
	const char *config_path = NULL;
	for (const struct cli_opt *e = extra; e && e->name && n < 31; e++, n++)
		all[n] = (struct option){e->name,
		                         e->value || e->list ? required_argument : no_argument,
		                         NULL, OPT_EXTRA + (int)(e - extra)};
	all[n] = (struct option){NULL, 0, NULL, 0};

	const char *cmd = argv[0];
	*out = (struct cli_args){0};
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "h", all, NULL)) != -1) {
		if (c == OPT_DB) {
			out->db = optarg;
			db_given = true;
		} else if (c == OPT_CONFIG) {
			config_path = optarg;
		} else if (c == OPT_JSON) {
			out->json = true;
		} else if (c == 'h' || c == OPT_HELP) {
			fputs(usage, stdout);
			return EXIT_OK;
		} else if (c >= OPT_EXTRA && extra) {
			const struct cli_opt *e = &extra[c - OPT_EXTRA];
			given[c - OPT_EXTRA] = true;
			if (e->list && e->list->n == CLI_LIST_MAX)
				return cli_usage(cmd, "--%s given more than %d times", e->name,
				                 CLI_LIST_MAX);
			if (e->list)
				e->list->items[e->list->n++] = optarg;
			else if (e->value)
				*e->value = optarg;
			else
				*e->flag = true;
		} else if (optopt >= OPT_EXTRA || optopt == OPT_DB) {
			return cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
		} else {
			return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	out->rest = argv + optind;
	out->rest_count = argc - optind;
	int code = read_config(cmd, config_path);
	if (code < 0)
		code = apply_config(cmd, extra, given, db_given, out);
	return code;
}

bool cli_number(const char *cmd, const char *option, const char *text, long min, long max,
                long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || *end || !*text || v < min || v > max) {
		cli_usage(cmd, "%s wants a number from %ld to %ld, not '%s'", option, min, max,
		          text);
		return false;
	}
	*out = v;
	return true;
}

char *cli_read_secret(const char *cmd, const char *path, const char *prompt)
{
	FILE *f = path ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "binge %s: cannot read '%s': %s\n", cmd, path, strerror(errno));
		return NULL;
	}
	bool tty = !path && isatty(STDIN_FILENO);
	struct termios saved, quiet;
	if (tty) {
		fprintf(stderr, "%s: ", prompt);
		tcgetattr(STDIN_FILENO, &saved);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char line[1100];
	char *got = fgets(line, sizeof(line), f);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	if (path)
		fclose(f);
	if (!got) {
		fprintf(stderr, "binge %s: no %s given (on standard input or with a file)\n", cmd,
		        prompt);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (!*line || strlen(line) > 1024) {
		fprintf(stderr, "binge %s: the %s must be 1 to 1024 characters\n", cmd, prompt);
		return NULL;
	}
	return xstrdup(line);
}

const char *cli_db_target(const char *db_option)
{
	if (db_option && *db_option)
		return db_option;
	const char *env = getenv("BINGE_DB");
	return env && *env ? env : STORE_DEFAULT_PATH;
}

void cli_data_path(const char *db_option, const char *name, char *out, size_t len)
{
	const char *db = cli_db_target(db_option);
	if (strncmp(db, "postgres://", 11) == 0 || strncmp(db, "postgresql://", 13) == 0)
		snprintf(out, len, "binge-data/%s", name);
	else if (strrchr(db, '/'))
		snprintf(out, len, "%.*s/%s", (int)(strrchr(db, '/') - db), db, name);
	else
		snprintf(out, len, "%s", name);
}

void cli_shared_dir(const char *option, const char *env_name, const char *name,
                    const char *db_option, char *out, size_t len)
{
	const char *env = getenv(env_name);
	if (option && *option)
		snprintf(out, len, "%s", option);
	else if (env && *env)
		snprintf(out, len, "%s", env);
	else
		cli_data_path(db_option, name, out, len);
}

void cli_models_dir(const char *option, const char *db_option, char *out, size_t len)
{
	cli_shared_dir(option, "BINGE_MODELS", "models", db_option, out, len);
}

bool cli_open_store(const char *db_option, bool json, struct store **out)
{
	char *msg = NULL;
	enum bg_err rc = store_open(cli_db_target(db_option), out, &msg);
	if (rc)
		cli_fail(json, rc, "%s", msg ? msg : bg_err_message(rc));
	free(msg);
	return rc == BG_OK;
}

bool cli_open_existing_store(const char *db_option, bool json, struct store **out)
{
	const char *target = cli_db_target(db_option);
	bool postgres = strncmp(target, "postgres://", 11) == 0 ||
	                strncmp(target, "postgresql://", 13) == 0;
	if (!postgres && access(target, F_OK) != 0 && errno == ENOENT) {
		cli_fail(json, BG_NOT_FOUND,
		         "no database at '%s': this command only reads one (binge import, "
		         "binge user add or binge library add creates it)",
		         target);
		return false;
	}
	return cli_open_store(db_option, json, out);
}

int cli_fail(bool json, enum bg_err code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "binge: error: %s\n", msg);
	if (json)
		cli_print_json(json_pack("{s:{s:s,s:s}}", "error", "code", bg_err_name(code),
		                         "message", msg));
	return EXIT_RUNTIME;
}

void cli_bad_line(struct cli_bad_lines *b, size_t line, const char *why)
{
	if (b->count++ < CLI_BAD_LINES_SHOWN)
		buf_addf(&b->text, "\n  line %zu: %s", line, why);
}

int cli_fail_bad_lines(bool json, const char *path, const struct cli_bad_lines *b)
{
	return cli_fail(json, BG_INVALID, "'%s' has %d bad rows; nothing stored:%s", path, b->count,
	                b->text.ptr ? b->text.ptr : "");
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "binge %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'binge %s --help'.\n", cmd);
	return EXIT_USAGE;
}

void cli_print_json(json_t *value)
{
	json_dumpf(value, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(value);
}

void cli_print_json_line(json_t *value)
{
	json_dumpf(value, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	fflush(stdout);
	json_decref(value);
}

json_t *cli_json_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

int cli_write_title(const struct cli_args *args, const char *title, int64_t *id,
                    enum bg_err (*write)(struct store *st, void *ctx), void *ctx)
{
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st))
		return EXIT_RUNTIME;
	enum bg_err rc = catalog_store_resolve(st, title, id);
	if (!rc)
		rc = store_transact(st, write, ctx);
	int code = rc ? cli_fail(args->json, rc, "%s", store_errmsg(st)) : EXIT_OK;
	store_close(st);
	return code;
}

int cli_title_report(const struct cli_args *args,
                     enum bg_err (*make)(struct store *st, int64_t id, json_t **out),
                     void (*print)(json_t *report))
{
	struct store *st;
	if (!cli_open_existing_store(args->db, args->json, &st))
		return EXIT_RUNTIME;
	int64_t id;
	json_t *report = NULL;
	int code = EXIT_OK;
	enum bg_err rc = catalog_store_resolve(st, args->rest[0], &id);
	if (!rc)
		rc = make(st, id, &report);
	if (rc) {
		code = cli_fail(args->json, rc, "%s", store_errmsg(st));
	} else if (args->json) {
		cli_print_json(report);
		report = NULL;
	} else {
		print(report);
	}
	json_decref(report);
	store_close(st);
	return code;
}
