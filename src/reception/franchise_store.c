/* franchise_store.c - franchises, entries and constraints; see franchise_store.h. */
#include "reception/franchise_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static bool has_entry(const struct franchise *f, const char *name)
{
	for (size_t i = 0; i < f->n_entries; i++)
		if (strcmp(f->entries[i].e.name, name) == 0)
			return true;
	return false;
}

/* Checks names and resolves titles; BG_INVALID with msg. */
static enum bg_err check(struct store *st, struct franchise *f, char *msg, size_t msg_len)
{
	for (size_t i = 0; i < f->n_entries; i++) {
		struct franchise_entry *e = &f->entries[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(f->entries[j].e.name, e->e.name) == 0) {
				snprintf(msg, msg_len, "entries[%zu]: '%.100s' is listed twice", i,
				         e->e.name);
				return BG_INVALID;
			}
		e->title_id = 0;
		if (!e->title[0])
			continue;
		enum bg_err rc = catalog_store_resolve(st, e->title, &e->title_id);
		if (rc == BG_NOT_FOUND || rc == BG_CONFLICT) {
			snprintf(msg, msg_len, "entries[%zu].title: %s", i, store_errmsg(st));
			return BG_INVALID;
		}
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < f->n_constraints; i++) {
		const struct franchise_constraint *c = &f->constraints[i];
		const char *names[] = {c->entry, c->after, c->before};
		for (int k = 0; k < 3; k++)
			if ((k == 0 || names[k][0]) && !has_entry(f, names[k])) {
				snprintf(msg, msg_len, "constraints[%zu]: no entry '%.100s'", i,
				         names[k]);
				return BG_INVALID;
			}
		if (!c->after[0] && !c->before[0]) {
			snprintf(msg, msg_len, "constraints[%zu]: give after, before or both", i);
			return BG_INVALID;
		}
	}
	return BG_OK;
}

static enum bg_err put(struct store *st, const struct franchise *f)
{
	int64_t id = 0;
	enum bg_err rc = store_run(st, NULL, "DELETE FROM franchise WHERE name = ?", "t", f->name);
	if (!rc)
		rc = store_run(st, &id, "INSERT INTO franchise (name) VALUES (?) RETURNING id", "t",
		               f->name);
	for (size_t i = 0; i < f->n_entries && !rc; i++) {
		const struct franchise_entry *e = &f->entries[i];
		struct store_stmt *stmt;
		rc = store_prepare(st,
		                   "INSERT INTO franchise_entry (franchise_id, ord, name, title_id,"
		                   " season, released) VALUES (?, ?, ?, ?, ?, ?)",
		                   &stmt);
		if (rc)
			break;
		store_bind_int(stmt, 1, id);
		store_bind_int(stmt, 2, (int64_t)i);
		store_bind_text(stmt, 3, e->e.name);
		if (e->title_id)
			store_bind_int(stmt, 4, e->title_id);
		else
			store_bind_null(stmt, 4);
		store_bind_int(stmt, 5, e->season);
		store_bind_text(stmt, 6, e->e.released[0] ? e->e.released : NULL);
		rc = store_step(stmt);
		store_finalize(stmt);
		rc = rc == BG_DONE ? BG_OK : rc;
	}
	for (size_t i = 0; i < f->n_constraints && !rc; i++) {
		const struct franchise_constraint *c = &f->constraints[i];
		rc = store_run(
		        st, NULL,
		        "INSERT INTO franchise_constraint (franchise_id, ord, entry, after_entry,"
		        " before_entry) VALUES (?, ?, ?, ?, ?)",
		        "iittt", id, (int64_t)i, c->entry, c->after[0] ? c->after : NULL,
		        c->before[0] ? c->before : NULL);
	}
	return rc;
}

/* franchise_store_put's arguments, for its transaction. */
struct franchise_put {
	struct franchise *f;
	char *msg;
	size_t msg_len;
};

static enum bg_err check_and_put(struct store *st, void *ctx)
{
	const struct franchise_put *p = ctx;
	enum bg_err rc = check(st, p->f, p->msg, p->msg_len);
	return rc ? rc : put(st, p->f);
}

enum bg_err franchise_store_put(struct store *st, struct franchise *f, char *msg, size_t msg_len)
{
	struct franchise_put p = {f, msg, msg_len};
	return store_transact(st, check_and_put, &p);
}

static void read_entry(struct store_stmt *stmt, void *item)
{
	struct franchise_entry *e = item;
	store_col_copy(stmt, 0, e->e.name, sizeof(e->e.name));
	e->title_id = store_col_int(stmt, 1);
	e->season = (int)store_col_int(stmt, 2);
	store_col_copy(stmt, 3, e->e.released, sizeof(e->e.released));
}

static void read_constraint(struct store_stmt *stmt, void *item)
{
	struct franchise_constraint *c = item;
	store_col_copy(stmt, 0, c->entry, sizeof(c->entry));
	store_col_copy(stmt, 1, c->after, sizeof(c->after));
	store_col_copy(stmt, 2, c->before, sizeof(c->before));
}

enum bg_err franchise_store_get(struct store *st, const char *name, struct franchise *out)
{
	memset(out, 0, sizeof(*out));
	int64_t id;
	enum bg_err rc = store_run(st, &id, "SELECT id FROM franchise WHERE name = ?", "t", name);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND,
		                       "no franchise '%.100s' (binge timeline import)", name);
	if (rc)
		return rc;
	snprintf(out->name, sizeof(out->name), "%s", name);
	struct store_stmt *stmt;
	rc = store_prepare(st,
	                   "SELECT name, COALESCE(title_id, 0), season, released"
	                   " FROM franchise_entry WHERE franchise_id = ? ORDER BY ord",
	                   &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_collect(stmt, sizeof(struct franchise_entry), read_entry, NULL, &out->entries,
	                   &out->n_entries);
	if (rc)
		goto fail;
	rc = store_prepare(st,
	                   "SELECT entry, after_entry, before_entry FROM franchise_constraint"
	                   " WHERE franchise_id = ? ORDER BY ord",
	                   &stmt);
	if (rc)
		goto fail;
	store_bind_int(stmt, 1, id);
	rc = store_collect(stmt, sizeof(struct franchise_constraint), read_constraint, NULL,
	                   &out->constraints, &out->n_constraints);
	if (!rc)
		return BG_OK;
fail:
	franchise_release(out);
	return rc;
}

static void read_name(struct store_stmt *stmt, void *item)
{
	*(char **)item = xstrdup(store_col_text(stmt, 0));
}

static void release_name(void *item)
{
	free(*(char **)item);
}

enum bg_err franchise_store_of_title(struct store *st, int64_t title_id, char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT DISTINCT f.name FROM franchise f JOIN franchise_entry e"
	                      " ON e.franchise_id = f.id WHERE e.title_id = ? ORDER BY f.name",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(char *), read_name, release_name, names, n);
}

void franchise_release(struct franchise *f)
{
	free(f->entries);
	free(f->constraints);
	memset(f, 0, sizeof(*f));
}
