/* timeline.c - story order by topological sort, contradictions by SCC; see timeline.h. */
#include "reception/timeline.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

/* Release order: dated first, by date, then by name. */
static int by_release(const struct timeline_entry *a, const struct timeline_entry *b)
{
	if (!a->released[0] != !b->released[0])
		return a->released[0] ? -1 : 1;
	int c = strcmp(a->released, b->released);
	return c ? c : strcmp(a->name, b->name);
}

static const struct timeline_entry *sort_entries;

static int cmp_index(const void *x, const void *y)
{
	return by_release(&sort_entries[*(const size_t *)x], &sort_entries[*(const size_t *)y]);
}

/* Tarjan's strongly connected components, iteratively-free recursion bounded by n. */
struct tarjan {
	const struct timeline_edge *edges;
	size_t m, counter, top;
	size_t *index, *low, *stack, *comp;
	bool *on_stack;
	size_t comps;
	const size_t *adj_start, *adj;
};

static void strong(struct tarjan *t, size_t v)
{
	t->index[v] = t->low[v] = ++t->counter;
	t->stack[t->top++] = v;
	t->on_stack[v] = true;
	for (size_t k = t->adj_start[v]; k < t->adj_start[v + 1]; k++) {
		size_t w = t->edges[t->adj[k]].second;
		if (!t->index[w]) {
			strong(t, w);
			if (t->low[w] < t->low[v])
				t->low[v] = t->low[w];
		} else if (t->on_stack[w] && t->index[w] < t->low[v]) {
			t->low[v] = t->index[w];
		}
	}
	if (t->low[v] == t->index[v]) {
		size_t w;
		do {
			w = t->stack[--t->top];
			t->on_stack[w] = false;
			t->comp[w] = t->comps;
		} while (w != v);
		t->comps++;
	}
}

/* Records the contradicting groups; returns each entry's group (the caller frees it). */
static size_t *find_conflicts(size_t n, const struct timeline_edge *edges, size_t m,
                              const size_t *adj_start, const size_t *adj, struct timeline *out)
{
	struct tarjan t = {.edges = edges, .m = m, .adj_start = adj_start, .adj = adj};
	t.index = xcalloc(n + 1, sizeof(size_t));
	t.low = xcalloc(n + 1, sizeof(size_t));
	t.stack = xcalloc(n + 1, sizeof(size_t));
	t.comp = xcalloc(n + 1, sizeof(size_t));
	t.on_stack = xcalloc(n + 1, sizeof(bool));
	for (size_t v = 0; v < n; v++)
		if (!t.index[v])
			strong(&t, v);
	size_t *size = xcalloc(t.comps + 1, sizeof(size_t)), conflicts_cap = 0;
	for (size_t v = 0; v < n; v++)
		size[t.comp[v]]++;
	for (size_t c = 0; c < t.comps; c++) {
		bool self_loop = false;
		for (size_t e = 0; e < m; e++)
			self_loop |=
			        edges[e].first == edges[e].second && t.comp[edges[e].first] == c;
		if (size[c] < 2 && !self_loop)
			continue;
		out->conflicts = xgrow(out->conflicts, sizeof(*out->conflicts),
		                       out->n_conflicts + 1, &conflicts_cap);
		struct timeline_conflict *k = &out->conflicts[out->n_conflicts++];
		memset(k, 0, sizeof(*k));
		k->entries = xmalloc(size[c] * sizeof(size_t));
		for (size_t v = 0; v < n; v++)
			if (t.comp[v] == c)
				k->entries[k->n_entries++] = v;
		k->sources = xmalloc((m + 1) * sizeof(size_t));
		for (size_t e = 0; e < m; e++)
			if (t.comp[edges[e].first] == c && t.comp[edges[e].second] == c) {
				bool seen = false;
				for (size_t s = 0; s < k->n_sources; s++)
					seen |= k->sources[s] == edges[e].source;
				if (!seen)
					k->sources[k->n_sources++] = edges[e].source;
			}
	}
	free(size);
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.on_stack);
	return t.comp;
}

void timeline_order(const struct timeline_entry *entries, size_t n,
                    const struct timeline_edge *edges, size_t m, struct timeline *out)
{
	memset(out, 0, sizeof(*out));
	out->story = xmalloc((n + 1) * sizeof(size_t));
	out->release = xmalloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		out->release[i] = i;
	sort_entries = entries;
	qsort(out->release, n, sizeof(size_t), cmp_index);
	/* rank in release order: the tie-break of the story order */
	size_t *rank = xmalloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		rank[out->release[i]] = i;
	/* adjacency by first entry */
	size_t *adj_start = xcalloc(n + 2, sizeof(size_t)),
	       *adj = xmalloc((m + 1) * sizeof(size_t));
	size_t *indegree = xcalloc(n + 1, sizeof(size_t));
	for (size_t e = 0; e < m; e++)
		adj_start[edges[e].first + 1]++;
	for (size_t v = 0; v < n; v++)
		adj_start[v + 1] += adj_start[v];
	size_t *fill = xmalloc((n + 1) * sizeof(size_t));
	memcpy(fill, adj_start, (n + 1) * sizeof(size_t));
	for (size_t e = 0; e < m; e++)
		adj[fill[edges[e].first]++] = e;
	free(fill);
	/* edges inside a contradicting group are set aside: its entries go by release */
	size_t *group = find_conflicts(n, edges, m, adj_start, adj, out);
	for (size_t e = 0; e < m; e++)
		if (group[edges[e].first] != group[edges[e].second])
			indegree[edges[e].second]++;
	/* Kahn: of the ready entries, the earliest released */
	bool *done = xcalloc(n + 1, sizeof(bool));
	for (size_t placed = 0; placed < n; placed++) {
		size_t best = n;
		for (size_t v = 0; v < n; v++)
			if (!done[v] && !indegree[v] && (best == n || rank[v] < rank[best]))
				best = v;
		for (size_t v = 0; best == n && v < n;
		     v++) /* cannot happen: the groups form a DAG */
			if (!done[v])
				best = v;
		done[best] = true;
		out->story[placed] = best;
		for (size_t k = adj_start[best]; k < adj_start[best + 1]; k++) {
			size_t w = edges[adj[k]].second;
			if (group[w] != group[best])
				indegree[w]--;
		}
	}
	free(group);
	free(done);
	free(indegree);
	free(adj_start);
	free(adj);
	free(rank);
}

void timeline_release(struct timeline *t)
{
	for (size_t i = 0; i < t->n_conflicts; i++) {
		free(t->conflicts[i].entries);
		free(t->conflicts[i].sources);
	}
	free(t->conflicts);
	free(t->story);
	free(t->release);
	memset(t, 0, sizeof(*t));
}
