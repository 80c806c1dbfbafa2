/* cmd_limit.c - `binge limit USER[/PROFILE] --kbps N|none`: a stream bitrate cap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char limit_usage[] =
        "usage: binge limit USER[/PROFILE] --kbps N|none\n\n"
        "Caps the bitrate of what an account, or one of its profiles, is streamed,\n"
        "for a household on a slow line or a metered plan: files above it are\n"
        "transcoded to the tallest rung of the ladder under it (docs/playback.md).\n"
        "The smallest of the account's, the profile's and the server's\n"
        "(--stream-kbps) caps applies. 'none' removes the cap.\n\n"
        "  --kbps N|none  kilobits per second, 100 to 1000000\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"user\",\"profile\",\"max_kbps\"}\n";

int cmd_limit(int argc, char **argv)
{
	const char *kbps_text = NULL;
	struct cli_opt extra[] = {{"kbps", &kbps_text, NULL, NULL}, {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, limit_usage, extra, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1 || !kbps_text)
		return cli_usage("limit", "say 'limit USER[/PROFILE] --kbps N|none'");
	long kbps = 0;
	if (strcmp(kbps_text, "none") != 0 &&
	    !cli_number("limit", "--kbps", kbps_text, 100, 1000000, &kbps))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	code = EXIT_OK;
	const char *who = args.rest[0];
	char user_name[128];
	const char *slash = strchr(who, '/');
	snprintf(user_name, sizeof(user_name), "%.*s", slash ? (int)(slash - who) : (int)strlen(who),
	         who);
	struct user u;
	int64_t profile_id = 0;
	enum bg_err rc = account_store_user_by_name(st, user_name, &u, NULL);
	if (!rc && slash)
		rc = account_store_profile_ref(st, who, &profile_id);
	if (!rc)
		rc = account_store_set_stream_kbps(st, u.id, profile_id, (int)kbps);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else if (args.json) {
		cli_print_json(json_pack("{s:s,s:o,s:o}", "user", u.name, "profile",
		                         slash ? json_string(slash + 1) : json_null(), "max_kbps",
		                         kbps ? json_integer(kbps) : json_null()));
	} else if (kbps) {
		printf("%s streams at most %ld kb/s\n", who, kbps);
	} else {
		printf("%s has no stream cap of its own\n", who);
	}
	store_close(st);
	return code;
}
