/*
 * main.c - binge's entry point: global flags and command dispatch only.
 * Each command is src/cli/cmd_<name>.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/banned.h"

#ifndef BINGE_VERSION
#define BINGE_VERSION "0.0.0"
#endif

const struct cli_command cli_commands[] = {
        {"import", "import titles (import wiki FILE...)", cmd_import},
        {"titles", "list series and films", cmd_titles},
        {"show", "show one title with its seasons and credits", cmd_show},
        {"search", "search titles, people and characters", cmd_search},
        {"migrate", "copy a whole database between SQLite and PostgreSQL", cmd_migrate},
        {"serve", "serve the HTTP API", cmd_serve},
        {"routes", "the HTTP API's routes and who may call each", cmd_routes},
        {"user", "add and list accounts", cmd_user},
        {"profile", "add and list profiles of an account", cmd_profile},
        {"rating", "set a title's maturity rating", cmd_rating},
        {"avail", "manage licence windows per territory", cmd_avail},
        {"release", "set a season's release schedule", cmd_release},
        {"library", "add and list media folders", cmd_library},
        {"scan", "scan media folders into the catalogue", cmd_scan},
        {"events", "import and export the viewing event log", cmd_events},
        {"simulate", "simulate viewers watching, or generate a demo catalogue", cmd_simulate},
        {"stats", "audience analytics: watch order, next, gateways, binge, starts", cmd_stats},
        {"eval", "measure a recommendation model on an interactions file", cmd_eval},
        {"train", "train a recommendation model on the viewing log", cmd_train},
        {"recommend", "a profile's recommendation rows", cmd_recommend},
        {"similar", "titles similar to a title", cmd_similar},
        {"communities", "taste communities: build, list, show, score", cmd_communities},
        {"reviews", "import critic reviews; outlet weights", cmd_reviews},
        {"reception", "a title's critic approval, scores and bands", cmd_reception},
        {"timeline", "franchise story order from placement constraints", cmd_timeline},
        {"awards", "a title's awards and nominations", cmd_awards},
        {"buzz", "social posts about titles: import, track, report", cmd_buzz},
        {"package", "make a title's HLS ladder ahead (packaging queue)", cmd_package},
        {"worker", "work the packaging queue", cmd_worker},
        {"limit", "cap an account's or a profile's stream bitrate", cmd_limit},
        {"markers", "find or set where episodes' intros and credits are", cmd_markers},
        {"trickplay", "make the seek-bar previews of media files", cmd_trickplay},
        {"backup", "back up the database, signing key and models into a folder", cmd_backup},
        {"restore", "restore a backup, checked against its checksums", cmd_restore},
        {NULL, NULL, NULL},
};

static void print_help(FILE *out)
{
	fprintf(out, "usage: binge COMMAND [options]\n"
	             "       binge --help | --version\n\n"
	             "binge is a streaming-service engine. Commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->summary);
	fprintf(out,
	        "\nCommon options:\n"
	        "  --db PATH   the database (default: $BINGE_DB, else %s)\n"
	        "  --config FILE  settings per command (default: $BINGE_CONFIG, else\n"
	        "              /etc/binge/binge.conf when present; docs/deploy.md)\n"
	        "  --json      machine-readable output (see docs/cli.md)\n"
	        "  --help      help for the command\n\n"
	        "Exit status: 0 success, 1 runtime error, 2 usage error.\n",
	        "binge-data/binge.db");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("binge %s\n", BINGE_VERSION);
		return EXIT_OK;
	}
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, cmd) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "binge: '%s' is not a binge command. See 'binge --help'.\n", cmd);
	return EXIT_USAGE;
}
