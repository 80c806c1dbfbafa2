/* interactions.c - positives from files, and CSR matrices; see interactions.h. */
#include "reco/interactions.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
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

#define MAX_FIELDS 8

bool interactions_positive_parse(const char *text, struct interactions_rules *r)
{
	if (strcmp(text, "all") == 0) {
		r->all = true;
		return true;
	}
	if (text[0] != '>')
		return false;
	bool above = text[1] != '=';
	const char *digits = text + (above ? 1 : 2);
	char *end;
	errno = 0;
	double v = strtod(digits, &end);
	if (end == digits || *end || errno || !isfinite(v))
		return false;
	r->min_rating = v, r->above = above, r->all = false;
	return true;
}

/* How a file's lines are laid out, found from its first line. */
struct layout {
	char sep;                 /* ',', '\t', ':' for "::", or ' ' for runs of spaces and tabs */
	bool header;              /* line 1 names the columns */
	int rating, weight, time; /* their columns, or -1 */
};

/* Splits line in place into at most MAX_FIELDS fields on sep; returns how many. */
static int split_fields(char *line, char sep, char **out)
{
	char *p = sep == ' ' ? line + strspn(line, " \t") : line;
	int n = 0;
	out[n++] = p;
	for (;;) {
		char *end;
		size_t gap = 1;
		if (sep == ' ') {
			end = p + strcspn(p, " \t");
			gap = strspn(end, " \t");
			if (!end[gap]) {
				*end = '\0';
				return n;
			}
		} else if (sep == ':') {
			end = strstr(p, "::");
			gap = 2;
		} else {
			end = strchr(p, sep);
		}
		if (!end || n == MAX_FIELDS)
			return n;
		*end = '\0';
		p = end + gap;
		out[n++] = p;
	}
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

/* A number filling the field (spaces around it allowed). */
static bool number(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v))
		return false;
	while (*end == ' ' || *end == '\r')
		end++;
	*out = v;
	return *end == '\0';
}

enum role { ROLE_OTHER, ROLE_RATING, ROLE_WEIGHT, ROLE_TIME };

/* What a header's column name says it holds, by the names the public datasets use. */
static enum role role_of(const char *name)
{
	static const struct {
		const char *name;
		enum role role;
	} names[] = {{"rating", ROLE_RATING},     {"ratings", ROLE_RATING},
	             {"score", ROLE_RATING},      {"stars", ROLE_RATING},
	             {"preference", ROLE_RATING}, {"weight", ROLE_WEIGHT},
	             {"count", ROLE_WEIGHT},      {"plays", ROLE_WEIGHT},
	             {"playcount", ROLE_WEIGHT},  {"play_count", ROLE_WEIGHT},
	             {"listens", ROLE_WEIGHT},    {"clicks", ROLE_WEIGHT},
	             {"frequency", ROLE_WEIGHT},  {"timestamp", ROLE_TIME},
	             {"time", ROLE_TIME},         {"date", ROLE_TIME},
	             {"datetime", ROLE_TIME},     {"ts", ROLE_TIME}};
	char low[32];
	size_t n = 0;
	for (const char *p = name; *p && n + 1 < sizeof(low); p++)
		if (*p != '"' && *p != '\'' && *p != ' ' && *p != '\r')
			low[n++] = (char)tolower((unsigned char)*p);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(low, names[i].name) == 0)
			return names[i].role;
	return ROLE_OTHER;
}

static const char *sep_name(char sep)
{
	return sep == ',' ? "commas" : sep == '\t' ? "tabs" : sep == ':' ? "'::'" : "spaces";
}

/*
 * The layout from the file's first line (cut in place): its separator,
 * unless the format fixes one; a header; and which columns hold the
 * rating, the weight and the time. false with msg when it has one column.
 */
static bool find_layout(char *line, const struct interactions_rules *rules, struct layout *out,
                        char *msg, size_t msg_len)
{
	*out = (struct layout){.sep = rules->format == INTERACTIONS_MOVIELENS ? '\t' : ',',
	                       .rating = -1,
	                       .weight = -1,
	                       .time = -1};
	if (rules->format == INTERACTIONS_AUTO) {
		if (strstr(line, "::"))
			out->sep = ':';
		else if (strchr(line, '\t'))
			out->sep = '\t';
		else if (strchr(line, ','))
			out->sep = ',';
		else if (strchr(line, ' '))
			out->sep = ' ';
	}
	char *f[MAX_FIELDS];
	int nf = split_fields(line, out->sep, f);
	if (nf < 2) {
		snprintf(msg, msg_len,
		         "line 1: one column; expected a user and an item separated by %s",
		         rules->format == INTERACTIONS_AUTO ? "a comma, a tab, '::' or spaces"
		                                            : sep_name(out->sep));
		return false;
	}
	int64_t id;
	out->header = !whole(f[0], &id);
	for (int c = 2; c < nf; c++) {
		enum role role = out->header ? role_of(f[c]) : ROLE_OTHER;
		if (role == ROLE_OTHER) /* by position: user, item, rating, time */
			role = c == 2 ? ROLE_RATING : c == 3 ? ROLE_TIME : ROLE_OTHER;
		int *col = role == ROLE_RATING   ? &out->rating
		           : role == ROLE_WEIGHT ? &out->weight
		           : role == ROLE_TIME   ? &out->time
		                                 : NULL;
		if (col && *col < 0)
			*col = c;
	}
	if (rules->weight && out->weight < 0) /* --weight: the rating column is a weight */
		out->weight = out->rating;
	if (rules->weight)
		out->rating = -1;
	return true;
}

/* A line's positive, if it is one: false with msg when malformed; *skip when not a positive. */
static bool parse_line(char *line, size_t line_no, const struct layout *l,
                       const struct interactions_rules *rules, int64_t *u, int64_t *i, int64_t *t,
                       float *conf, bool *skip, char *msg, size_t msg_len)
{
	char *f[MAX_FIELDS];
	int nf = split_fields(line, l->sep, f);
	*skip = false;
	*conf = 1.0f;
	if (nf < 2) {
		snprintf(msg, msg_len, "line %zu: expected a user and an item separated by %s",
		         line_no, sep_name(l->sep));
		return false;
	}
	if (!whole(f[0], u) || !whole(f[1], i)) {
		snprintf(msg, msg_len, "line %zu: user and item must be whole numbers, not '%.20s'",
		         line_no, whole(f[0], u) ? f[1] : f[0]);
		return false;
	}
	if (l->time < 0 || l->time >= nf || !whole(f[l->time], t))
		*t = 0;
	int col = rules->weight ? l->weight : l->rating;
	const char *what = rules->weight ? "weight" : "rating";
	if (col < 0)
		return true;
	double v;
	if (col >= nf) {
		snprintf(msg, msg_len, "line %zu: no %s (column %d)", line_no, what, col + 1);
		return false;
	}
	if (!number(f[col], &v)) {
		snprintf(msg, msg_len, "line %zu: %s '%.20s' is not a number", line_no, what,
		         f[col]);
		return false;
	}
	if (rules->weight) {
		if (v < 0) {
			snprintf(msg, msg_len, "line %zu: weight %g is below 0", line_no, v);
			return false;
		}
		*skip = v == 0;
		*conf = (float)(1.0 + log2(1.0 + v));
	} else {
		*skip = !rules->all &&
		        !(rules->above ? v > rules->min_rating : v >= rules->min_rating);
	}
	return true;
}

/* Cuts the next line off at *at (NUL at its end, a trailing CR dropped); NULL at the end. */
static char *next_line(char **at)
{
	char *line = *at;
	if (!line || !*line)
		return NULL;
	char *nl = strchr(line, '\n');
	*at = nl ? nl + 1 : NULL;
	if (nl)
		*nl = '\0';
	size_t len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[len - 1] = '\0';
	return line;
}

enum bg_err interactions_parse(const char *text, size_t len, const struct interactions_rules *rules,
                               struct interactions *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char *data = xstrndup(text, len); /* fields are cut in place */
	struct pairmap users = PAIRMAP_INIT, items = PAIRMAP_INIT;
	size_t cap_user = 0, cap_item = 0, cap_time = 0, cap_conf = 0, ucap = 0, icap = 0,
	       line_no = 0;
	struct layout layout;
	enum bg_err rc = BG_OK;
	char *at = data, *line;
	bool found = false;
	while (!rc && (line = next_line(&at))) {
		line_no++;
		if (!*line)
			continue;
		if (!found) { /* the first line, on a copy: it is parsed again unless a header */
			char *first = xstrdup(line);
			bool ok = find_layout(first, rules, &layout, msg, msg_len);
			free(first);
			if (!ok) {
				rc = BG_INVALID;
				break;
			}
			found = true;
			if (layout.header)
				continue;
		}
		int64_t u, i, t;
		float conf;
		bool skip;
		if (!parse_line(line, line_no, &layout, rules, &u, &i, &t, &conf, &skip, msg,
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
		if (rules->weight) {
			out->confidence = xgrow(out->confidence, sizeof(*out->confidence),
			                        out->n + 1, &cap_conf);
			out->confidence[out->n] = conf;
		}
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

enum bg_err interactions_load(const char *path, const struct interactions_rules *rules,
                              struct interactions *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char *data;
	size_t len;
	if (file_read_all(path, INTERACTIONS_FILE_MAX, &data, &len)) {
		snprintf(msg, msg_len, "cannot read '%s': %s", path, strerror(errno));
		return BG_IO;
	}
	enum bg_err rc = interactions_parse(data, len, rules, out, msg, msg_len);
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
	free(in->confidence);
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

void csr_copy_values(struct csr *m, const struct csr *from)
{
	if (!from->val)
		return;
	free(m->val);
	m->val = xmalloc((m->ptr[m->rows] + 1) * sizeof(*m->val));
	for (size_t r = 0; r < m->rows; r++) {
		const uint32_t *cols = from->idx + from->ptr[r];
		size_t n = from->ptr[r + 1] - from->ptr[r], at = 0;
		for (size_t k = m->ptr[r]; k < m->ptr[r + 1]; k++) { /* both rows ascend */
			while (at < n && cols[at] < m->idx[k])
				at++;
			m->val[k] = at < n && cols[at] == m->idx[k] ? from->val[from->ptr[r] + at]
			                                            : 1.0f;
		}
	}
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
