/*
 * cmd_user.c - `binge user add|password|list`: accounts. Passwords are read from
 * standard input (or --password-file), never from the command line, where
 * other users could see them in the process list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/password.h"
#include "cli/cli.h"
#include "core/territory.h"
#include "account/account_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge user add NAME --territory CC [--admin] [--password-file FILE]\n"
        "       binge user password NAME [--password-file FILE]\n"
        "       binge user list\n\n"
        "Adds an account (a viewer, or an admin with --admin) in territory CC, an\n"
        "ISO 3166-1 alpha-2 code such as US or GB. The password is the first line\n"
        "of standard input (prompted without echo on a terminal) or of FILE.\n"
        "`user password` sets a new one the same way and signs the account out\n"
        "everywhere: every account and profile token it had is revoked.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"id\",\"name\",...} / {\"items\":[...]}\n";

static int user_list(struct store *st, bool json)
{
	struct user *users;
	size_t n;
	enum bg_err rc = account_store_users(st, &users, &n);
	if (rc)
		return cli_fail(json, rc, "%s", store_errmsg(st));
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		if (json)
			json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s}", "id",
			                                       (json_int_t)users[i].id, "name",
			                                       users[i].name, "role",
			                                       users[i].admin ? "admin" : "viewer",
			                                       "territory", users[i].territory));
		else
			printf("%6lld  %-24s %-6s %s\n", (long long)users[i].id, users[i].name,
			       users[i].admin ? "admin" : "viewer", users[i].territory);
	}
	free(users);
	if (json)
		cli_print_json(json_pack("{s:o}", "items", items));
	else
		json_decref(items);
	return EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
	struct cli_args args;
	const char *territory = NULL, *password_file = NULL;
	bool admin = false;
	const struct cli_opt opts[] = {{"territory", &territory, NULL, NULL},
	                               {"admin", NULL, &admin, NULL},
	                               {"password-file", &password_file, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	bool add = args.rest_count == 2 && strcmp(args.rest[0], "add") == 0;
	bool list = args.rest_count == 1 && strcmp(args.rest[0], "list") == 0;
	bool passwd = args.rest_count == 2 && strcmp(args.rest[0], "password") == 0;
	if (!add && !list && !passwd)
		return cli_usage("user", "say 'user add NAME --territory CC', 'user password NAME' "
		                         "or 'user list'");
	if (add && (!territory || !territory_is_valid(territory)))
		return cli_usage("user",
		                 "--territory wants an ISO 3166-1 alpha-2 code (US, GB, ...)%s%s%s",
		                 territory ? ", not '" : "", territory ? territory : "",
		                 territory ? "'" : "");
	if (add && (strlen(args.rest[1]) == 0 || strlen(args.rest[1]) > 100))
		return cli_usage("user", "a user name has 1 to 100 characters");

	char *password = NULL;
	if ((add || passwd) && !(password = cli_read_secret("user", password_file, "password")))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st)) {
		free(password);
		return EXIT_RUNTIME;
	}
	if (list) {
		code = user_list(st, args.json);
		goto out;
	}
	char hash[PASSWORD_HASH_MAX], now[DATE_TIME_LEN + 1];
	date_time_format(date_time_now(), now);
	char msg[160];
	enum bg_err rc = password_init(msg, sizeof(msg));
	if (rc) {
		code = cli_fail(args.json, rc, "%s", msg);
		goto out;
	}
	rc = password_hash(password, hash);
	int64_t id = 0;
	if (passwd) {
		struct user u;
		if (!rc)
			rc = account_store_user_by_name(st, args.rest[1], &u, NULL);
		if (!rc)
			rc = account_store_set_password(st, u.id, hash);
		if (rc) {
			code = cli_fail(args.json, rc, "cannot set the password of '%s': %s",
			                args.rest[1], store_errmsg(st));
			goto out;
		}
		if (args.json)
			cli_print_json(json_pack("{s:I,s:s,s:b}", "id", (json_int_t)u.id, "name",
			                         u.name, "signed_out", 1));
		else
			printf("new password for '%s'; every session of the account is revoked\n",
			       u.name);
		code = EXIT_OK;
		goto out;
	}
	if (!rc)
		rc = account_store_add_user(st, args.rest[1], hash, admin, territory, now, &id);
	if (rc) {
		code = cli_fail(args.json, rc, "cannot add user '%s': %s", args.rest[1],
		                store_errmsg(st));
		goto out;
	}
	if (args.json)
		cli_print_json(json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "name",
		                         args.rest[1], "role", admin ? "admin" : "viewer",
		                         "territory", territory));
	else
		printf("added %s '%s' (id %lld) in %s\n", admin ? "admin" : "viewer", args.rest[1],
		       (long long)id, territory);
	code = EXIT_OK;
out:
	if (password)
		memset(password, 0, strlen(password));
	free(password);
	store_close(st);
	return code;
}
