/* cli.c - helpers shared by the commands; see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"
#include "core/banned.h"

int cli_parse(int argc, char **argv, const char *usage, unsigned extra, struct cli_args *out)
{
	enum {
		OPT_DB = 1000,
		OPT_JSON,
		OPT_HELP,
		OPT_KIND,
		OPT_LIMIT,
		OPT_FROM,
		OPT_TO,
		OPT_RESUME,
		OPT_BATCH
	};
	const bool migrate = extra & CLI_OPT_MIGRATE;
	const struct option all[] = {
	        {"db", required_argument, NULL, OPT_DB},
	        {"json", no_argument, NULL, OPT_JSON},
	        {"help", no_argument, NULL, OPT_HELP},
	        {(extra & CLI_OPT_KIND) ? "kind" : "\x01", required_argument, NULL, OPT_KIND},
	        {(extra & CLI_OPT_LIMIT) ? "limit" : "\x01", required_argument, NULL, OPT_LIMIT},
	        {migrate ? "from" : "\x01", required_argument, NULL, OPT_FROM},
	        {migrate ? "to" : "\x01", required_argument, NULL, OPT_TO},
	        {migrate ? "resume" : "\x01", no_argument, NULL, OPT_RESUME},
	        {migrate ? "batch" : "\x01", required_argument, NULL, OPT_BATCH},
	        {NULL, 0, NULL, 0},
	};
	const char *cmd = argv[0];
	*out = (struct cli_args){0};
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "h", all, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			out->db = optarg;
			break;
		case OPT_JSON:
			out->json = true;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return EXIT_OK;
		case OPT_KIND:
			out->kind = optarg;
			break;
		case OPT_LIMIT: {
			char *end;
			errno = 0;
			out->limit = strtol(optarg, &end, 10);
			if (errno || *end || out->limit < 1 || out->limit > 1000)
				return cli_usage(cmd,
				                 "--limit wants a number from 1 to 1000, not '%s'",
				                 optarg);
			break;
		}
		case OPT_FROM:
			out->from = optarg;
			break;
		case OPT_TO:
			out->to = optarg;
			break;
		case OPT_RESUME:
			out->resume = true;
			break;
		case OPT_BATCH: {
			char *end;
			errno = 0;
			out->batch = strtol(optarg, &end, 10);
			if (errno || *end || out->batch < 1 || out->batch > 1000000)
				return cli_usage(
				        cmd, "--batch wants a number from 1 to 1000000, not '%s'",
				        optarg);
			break;
		}
		default:
			return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	out->rest = argv + optind;
	out->rest_count = argc - optind;
	return -1;
}

const char *cli_db_target(const char *db_option)
{
	if (db_option && *db_option)
		return db_option;
	const char *env = getenv("BINGE_DB");
	return env && *env ? env : STORE_DEFAULT_PATH;
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

json_t *cli_json_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}
