/* bundle.c - a trained recommender, its neighbours and its file; see bundle.h. */
#include "reco/bundle.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/mem.h"
#include "reco/linalg.h"
#include "reco/ials.h"
#include "reco/log_matrix.h"
#include "core/banned.h"

#define MAGIC         "BINGEMDL"
#define CHECKSUM_LEN  32
/* A stored model's parameters: the fields before spread, the only one format 3 lacks (it is the
 * eval's community model's, and that model is never stored). */
#define BUNDLE_PARAMS_BYTES offsetof(struct reco_params, spread)
#define FILE_MAX      ((size_t)8 << 30)
#define NB_BLOCK_ROWS 256

/* Neighbours from item factors: cosine, computed a block of rows at a time. */
static void factor_neighbours(const struct reco_model *m, struct reco_bundle *b)
{
	size_t items = m->items, d = reco_ials_dims(&m->params);
	double *unit = xmalloc((items * d + 1) * sizeof(*unit));
	for (size_t i = 0; i < items; i++) {
		const double *v = m->weights + i * d;
		double norm = linalg()->dnrm2((int)d, v, 1);
		for (size_t k = 0; k < d; k++)
			unit[i * d + k] = norm > 0 ? v[k] / norm : 0.0;
	}
	double *sim = xmalloc((NB_BLOCK_ROWS * items + 1) * sizeof(*sim));
	for (size_t at = 0; at < items; at += NB_BLOCK_ROWS) {
		size_t rows = items - at < NB_BLOCK_ROWS ? items - at : NB_BLOCK_ROWS;
		linalg()->dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)items,
		                (int)d, 1.0, unit + at * d, (int)d, unit, (int)d, 0.0, sim,
		                (int)items);
		for (size_t r = 0; r < rows; r++) {
			uint32_t self = (uint32_t)(at + r),
			         *top = b->nb_item + (at + r) * b->neighbours;
			size_t got =
			        reco_top_k(sim + r * items, items, &self, 1, b->neighbours, top);
			for (size_t k = 0; k < b->neighbours; k++)
				b->nb_score[(at + r) * b->neighbours + k] =
				        k < got ? (float)sim[r * items + top[k]] : 0.0f;
		}
	}
	free(sim);
	free(unit);
}

/*
 * Neighbours from an item x item weight matrix (EASE's B, item-kNN's S):
 * the best of row i, each row spread into scratch for reco_top_k().
 */
static void weight_neighbours(const struct reco_model *m, struct reco_bundle *b)
{
	size_t items = m->items;
	const struct csr *sim = &m->similar;
	double *row = xcalloc(items + 1, sizeof(*row));
	for (size_t i = 0; i < items; i++) {
		uint32_t self = (uint32_t)i, *top = b->nb_item + i * b->neighbours;
		if (m->kind == RECO_ITEMKNN)
			for (size_t at = sim->ptr[i]; at < sim->ptr[i + 1]; at++)
				row[sim->idx[at]] = sim->val[at];
		else
			for (size_t j = 0; j < items; j++)
				row[j] = m->dense[i * items + j];
		size_t got = reco_top_k(row, items, &self, 1, b->neighbours, top);
		for (size_t k = 0; k < b->neighbours; k++)
			b->nb_score[i * b->neighbours + k] = k < got ? (float)row[top[k]] : 0.0f;
		if (m->kind == RECO_ITEMKNN)
			for (size_t at = sim->ptr[i]; at < sim->ptr[i + 1]; at++)
				row[sim->idx[at]] = 0.0;
	}
	free(row);
}

/* The single-precision copy of an iALS model's item factors. */
static void make_factors32(struct reco_bundle *b)
{
	if (b->model.kind != RECO_IALS || !b->model.weights)
		return;
	size_t n = b->model.items * reco_ials_dims(&b->model.params);
	b->factors32 = xmalloc((n ? n : 1) * sizeof(*b->factors32));
	for (size_t i = 0; i < n; i++)
		b->factors32[i] = (float)b->model.weights[i];
}

void bundle_score(const struct reco_bundle *b, const uint32_t *seen, const float *conf, size_t n,
                  double *scores)
{
	if (!b->factors32) {
		reco_model_score(&b->model, seen, conf, n, scores);
		return;
	}
	size_t items = b->model.items, d = reco_ials_dims(&b->model.params);
	double x[RECO_IALS_MAX_FACTORS];
	float x32[RECO_IALS_MAX_FACTORS];
	float *s32 = xmalloc((items ? items : 1) * sizeof(*s32));
	ials_fold_in(&b->model, seen, conf, n, x);
	for (size_t k = 0; k < d; k++)
		x32[k] = (float)x[k];
	linalg()->sgemv(CblasRowMajor, CblasNoTrans, (int)items, (int)d, 1.0f, b->factors32, (int)d,
	                x32, 1, 0.0f, s32, 1);
	for (size_t i = 0; i < items; i++)
		scores[i] = s32[i];
	free(s32);
}

void bundle_make(struct reco_model *model, const int64_t *title_ids, int64_t trained_at,
                 uint64_t profiles, struct reco_bundle *out)
{
	memset(out, 0, sizeof(*out));
	out->model = *model;
	memset(model, 0, sizeof(*model));
	size_t items = out->model.items;
	out->title_ids = xmalloc((items ? items : 1) * sizeof(*out->title_ids));
	memcpy(out->title_ids, title_ids, items * sizeof(*title_ids));
	out->trained_at = trained_at;
	out->profiles = profiles;
	make_factors32(out);
	const struct reco_model *m = &out->model;
	if (m->kind == RECO_BLEND)
		m = &m->parts[0];
	if (m->kind == RECO_POPULARITY || items < 2)
		return;
	out->neighbours = items - 1 < BUNDLE_NEIGHBOURS ? items - 1 : BUNDLE_NEIGHBOURS;
	out->nb_item = xcalloc(items * out->neighbours, sizeof(*out->nb_item));
	out->nb_score = xcalloc(items * out->neighbours, sizeof(*out->nb_score));
	if (m->kind == RECO_IALS)
		factor_neighbours(m, out);
	else
		weight_neighbours(m, out);
}

void bundle_release(struct reco_bundle *b)
{
	reco_model_release(&b->model);
	free(b->title_ids);
	free(b->nb_item);
	free(b->nb_score);
	free(b->factors32);
	memset(b, 0, sizeof(*b));
}

long bundle_item(const struct reco_bundle *b, int64_t title_id)
{
	return reco_index_of(b->title_ids, b->model.items, title_id);
}

/* ---- the file ---- */

/* The number of weights, Gram entries and dense entries a model of its kind and size has. */
static void model_sizes(const struct reco_model *m, size_t *weights, size_t *gram, size_t *dense)
{
	size_t items = m->items, d = (size_t)m->params.factors, w = reco_ials_dims(&m->params);
	*weights = *gram = *dense = 0;
	if (m->kind == RECO_POPULARITY)
		*weights = items;
	else if (m->kind == RECO_IALS)
		*weights = items * w, *gram = (size_t)m->params.seeds * d * d;
	else if (m->kind == RECO_EASE)
		*dense = items * items;
}

static void put_u64(struct buf *out, uint64_t v)
{
	buf_add(out, &v, sizeof(v));
}

/* item-kNN's S: row starts (u64, items + 1), then each entry's item (u32) and similarity (float).
 */
static void put_similar(struct buf *out, const struct csr *sim, size_t items)
{
	for (size_t i = 0; i <= items; i++)
		put_u64(out, sim->ptr[i]);
	buf_add(out, sim->idx, sim->ptr[items] * sizeof(*sim->idx));
	buf_add(out, sim->val, sim->ptr[items] * sizeof(*sim->val));
}

static void put_model(struct buf *out, const struct reco_model *m)
{
	size_t weights, gram, dense;
	model_sizes(m, &weights, &gram, &dense);
	put_u64(out, (uint64_t)m->kind);
	buf_add(out, &m->params, BUNDLE_PARAMS_BYTES);
	put_u64(out, m->items);
	if (weights)
		buf_add(out, m->weights, weights * sizeof(double));
	if (gram)
		buf_add(out, m->gram, gram * sizeof(double));
	if (dense)
		buf_add(out, m->dense, dense * sizeof(float));
	if (m->kind == RECO_ITEMKNN)
		put_similar(out, &m->similar, m->items);
	if (m->kind == RECO_BLEND) {
		put_model(out, &m->parts[0]);
		put_model(out, &m->parts[1]);
	}
}

/* A read position in a file's bytes; any overrun sets bad. */
struct cursor {
	const unsigned char *p, *end;
	bool bad;
};

static const void *take(struct cursor *c, size_t len)
{
	if (c->bad || (size_t)(c->end - c->p) < len) {
		c->bad = true;
		return NULL;
	}
	const void *at = c->p;
	c->p += len;
	return at;
}

static uint64_t get_u64(struct cursor *c)
{
	uint64_t v = 0;
	const void *at = take(c, sizeof(v));
	if (at)
		memcpy(&v, at, sizeof(v));
	return v;
}

/* A copy of the next count elements of size bytes, or NULL (bad set) if the file is short. */
static void *get_array(struct cursor *c, size_t count, size_t size)
{
	if (count > (size_t)(c->end - c->p) / (size ? size : 1)) {
		c->bad = true;
		return NULL;
	}
	const void *at = take(c, count * size);
	if (!at)
		return NULL;
	void *copy = xmalloc(count * size + 1);
	memcpy(copy, at, count * size);
	return copy;
}

/* item-kNN's S as put_similar() wrote it: rows that start in order, items in range, ascending. */
static bool get_similar(struct cursor *c, struct csr *sim, size_t items)
{
	sim->rows = sim->cols = items;
	sim->ptr = xmalloc((items + 1) * sizeof(*sim->ptr));
	for (size_t i = 0; i <= items; i++) {
		uint64_t at = get_u64(c);
		if (c->bad || at > items * items || (i == 0 && at != 0) ||
		    (i > 0 && at < sim->ptr[i - 1]))
			return false;
		sim->ptr[i] = (size_t)at;
	}
	sim->idx = get_array(c, sim->ptr[items], sizeof(*sim->idx));
	sim->val = get_array(c, sim->ptr[items], sizeof(*sim->val));
	if (c->bad)
		return false;
	for (size_t i = 0; i < items; i++)
		for (size_t at = sim->ptr[i]; at < sim->ptr[i + 1]; at++)
			if (sim->idx[at] >= items ||
			    (at > sim->ptr[i] && sim->idx[at] <= sim->idx[at - 1]))
				return false;
	return true;
}

static bool get_model(struct cursor *c, struct reco_model *m, int depth)
{
	memset(m, 0, sizeof(*m));
	uint64_t kind = get_u64(c);
	const void *params = take(c, BUNDLE_PARAMS_BYTES);
	m->items = get_u64(c);
	if (c->bad || kind > RECO_BLEND || (kind == RECO_BLEND && depth > 0))
		return false;
	m->kind = (enum reco_kind)kind;
	memcpy(&m->params, params, BUNDLE_PARAMS_BYTES); /* spread stays 0 */
	if (!reco_params_valid(&m->params))
		return false;
	if (m->items > (size_t)1 << 31)
		return false;
	size_t weights, gram, dense;
	model_sizes(m, &weights, &gram, &dense);
	m->weights = weights ? get_array(c, weights, sizeof(double)) : NULL;
	m->gram = gram ? get_array(c, gram, sizeof(double)) : NULL;
	m->dense = dense ? get_array(c, dense, sizeof(float)) : NULL;
	if (c->bad || (m->kind == RECO_ITEMKNN && !get_similar(c, &m->similar, m->items)))
		return false;
	if (m->kind == RECO_BLEND) {
		m->parts = xcalloc(2, sizeof(*m->parts));
		if (!get_model(c, &m->parts[0], 1) || !get_model(c, &m->parts[1], 1) ||
		    m->parts[0].kind != RECO_IALS || m->parts[1].kind != RECO_EASE ||
		    m->parts[0].items != m->items || m->parts[1].items != m->items)
			return false;
	}
	return true;
}

static void put_bundle(struct buf *out, const struct reco_bundle *b)
{
	buf_add(out, MAGIC, 8);
	uint32_t format = BUNDLE_FORMAT_VERSION;
	buf_add(out, &format, sizeof(format));
	put_u64(out, b->version);
	put_u64(out, (uint64_t)b->trained_at);
	put_u64(out, b->profiles);
	put_model(out, &b->model);
	buf_add(out, b->title_ids, b->model.items * sizeof(*b->title_ids));
	put_u64(out, b->neighbours);
	if (b->neighbours) {
		buf_add(out, b->nb_item, b->model.items * b->neighbours * sizeof(*b->nb_item));
		buf_add(out, b->nb_score, b->model.items * b->neighbours * sizeof(*b->nb_score));
	}
}

enum bg_err bundle_newest(const char *dir, uint64_t *version, char *path, size_t path_len)
{
	*version = 0;
	DIR *d = opendir(dir);
	if (!d)
		return BG_NOT_FOUND;
	struct dirent *e;
	while ((e = readdir(d))) {
		unsigned long long v;
		char tail[8];
		if (sscanf(e->d_name, "model-%llu.%7s", &v, tail) == 2 &&
		    strcmp(tail, "bin") == 0 && v > *version)
			*version = v;
	}
	closedir(d);
	if (!*version)
		return BG_NOT_FOUND;
	snprintf(path, path_len, "%s/model-%06" PRIu64 ".bin", dir, *version);
	return BG_OK;
}

enum bg_err bundle_save(struct reco_bundle *b, const char *dir, char *path, size_t path_len,
                        char *msg, size_t msg_len)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		snprintf(msg, msg_len, "cannot create '%s': %s", dir, strerror(errno));
		return BG_IO;
	}
	uint64_t newest;
	if (bundle_newest(dir, &newest, path, path_len))
		newest = 0;
	b->version = newest + 1;
	snprintf(path, path_len, "%s/model-%06" PRIu64 ".bin", dir, b->version);
	if (sodium_init() < 0) {
		snprintf(msg, msg_len, "cannot initialise libsodium");
		return BG_IO;
	}
	struct buf out = BUF_INIT(FILE_MAX);
	put_bundle(&out, b);
	unsigned char sum[CHECKSUM_LEN];
	crypto_generichash(sum, sizeof(sum), (const unsigned char *)out.ptr, out.len, NULL, 0);
	buf_add(&out, sum, sizeof(sum));
	enum bg_err rc = buf_error(&out);
	if (rc)
		snprintf(msg, msg_len, "the model is larger than %zu bytes", FILE_MAX);
	else if ((rc = file_write_atomic(path, out.ptr, out.len)))
		snprintf(msg, msg_len, "cannot write '%s': %s", path, strerror(errno));
	buf_release(&out);
	return rc;
}

/* Parses a file's bytes (checksum already verified) into out. */
static bool parse_bundle(struct cursor *c, struct reco_bundle *out)
{
	take(c, 8 + sizeof(uint32_t));
	out->version = get_u64(c);
	out->trained_at = (int64_t)get_u64(c);
	out->profiles = get_u64(c);
	if (!get_model(c, &out->model, 0))
		return false;
	size_t items = out->model.items;
	out->title_ids = get_array(c, items, sizeof(*out->title_ids));
	out->neighbours = get_u64(c);
	if (c->bad || out->neighbours > BUNDLE_NEIGHBOURS || (items && out->neighbours >= items))
		return false;
	if (out->neighbours) {
		out->nb_item = get_array(c, items * out->neighbours, sizeof(*out->nb_item));
		out->nb_score = get_array(c, items * out->neighbours, sizeof(*out->nb_score));
	}
	if (c->bad || c->p != c->end)
		return false;
	make_factors32(out);
	for (size_t i = 0; i < items * out->neighbours; i++)
		if (out->nb_item[i] >= items)
			return false;
	for (size_t i = 1; i < items; i++)
		if (out->title_ids[i] <= out->title_ids[i - 1])
			return false;
	return true;
}

enum bg_err bundle_parse(const void *data, size_t len, const char *name, struct reco_bundle *out,
                         char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0) {
		snprintf(msg, msg_len, "cannot initialise libsodium");
		return BG_IO;
	}
	const unsigned char *bytes = data;
	uint32_t format = 0;
	if (len < 8 + sizeof(format) + CHECKSUM_LEN || memcmp(bytes, MAGIC, 8) != 0) {
		snprintf(msg, msg_len, "'%s' is not a binge model file", name);
		return BG_INVALID;
	}
	memcpy(&format, bytes + 8, sizeof(format));
	unsigned char sum[CHECKSUM_LEN];
	crypto_generichash(sum, sizeof(sum), bytes, len - CHECKSUM_LEN, NULL, 0);
	if (sodium_memcmp(sum, bytes + len - CHECKSUM_LEN, CHECKSUM_LEN) != 0) {
		snprintf(msg, msg_len, "model file '%s' is corrupt: its checksum does not match",
		         name);
		return BG_INVALID;
	}
	if (format != BUNDLE_FORMAT_VERSION) {
		snprintf(msg, msg_len,
		         "model file '%s' has format version %" PRIu32
		         "; this binge reads %d (train again with 'binge train')",
		         name, format, BUNDLE_FORMAT_VERSION);
		return BG_INVALID;
	}
	struct cursor c = {bytes, bytes + len - CHECKSUM_LEN, false};
	if (!parse_bundle(&c, out)) {
		snprintf(msg, msg_len, "model file '%s' is malformed", name);
		bundle_release(out);
		return BG_INVALID;
	}
	return BG_OK;
}

enum bg_err bundle_load(const char *path, struct reco_bundle *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, FILE_MAX, &data, &len);
	if (rc) {
		snprintf(msg, msg_len, "cannot read model file '%s': %s", path,
		         rc == BG_TOO_LARGE ? "larger than 8 GiB" : strerror(errno));
		return rc;
	}
	rc = bundle_parse(data, len, path, out, msg, msg_len);
	free(data);
	return rc;
}
