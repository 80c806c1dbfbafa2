/* model_spec.c - model kinds and their hyper-parameter table; see model_spec.h. */
#include "reco/model_spec.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#define COMMUNITIES_PARAM_MAX 1300 /* COMMUNITIES_MAX_K (reco/communities.h) */
#include "core/banned.h"

static const char *const kind_names[] = {"popularity", "itemknn", "ease",
                                         "ials",       "blend",   "community"};

bool reco_kind_parse(const char *name, enum reco_kind *out)
{
	for (size_t k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++)
		if (strcmp(name, kind_names[k]) == 0) {
			*out = (enum reco_kind)k;
			return true;
		}
	return false;
}

const char *reco_kind_name(enum reco_kind kind)
{
	return kind_names[kind];
}

/* One hyper-parameter: where it lives, its default and its range. */
struct param_def {
	const char *name;
	size_t offset;
	double def, min, max;
	bool whole;
};

#define PARAM(field, def, min, max, whole)                                        \
	{                                                                         \
#field, offsetof(struct reco_params, field), def, min, max, whole \
	}
static const struct param_def param_defs[] = {
        PARAM(lambda, 500, 1e-9, 1e9, false),
        PARAM(shrink, 10, 0, 1e9, false),
        PARAM(k, 100, 1, 100000, true),
        PARAM(reg, 0.03, 1e-9, 1e6, false),
        PARAM(factors, 64, 1, RECO_IALS_MAX_FACTORS, true),
        PARAM(alpha, 0.1, 1e-9, 1e6, false),
        PARAM(iters, 12, 1, 1000, true),
        PARAM(weight, 0.5, 0, 1, false),
        PARAM(nu, 1, 0, 2, false),
        PARAM(seeds, 1, 1, 16, true),
        PARAM(cg, 0, 0, 64, true),
        PARAM(communities, 20, 1, COMMUNITIES_PARAM_MAX, true),
        PARAM(smoothing, 10, 0, 1e9, false),
        PARAM(spread, 0, 0, 10, false),
};
#undef PARAM

static const char *const no_params[] = {NULL};
static const char *const knn_params[] = {"shrink", "k", NULL};
static const char *const ease_params[] = {"lambda", NULL};
static const char *const ials_params[] = {"reg",   "nu",    "factors", "alpha",
                                          "iters", "seeds", "cg",      NULL};
static const char *const blend_params[] = {"weight", "reg", "alpha",  "nu",
                                           "seeds",  "cg",  "lambda", NULL};
static const char *const community_params[] = {"communities", "spread", "smoothing", "reg",
                                               "alpha",       "nu",     "factors",   "iters",
                                               NULL};

const char *const *reco_param_names(enum reco_kind kind)
{
	switch (kind) {
	case RECO_ITEMKNN:
		return knn_params;
	case RECO_EASE:
		return ease_params;
	case RECO_IALS:
		return ials_params;
	case RECO_BLEND:
		return blend_params;
	case RECO_COMMUNITY:
		return community_params;
	default:
		return no_params;
	}
}

static const struct param_def *param_def(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(param_defs) / sizeof(param_defs[0]); i++)
		if (strlen(param_defs[i].name) == len &&
		    strncmp(param_defs[i].name, name, len) == 0)
			return &param_defs[i];
	return NULL;
}

void reco_params_init(enum reco_kind kind, struct reco_params *p)
{
	(void)kind; /* every kind starts from the same table; each reads its own fields */
	for (size_t i = 0; i < sizeof(param_defs) / sizeof(param_defs[0]); i++)
		memcpy((char *)p + param_defs[i].offset, &param_defs[i].def, sizeof(double));
}

static bool in_range(const struct param_def *d, double v)
{
	return v >= d->min && v <= d->max && (!d->whole || v == floor(v));
}

bool reco_params_valid(const struct reco_params *p)
{
	for (size_t i = 0; i < sizeof(param_defs) / sizeof(param_defs[0]); i++) {
		double v;
		memcpy(&v, (const char *)p + param_defs[i].offset, sizeof(v));
		if (!in_range(&param_defs[i], v)) /* NaN fails too */
			return false;
	}
	return p->factors * p->seeds <= RECO_IALS_MAX_FACTORS;
}

size_t reco_ials_dims(const struct reco_params *p)
{
	return (size_t)p->factors * (size_t)p->seeds;
}

double reco_param_get(const struct reco_params *p, const char *name)
{
	const struct param_def *d = param_def(name, strlen(name));
	double v = 0.0;
	if (d)
		memcpy(&v, (const char *)p + d->offset, sizeof(v));
	return v;
}

void reco_param_put(struct reco_params *p, const char *name, double value)
{
	const struct param_def *d = param_def(name, strlen(name));
	if (d)
		memcpy((char *)p + d->offset, &value, sizeof(value));
}

enum bg_err reco_params_set(enum reco_kind kind, struct reco_params *p, const char *assignment,
                            char *msg, size_t msg_len)
{
	const char *eq = strchr(assignment, '=');
	size_t len = eq ? (size_t)(eq - assignment) : strlen(assignment);
	const char *const *names = reco_param_names(kind);
	bool known = false;
	for (size_t i = 0; names[i]; i++)
		known |= strlen(names[i]) == len && strncmp(names[i], assignment, len) == 0;
	if (!known || !eq) {
		struct buf list = BUF_INIT(256);
		for (size_t i = 0; names[i]; i++)
			buf_addf(&list, "%s%s", i ? ", " : "", names[i]);
		snprintf(msg, msg_len, "%s takes %s%s, as NAME=VALUE", reco_kind_name(kind),
		         names[0] ? "" : "no parameters", names[0] ? list.ptr : "");
		buf_release(&list);
		return BG_INVALID;
	}
	const struct param_def *d = param_def(assignment, len);
	char *end;
	errno = 0;
	double v = strtod(eq + 1, &end);
	if (end == eq + 1 || *end || errno || !in_range(d, v)) {
		snprintf(msg, msg_len, "%s: '%s' is not a%s number from %g to %g", d->name, eq + 1,
		         d->whole ? " whole" : "", d->min, d->max);
		return BG_INVALID;
	}
	double was;
	memcpy(&was, (char *)p + d->offset, sizeof(was));
	memcpy((char *)p + d->offset, &v, sizeof(v));
	if (p->factors * p->seeds > RECO_IALS_MAX_FACTORS) {
		memcpy((char *)p + d->offset, &was, sizeof(was));
		snprintf(msg, msg_len, "factors x seeds may be at most %d", RECO_IALS_MAX_FACTORS);
		return BG_INVALID;
	}
	return BG_OK;
}
