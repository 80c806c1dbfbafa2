/* cli_reco.c - --model and --param for the recommendation commands; see cli_reco.h. */
#include "cli/cli_reco.h"

#include "core/banned.h"

bool cli_reco_model(const char *cmd, const char *name, const struct cli_list *params,
                    enum reco_kind *kind, struct reco_params *out)
{
	if (!reco_kind_parse(name, kind)) {
		cli_usage(cmd, "--model: '%s' is not popularity, itemknn, ease, ials or blend",
		          name);
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
