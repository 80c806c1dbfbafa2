/* cmd_serve.c - `binge serve`: runs the HTTP API until SIGINT or SIGTERM. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/date.h"

#ifndef BINGE_WEB_DIR
#define BINGE_WEB_DIR "web"
#endif
#include "http/server.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge serve [--listen HOST:PORT] [--db PATH|URI] [--threads N]\n"
        "                   [--clock TIME] [--quiet]\n\n"
        "Serves the HTTP API (docs/api.md) until SIGINT or SIGTERM, then finishes\n"
        "the requests in flight and exits. Prints the URL once listening.\n\n"
        "  --listen HOST:PORT  IPv4 address and port (default 127.0.0.1:8080;\n"
        "                      port 0 picks a free one)\n"
        "  --db PATH|URI       the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --threads N         request threads and database connections (default 4)\n"
        "  --clock TIME        for tests and demos only: fix \"now\" to TIME\n"
        "                      (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ) for licence windows,\n"
        "                      releases and token expiry\n"
        "  --quiet             no request log on stderr\n"
        "  --models DIR        trained models (binge train); the newest is served and\n"
        "                      a newer one swapped in within a second (default:\n"
        "                      $BINGE_MODELS, else models/ beside the database file)\n"
        "  --web DIR           the web player's files (default: the web/ folder of the\n"
        "                      source tree this binge was built from)\n"
        "  --json              report a start-up error as a JSON object on stdout\n";

int cmd_serve(int argc, char **argv)
{
	struct cli_args args;
	const char *listen = "127.0.0.1:8080", *clock_text = NULL, *threads_text = NULL;
	const char *web = BINGE_WEB_DIR, *models = NULL;
	bool quiet = false;
	const struct cli_opt opts[] = {
	        {"listen", &listen, NULL, NULL},        {"clock", &clock_text, NULL, NULL},
	        {"threads", &threads_text, NULL, NULL}, {"quiet", NULL, &quiet, NULL},
	        {"models", &models, NULL, NULL},        {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count)
		return cli_usage("serve", "unexpected argument '%s'", args.rest[0]);
	char models_dir[4096];
	cli_models_dir(models, args.db, models_dir, sizeof(models_dir));
	struct http_config cfg = {.db = cli_db_target(args.db),
	                          .log = !quiet,
	                          .web_dir = web,
	                          .models_dir = models_dir};
	char msg[256];
	if (http_parse_listen(listen, &cfg, msg, sizeof(msg)))
		return cli_usage("serve", "%s", msg);
	long threads = 4;
	if (threads_text && !cli_number("serve", "--threads", threads_text, 1, 256, &threads))
		return EXIT_USAGE;
	cfg.threads = (int)threads;
	if (clock_text && date_time_parse(clock_text, &cfg.clock))
		return cli_usage("serve",
		                 "--clock wants YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '%s'",
		                 clock_text);
	enum bg_err rc = http_serve(&cfg, msg, sizeof(msg));
	if (rc)
		return cli_fail(args.json, rc, "cannot serve: %s", msg);
	return EXIT_OK;
}
