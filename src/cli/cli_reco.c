/* cli_reco.c - --model and --param for the recommendation commands; see cli_reco.h. */
#include "cli/cli_reco.h"

#include <stdio.h>
#include <string.h>

#include "account/account_store.h"
#include "core/date.h"
#include "core/banned.h"

bool cli_reco_model(const char *cmd, const char *name, const struct cli_list *params,
                    enum reco_kind *kind, struct reco_params *out)
{
	bool eval = strcmp(cmd, "eval") == 0;
	if (!reco_kind_parse(name, kind)) {
		cli_usage(cmd, "--model: '%s' is not popularity, itemknn, ease, ials or blend%s",
		          name, eval ? " or community" : "");
		return false;
	}
	if (*kind == RECO_COMMUNITY && !eval) {
		cli_usage(cmd,
		          "--model: community is for binge eval; the service's communities come "
		          "from binge communities build");
		return false;
	}
	reco_params_init(*kind, out);
	for (int i = 0; i < params->n; i++) {
		char why[160];
		if (reco_params_set(*kind, out, params->items[i], why, sizeof(why))) {
			cli_usage(cmd, "--param: %s", why);
			return false;
		}
	}
	return true;
}

json_t *cli_reco_params_json(enum reco_kind kind, const struct reco_params *p)
{
	const char *const *names = reco_param_names(kind);
	json_t *out = json_object();
	for (size_t i = 0; names[i]; i++)
		json_object_set_new(out, names[i], json_real(reco_param_get(p, names[i])));
	return out;
}

void cli_reco_print_row(const struct reco_row *row)
{
	printf("%s\n", row->title);
	for (size_t i = 0; i < row->n; i++)
		printf("  %2zu. %s (%s, %lld)  %.3f\n", i + 1, row->items[i].name,
		       row->items[i].kind, (long long)row->items[i].id, row->scores[i]);
}

bool cli_reco_load_newest(const char *models, const char *db, bool json, struct reco_bundle *b)
{
	char dir[4096], path[4200], msg[4400];
	uint64_t version;
	cli_models_dir(models, db, dir, sizeof(dir));
	if (bundle_newest(dir, &version, path, sizeof(path))) {
		cli_fail(json, BG_NOT_FOUND, "no trained model in '%s': run binge train", dir);
		return false;
	}
	enum bg_err rc = bundle_load(path, b, msg, sizeof(msg));
	if (rc)
		cli_fail(json, rc, "%s", msg);
	return rc == BG_OK;
}

enum bg_err cli_reco_profile_viewer(struct store *st, const char *ref, int64_t at,
                                    struct profile *p, struct viewer *v)
{
	int64_t id;
	struct user u;
	enum bg_err rc = account_store_profile_ref(st, ref, &id);
	if (!rc)
		rc = account_store_profile(st, id, p, NULL);
	if (!rc)
		rc = account_store_user(st, p->user_id, &u);
	if (rc)
		return rc;
	viewer_init_profile(v, p->ceiling, u.territory, at);
	return BG_OK;
}

bool cli_parse_at(const char *cmd, const char *at_text, int64_t *at)
{
	*at = date_time_now();
	if (at_text && date_time_parse(at_text, at)) {
		cli_usage(cmd, "--at: '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", at_text);
		return false;
	}
	return true;
}
