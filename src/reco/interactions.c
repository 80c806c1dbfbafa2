/* interactions.c - positives from files, and CSR matrices; see interactions.h. */
#include "reco/interactions.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/pairmap.h"
#include "core/banned.h"

#define INTERACTIONS_FILE_MAX ((size_t)1 << 30)

/* Dense index of raw id (map keyed (id, 0)), adding it to ids when new. */
static uint32_t dense(struct pairmap *map, int64_t id, int64_t **ids, size_t *count, size_t *cap)
{
	bool added;
	size_t i = pairmap_intern(map, id, 0, *count, &added);
	if (added) {
		*ids = xgrow(*ids, sizeof(**ids), *count + 1, cap);
		(*ids)[(*count)++] = id;
	}
	return (uint32_t)i;
}

/* Splits a line into at most 4 fields on sep; returns how many. */
static int fields(char *line, char sep, char **out)
{
	int n = 0;
	for (char *p = line; n < 4;) {
		out[n++] = p;
		char *next = strchr(p, sep);
		if (!next)
			break;
		*next = '\0';
		p = next + 1;
	}
	return n;
}

static bool whole(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || errno)
		return false;
	while (*end == ' ' || *end == '\r')
		end++;
	*out = v;
	return *end == '\0';
}

/* One line's fields: false with msg set when malformed; *skip for a non-positive or header. */
static bool parse_line(char *line, size_t line_no, enum interactions_format format,
                       double min_rating, int64_t *u, int64_t *i, int64_t *t, bool *skip, char *msg,
                       size_t msg_len)
{
	char sep = format == INTERACTIONS_MOVIELENS ? '\t' : ',';
	char *f[4] = {NULL, NULL, NULL, NULL}; /* only the first nf are set */
	int nf = fields(line, sep, f);
	*skip = false;
	if (nf < 4 || !whole(f[3], t))
		*t = 0;
	if (nf < 2 || !whole(f[0], u) || !whole(f[1], i)) {
		if (line_no == 1 && format == INTERACTIONS_CSV) {
			*skip = true; /* a header */
			return true;
		}
		snprintf(msg, msg_len, "line %zu: expected user%citem%c... as whole numbers",
		         line_no, sep, sep);
		return false;
	}
	if (nf >= 3) {
		char *end;
		double rating = strtod(f[2], &end);
		if (end == f[2]) {
			snprintf(msg, msg_len, "line %zu: rating '%.20s' is not a number", line_no,
			         f[2]);
			return false;
		}
		*skip = !(rating >= min_rating);
	}
	return true;
}

enum bg_err interactions_parse(const char *text, size_t len, enum interactions_format format,
                               double min_rating, struct interactions *out, char *msg,
                               size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char *data = xstrndup(text, len); /* fields are cut in place */
	struct pairmap users = PAIRMAP_INIT, items = PAIRMAP_INIT;
	size_t cap_user = 0, cap_item = 0, cap_time = 0, ucap = 0, icap = 0, line_no = 0;
	enum bg_err rc = BG_OK;
	for (char *line = data, *nl; line && *line && !rc; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		line_no++;
		if (!*line || (*line == '\r' && !line[1]))
			continue;
		int64_t u, i, t;
		bool skip;
		if (!parse_line(line, line_no, format, min_rating, &u, &i, &t, &skip, msg,
		                msg_len)) {
			rc = BG_INVALID;
			break;
		}
		if (skip)
			continue;
		out->user = xgrow(out->user, sizeof(*out->user), out->n + 1, &cap_user);
		out->item = xgrow(out->item, sizeof(*out->item), out->n + 1, &cap_item);
		out->user[out->n] = dense(&users, u, &out->user_id, &out->users, &ucap);
		out->item[out->n] = dense(&items, i, &out->item_id, &out->items, &icap);
		out->time = xgrow(out->time, sizeof(*out->time), out->n + 1, &cap_time);
		out->time[out->n] = t;
		out->n++;
	}
	pairmap_release(&users);
	pairmap_release(&items);
	free(data);
	if (!rc && !out->n) {
		snprintf(msg, msg_len, "no positive interactions");
		rc = BG_INVALID;
	}
	if (rc)
		interactions_release(out);
	return rc;
}

enum bg_err interactions_load(const char *path, enum interactions_format format, double min_rating,
                              struct interactions *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char *data;
	size_t len;
	if (file_read_all(path, INTERACTIONS_FILE_MAX, &data, &len)) {
		snprintf(msg, msg_len, "cannot read '%s': %s", path, strerror(errno));
		return BG_IO;
	}
	enum bg_err rc = interactions_parse(data, len, format, min_rating, out, msg, msg_len);
	free(data);
	return rc;
}

void interactions_release(struct interactions *in)
{
	free(in->user);
	free(in->item);
	free(in->user_id);
	free(in->item_id);
	free(in->time);
	memset(in, 0, sizeof(*in));
}

/* A (column, value) entry while a row is sorted. */
struct entry {
	uint32_t col;
	float val;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return (x->col > y->col) - (x->col < y->col);
}

void csr_from_triples(size_t rows, size_t cols, const uint32_t *row, const uint32_t *col,
                      const float *val, size_t n, struct csr *out)
{
	out->rows = rows;
	out->cols = cols;
	out->ptr = xcalloc(rows + 1, sizeof(*out->ptr));
	out->idx = xmalloc((n ? n : 1) * sizeof(*out->idx));
	out->val = val ? xmalloc((n ? n : 1) * sizeof(*out->val)) : NULL;
	for (size_t k = 0; k < n; k++)
		out->ptr[row[k] + 1]++;
	for (size_t r = 0; r < rows; r++)
		out->ptr[r + 1] += out->ptr[r];
	struct entry *e = xmalloc((n ? n : 1) * sizeof(*e));
	size_t *fill = xmalloc((rows ? rows : 1) * sizeof(*fill));
	memcpy(fill, out->ptr, rows * sizeof(*fill));
	for (size_t k = 0; k < n; k++)
		e[fill[row[k]]++] = (struct entry){col[k], val ? val[k] : 1.0f};
	free(fill);
	/* sort each row and drop repeats (keeping the largest value), compacting */
	size_t w = 0;
	for (size_t r = 0; r < rows; r++) {
		size_t a = out->ptr[r], b = out->ptr[r + 1];
		qsort(e + a, b - a, sizeof(*e), cmp_entry);
		out->ptr[r] = w;
		for (size_t k = a; k < b; k++) {
			if (k > a && e[k].col == e[k - 1].col) {
				if (out->val && e[k].val > out->val[w - 1])
					out->val[w - 1] = e[k].val;
				continue;
			}
			out->idx[w] = e[k].col;
			if (out->val)
				out->val[w] = e[k].val;
			w++;
		}
	}
	out->ptr[rows] = w;
	free(e);
}

void csr_from_pairs(size_t rows, size_t cols, const uint32_t *row, const uint32_t *col, size_t n,
                    struct csr *out)
{
	csr_from_triples(rows, cols, row, col, NULL, n, out);
}

void csr_transpose(const struct csr *m, struct csr *out)
{
	size_t nnz = m->ptr[m->rows];
	uint32_t *rows = xmalloc((nnz ? nnz : 1) * sizeof(*rows));
	for (size_t r = 0; r < m->rows; r++)
		for (size_t k = m->ptr[r]; k < m->ptr[r + 1]; k++)
			rows[k] = (uint32_t)r;
	csr_from_triples(m->cols, m->rows, m->idx, rows, m->val, nnz, out);
	free(rows);
}

void csr_release(struct csr *m)
{
	free(m->ptr);
	free(m->idx);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

bool sorted_has(const uint32_t *set, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && set[lo] == x;
}

bool csr_has(const struct csr *m, size_t row, uint32_t col)
{
	return row < m->rows &&
	       sorted_has(m->idx + m->ptr[row], m->ptr[row + 1] - m->ptr[row], col);
}
