/*
 * cli_reco.h - what the recommendation commands (eval, train) share: the
 * model named by --model and its --param NAME=VALUE settings.
 */
#ifndef BINGE_CLI_CLI_RECO_H
#define BINGE_CLI_CLI_RECO_H

#include <stdbool.h>

#include "cli/cli.h"
#include "reco/model.h"

/*
 * The kind named name with its defaults overridden by params; false (a
 * usage message for command cmd printed) for an unknown model or a bad
 * parameter.
 */
bool cli_reco_model(const char *cmd, const char *name, const struct cli_list *params,
                    enum reco_kind *kind, struct reco_params *out);

/* {"NAME": value} of kind's parameters in p. */
json_t *cli_reco_params_json(enum reco_kind kind, const struct reco_params *p);

#endif
