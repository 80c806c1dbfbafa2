/* cmd_profile.c - `binge profile add|list`: profiles of an account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/auth.h"
#include "catalog/maturity.h"
#include "cli/cli.h"
#include "account/account_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge profile add USER PROFILE [--ceiling RATING] [--kids] [--pin]\n"
        "       binge profile list USER\n\n"
        "Adds a profile to an account (at most 5). The ceiling is a rating (TV-14,\n"
        "PG-13, TV-MA, ...) or an age level (all, 7+, 13+, 16+, 18+); default 18+,\n"
        "or 7+ for --kids. A kids profile's ceiling is at most 13+. With --pin the\n"
        "4-digit PIN is read from standard input; the profile is then selected only\n"
        "with it.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         machine-readable output\n";

static json_t *profile_json(const struct profile *p)
{
	return json_pack("{s:I,s:s,s:s,s:b,s:b}", "id", (json_int_t)p->id, "name", p->name,
	                 "ceiling", maturity_label(p->ceiling), "kids", p->kids, "has_pin",
	                 p->has_pin);
}

static int profile_list(struct store *st, int64_t user_id, bool json)
{
	struct profile *list;
	size_t n;
	enum bg_err rc = account_store_profiles(st, user_id, &list, &n);
	if (rc)
		return cli_fail(json, rc, "%s", store_errmsg(st));
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		if (json)
			json_array_append_new(items, profile_json(&list[i]));
		else
			printf("%6lld  %-20s %-4s%s%s\n", (long long)list[i].id, list[i].name,
			       maturity_label(list[i].ceiling), list[i].kids ? "  kids" : "",
			       list[i].has_pin ? "  PIN" : "");
	}
	free(list);
	if (json)
		cli_print_json(json_pack("{s:o}", "items", items));
	else
		json_decref(items);
	return EXIT_OK;
}

int cmd_profile(int argc, char **argv)
{
	struct cli_args args;
	const char *ceiling_text = NULL;
	bool kids = false, with_pin = false;
	const struct cli_opt opts[] = {{"ceiling", &ceiling_text, NULL, NULL},
	                               {"kids", NULL, &kids, NULL},
	                               {"pin", NULL, &with_pin, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	bool add = args.rest_count == 3 && strcmp(args.rest[0], "add") == 0;
	bool list = args.rest_count == 2 && strcmp(args.rest[0], "list") == 0;
	if (!add && !list)
		return cli_usage("profile",
		                 "say 'profile add USER PROFILE' or 'profile list USER'");
	int ceiling = kids ? 7 : 18;
	if (ceiling_text && !maturity_parse_ceiling(ceiling_text, &ceiling))
		return cli_usage("profile",
		                 "--ceiling wants a rating (TV-14, PG-13, ...) or an age "
		                 "level (all, 7+, 13+, 16+, 18+), not '%s'",
		                 ceiling_text);
	if (kids && ceiling > 13)
		return cli_usage("profile", "a kids profile's ceiling is at most 13+");
	if (add && (!*args.rest[2] || strlen(args.rest[2]) > 100))
		return cli_usage("profile", "a profile name has 1 to 100 characters");
	char *pin = NULL;
	if (add && with_pin) {
		pin = cli_read_secret("profile", NULL, "PIN");
		if (!pin)
			return EXIT_USAGE;
		if (!auth_pin_is_valid(pin)) {
			free(pin);
			return cli_usage("profile", "a PIN is exactly 4 digits");
		}
	}
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st)) {
		free(pin);
		return EXIT_RUNTIME;
	}
	struct user u;
	enum bg_err rc = account_store_user_by_name(st, args.rest[1], &u, NULL);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		goto out;
	}
	if (list) {
		code = profile_list(st, u.id, args.json);
		goto out;
	}
	char hash[PASSWORD_HASH_MAX];
	char msg[160];
	rc = password_init(msg, sizeof(msg));
	if (rc) {
		code = cli_fail(args.json, rc, "%s", msg);
		goto out;
	}
	if (pin)
		rc = password_hash(pin, hash);
	int64_t id = 0;
	if (!rc)
		rc = account_store_add_profile(st, u.id, args.rest[2], ceiling, kids,
		                               pin ? hash : NULL, &id);
	if (rc) {
		code = cli_fail(args.json, rc, "cannot add profile '%s': %s", args.rest[2],
		                store_errmsg(st));
		goto out;
	}
	struct profile p = {.id = id,
	                    .user_id = u.id,
	                    .ceiling = ceiling,
	                    .kids = kids,
	                    .has_pin = pin != NULL};
	snprintf(p.name, sizeof(p.name), "%s", args.rest[2]);
	if (args.json)
		cli_print_json(profile_json(&p));
	else
		printf("added profile '%s' (id %lld) to %s: ceiling %s%s%s\n", p.name,
		       (long long)id, u.name, maturity_label(ceiling), kids ? ", kids" : "",
		       pin ? ", PIN" : "");
	code = EXIT_OK;
out:
	free(pin);
	store_close(st);
	return code;
}
