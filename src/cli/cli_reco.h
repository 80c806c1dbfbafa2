/*
 * cli_reco.h - what the recommendation commands share: the model named by
 * --model and its --param NAME=VALUE settings (eval, train), the newest
 * trained model, a profile as a viewer, --at, and printing a row
 * (recommend, similar).
 */
#ifndef BINGE_CLI_CLI_RECO_H
#define BINGE_CLI_CLI_RECO_H

#include <stdbool.h>

#include "cli/cli.h"
#include "catalog/visibility.h"
#include "reco/bundle.h"
#include "reco/model.h"
#include "reco/rows.h"

struct profile;
struct store;

/*
 * The kind named name with its defaults overridden by params; false (a
 * usage message for command cmd printed) for an unknown model or a bad
 * parameter.
 */
bool cli_reco_model(const char *cmd, const char *name, const struct cli_list *params,
                    enum reco_kind *kind, struct reco_params *out);

/* {"NAME": value} of kind's parameters in p. */
json_t *cli_reco_params_json(enum reco_kind kind, const struct reco_params *p);

/* Prints a row as numbered lines with kind, id and score. */
void cli_reco_print_row(const struct reco_row *row);

/* The newest model in the models directory; false (reported) if none or unreadable. */
bool cli_reco_load_newest(const char *models, const char *db, bool json, struct reco_bundle *b);

/* The viewer the profile ref (USER/PROFILE) is: its ceiling, its account's territory, at at. */
enum bg_err cli_reco_profile_viewer(struct store *st, const char *ref, int64_t at,
                                    struct profile *p, struct viewer *v);

/* --at TEXT as an instant (now when at_text is NULL); false (usage printed for cmd) if bad. */
bool cli_parse_at(const char *cmd, const char *at_text, int64_t *at);

#endif
