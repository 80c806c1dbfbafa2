/* cmd_serve.c - `binge serve`: runs the HTTP API until SIGINT or SIGTERM. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"

#ifndef BINGE_WEB_DIR
#define BINGE_WEB_DIR "web"
#endif
#include "audience/popular_cache.h"
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
        "  --url-key FILE      the key that signs media URLs, made on first start\n"
        "                      (default: url.key beside the database file, or\n"
        "                      binge-data/url.key; servers behind one address share it)\n"
        "  --url-ttl SECONDS   how long a signed media URL lives (default 900)\n"
        "  --hash-threads N    password and PIN checks at once, apart from the request\n"
        "                      threads (default: half the cores, at least 1); 32 more\n"
        "                      wait (--hash-queue), and beyond that a login gets 503\n"
        "                      with Retry-After\n"
        "  --hash-queue N      password and PIN checks that may wait (default 32)\n"
        "  --stream-cache DIR  HLS segments made on demand, and subtitles converted to\n"
        "                      WebVTT in DIR/subtitles (default: streams/ beside the\n"
        "                      database file, or binge-data/streams)\n"
        "  --stream-cache-gb N  the cache's size cap; the least recently served\n"
        "                      segments go first (default 10)\n"
        "  --encoders N        FFmpeg encoders at once (default: half the cores, at\n"
        "                      least 1); beyond that a new stream gets 503 with Retry-After\n"
        "  --stream-kbps N     cap on any stream's bitrate: files above it are\n"
        "                      transcoded (default: no cap)\n"
        "  --packages DIR      HLS ladders made ahead by binge package, served as files\n"
        "                      (default: $BINGE_PACKAGES, else packages/ beside the\n"
        "                      database file, or binge-data/packages)\n"
        "  --no-package-worker do not work the packaging queue here (on SQLite the\n"
        "                      server works it by default; on PostgreSQL, binge worker)\n"
        "  --accel-redirect LOCATION  answer a packaged segment, once authorised, with\n"
        "                      X-Accel-Redirect: LOCATION/<path under --packages>, for\n"
        "                      nginx in front to send the file (docs/deploy.md)\n"
        "  --web DIR           the web player's files (default: the web/ folder of the\n"
        "                      source tree this binge was built from)\n"
        "  --trusted-proxy ADDR[,ADDR]  believe X-Forwarded-For from these peers (a\n"
        "                      reverse proxy in front, docs/deploy.md): the login\n"
        "                      throttle and the device list then see the real client\n"
        "  --metrics-token TOKEN  serve Prometheus metrics at GET /metrics to a scraper\n"
        "                      sending it as a bearer token (default: $BINGE_METRICS_TOKEN;\n"
        "                      without one, /metrics is off)\n"
        "  --popular-every SECONDS  \"Popular in your country\" reads a week of the\n"
        "                      event log per territory, then serves that ranking while\n"
        "                      a background read renews it every SECONDS (default 300;\n"
        "                      0: read at every request)\n"
        "  --json              report a start-up error as a JSON object on stdout\n";

int cmd_serve(int argc, char **argv)
{
	struct cli_args args;
	const char *listen = "127.0.0.1:8080", *clock_text = NULL, *threads_text = NULL;
	const char *web = BINGE_WEB_DIR, *models = NULL, *url_key = NULL, *url_ttl_text = NULL,
	           *hash_threads_text = NULL, *hash_queue_text = NULL, *stream_cache = NULL,
	           *cache_gb_text = NULL, *encoders_text = NULL, *kbps_text = NULL,
	           *packages = NULL, *accel = NULL, *popular_every_text = NULL;
	bool quiet = false, no_package_worker = false;
	const char *metrics_token = NULL, *trusted_proxy = NULL;
	const struct cli_opt opts[] = {{"listen", &listen, NULL, NULL},
	                               {"clock", &clock_text, NULL, NULL},
	                               {"threads", &threads_text, NULL, NULL},
	                               {"quiet", NULL, &quiet, NULL},
	                               {"models", &models, NULL, NULL},
	                               {"url-key", &url_key, NULL, NULL},
	                               {"url-ttl", &url_ttl_text, NULL, NULL},
	                               {"hash-threads", &hash_threads_text, NULL, NULL},
	                               {"hash-queue", &hash_queue_text, NULL, NULL},
	                               {"stream-cache", &stream_cache, NULL, NULL},
	                               {"stream-cache-gb", &cache_gb_text, NULL, NULL},
	                               {"encoders", &encoders_text, NULL, NULL},
	                               {"stream-kbps", &kbps_text, NULL, NULL},
	                               {"packages", &packages, NULL, NULL},
	                               {"no-package-worker", NULL, &no_package_worker, NULL},
	                               {"accel-redirect", &accel, NULL, NULL},
	                               {"web", &web, NULL, NULL},
	                               {"metrics-token", &metrics_token, NULL, NULL},
	                               {"trusted-proxy", &trusted_proxy, NULL, NULL},
	                               {"popular-every", &popular_every_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count)
		return cli_usage("serve", "unexpected argument '%s'", args.rest[0]);
	char models_dir[4096];
	cli_models_dir(models, args.db, models_dir, sizeof(models_dir));
	char key_path[4096];
	if (url_key)
		snprintf(key_path, sizeof(key_path), "%s", url_key);
	else
		cli_data_path(args.db, "url.key", key_path, sizeof(key_path));
	struct http_config cfg = {.db = cli_db_target(args.db),
	                          .log = !quiet,
	                          .web_dir = web,
	                          .models_dir = models_dir,
	                          .url_key_path = key_path};
	if (!metrics_token)
		metrics_token = getenv("BINGE_METRICS_TOKEN");
	if (metrics_token && strlen(metrics_token) < 16)
		return cli_usage("serve", "--metrics-token wants at least 16 characters");
	cfg.metrics_token = metrics_token && *metrics_token ? metrics_token : NULL;
	cfg.trusted_proxies = trusted_proxy;
	char msg[256];
	if (http_parse_listen(listen, &cfg, msg, sizeof(msg)))
		return cli_usage("serve", "%s", msg);
	long threads = 4;
	if (threads_text && !cli_number("serve", "--threads", threads_text, 1, 256, &threads))
		return EXIT_USAGE;
	cfg.threads = (int)threads;
	long popular_every = POPULAR_EVERY_DEFAULT;
	if (popular_every_text && !cli_number("serve", "--popular-every", popular_every_text, 0,
	                                      86400, &popular_every))
		return EXIT_USAGE;
	cfg.popular_every = popular_every ? (int)popular_every : -1;
	long url_ttl = 0, hash_threads = sysconf(_SC_NPROCESSORS_ONLN) / 2;
	if (url_ttl_text && !cli_number("serve", "--url-ttl", url_ttl_text, 10, 86400, &url_ttl))
		return EXIT_USAGE;
	if (hash_threads_text &&
	    !cli_number("serve", "--hash-threads", hash_threads_text, 1, 64, &hash_threads))
		return EXIT_USAGE;
	long hash_queue = HTTP_HASH_QUEUE_DEFAULT;
	if (hash_queue_text &&
	    !cli_number("serve", "--hash-queue", hash_queue_text, 1, 4096, &hash_queue))
		return EXIT_USAGE;
	cfg.hash_queue = (int)hash_queue;
	char cache_dir[4096];
	if (stream_cache)
		snprintf(cache_dir, sizeof(cache_dir), "%s", stream_cache);
	else
		cli_data_path(args.db, "streams", cache_dir, sizeof(cache_dir));
	cfg.stream_cache = cache_dir;
	char packages_dir[4096];
	cli_shared_dir(packages, "BINGE_PACKAGES", "packages", args.db, packages_dir,
	               sizeof(packages_dir));
	cfg.packages = packages_dir;
	char trickplay_dir[4096];
	cli_shared_dir(NULL, "BINGE_TRICKPLAY", "trickplay", args.db, trickplay_dir,
	               sizeof(trickplay_dir));
	cfg.trickplay = trickplay_dir;
	/* Subtitles converted to WebVTT: small files, kept with the streams'
	 * cache (which evicts only segments). */
	char subtitle_dir[4200];
	snprintf(subtitle_dir, sizeof(subtitle_dir), "%s/subtitles", cache_dir);
	cfg.subtitle_cache = subtitle_dir;
	char image_dir[4200];
	snprintf(image_dir, sizeof(image_dir), "%s/images", cache_dir);
	cfg.image_cache = image_dir;
	if (accel && (accel[0] != '/' || accel[strlen(accel) - 1] == '/'))
		return cli_usage("serve", "--accel-redirect wants a location such as /packaged, not '%s'",
		                 accel);
	cfg.accel_redirect = accel;
	/* On SQLite the server is the one machine: it works the packaging queue itself. */
	const char *db = cli_db_target(args.db);
	cfg.package_worker = !no_package_worker && strncmp(db, "postgres://", 11) != 0 &&
	                     strncmp(db, "postgresql://", 13) != 0;
	long cache_gb = 10, encoders = 0, kbps = 0;
	if (cache_gb_text &&
	    !cli_number("serve", "--stream-cache-gb", cache_gb_text, 1, 1 << 20, &cache_gb))
		return EXIT_USAGE;
	if (encoders_text && !cli_number("serve", "--encoders", encoders_text, 1, 256, &encoders))
		return EXIT_USAGE;
	if (kbps_text && !cli_number("serve", "--stream-kbps", kbps_text, 100, 1000000, &kbps))
		return EXIT_USAGE;
	cfg.stream_cache_bytes = (int64_t)cache_gb << 30;
	cfg.encoders = (int)encoders;
	cfg.stream_kbps = (int)kbps;
	cfg.url_ttl = (int)url_ttl;
	cfg.hash_threads = hash_threads < 1 ? 1 : (int)hash_threads;
	if (clock_text && date_time_parse(clock_text, &cfg.clock))
		return cli_usage("serve",
		                 "--clock wants YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '%s'",
		                 clock_text);
	enum bg_err rc = http_serve(&cfg, msg, sizeof(msg));
	if (rc)
		return cli_fail(args.json, rc, "cannot serve: %s", msg);
	return EXIT_OK;
}
