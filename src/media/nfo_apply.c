/* nfo_apply.c - NFO files applied to a library's titles; see nfo_apply.h. */
#include "media/nfo_apply.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/availability_store.h"
#include "catalog/catalog_store.h"
#include "catalog/maturity.h"
#include "catalog/nfo.h"
#include "core/buf.h"
#include "core/file.h"
#include "media/folder_title.h"
#include "media/scan_report.h"
#include "store/store.h"
#include "core/banned.h"

#define NFO_READ_MAX (4 << 20)

/* Length of rel_path's folder part, with its slash ("a/b/x.nfo": 4). */
static size_t dir_len(const char *rel_path)
{
	const char *slash = strrchr(rel_path, '/');
	return slash ? (size_t)(slash - rel_path) + 1 : 0;
}

static bool is_named(const char *rel_path, const char *name)
{
	return strcmp(rel_path + dir_len(rel_path), name) == 0;
}

/* The title the NFO file describes, by its name (nfo_apply.h). */
static enum bg_err title_of(struct store *st, const char *nfo, const struct media_files *files,
                            int64_t *title)
{
	enum folder_target target = is_named(nfo, "tvshow.nfo")   ? FOLDER_TOP
	                            : is_named(nfo, "season.nfo") ? FOLDER_SEASON
	                            : is_named(nfo, "movie.nfo")  ? FOLDER_HERE
	                                                          : FOLDER_STEM;
	return folder_title(st, files, nfo, target, strlen(nfo) - strlen(".nfo"), title);
}

struct top_merge {
	int64_t id;
	const struct nfo *nfo;
	bool nfo_wins;
};

/*
 * The NFO's certifications outside the US ("GB:15", kept as extras by
 * nfo_parse) become the title's certifications where a board binge knows
 * rates that territory: all of them for a title the scan made, only those
 * of territories without one for an imported title. What no board reads
 * stays an extra only.
 */
static enum bg_err apply_certifications(struct store *st, const struct top_merge *m)
{
	struct certification *have = NULL;
	size_t n_have = 0;
	enum bg_err rc = availability_store_certifications(st, m->id, &have, &n_have);
	const struct title_doc *d = &m->nfo->doc;
	for (size_t i = 0; !rc && i < d->extra_count; i++) {
		const char *value = d->extras[i].value;
		if (strcmp(d->extras[i].key, "certification") != 0 || strlen(value) < 4 ||
		    value[2] != ':')
			continue;
		char territory[3] = {value[0], value[1], '\0'};
		const struct rating_board *board = maturity_board_of(territory);
		char canonical[MATURITY_RATING_LEN];
		int level;
		if (!board || maturity_board_is_us(board) ||
		    !maturity_board_rating(board, value + 3, canonical, &level))
			continue;
		bool taken = false;
		for (size_t k = 0; k < n_have; k++)
			taken |= strcmp(have[k].territory, board->territory) == 0;
		if (m->nfo_wins || !taken)
			rc = availability_store_set_certification(st, m->id, board, value + 3, NULL);
	}
	free(have);
	return rc;
}

/* A series or film: loaded, merged and written back in one transaction. */
static enum bg_err merge_top(struct store *st, void *ctx)
{
	struct top_merge *m = ctx;
	struct title_doc doc;
	title_doc_init(&doc);
	enum bg_err rc = catalog_store_load(st, m->id, &doc);
	if (!rc) {
		nfo_merge(&doc, m->nfo, m->nfo_wins);
		rc = catalog_store_put(st, &doc);
	}
	if (!rc)
		rc = apply_certifications(st, m);
	title_doc_release(&doc);
	return rc;
}

/* The kind of NFO each file name holds. */
static bool kind_fits(const char *rel_path, enum nfo_kind kind)
{
	if (is_named(rel_path, "tvshow.nfo"))
		return kind == NFO_SHOW;
	if (is_named(rel_path, "season.nfo"))
		return kind == NFO_SEASON;
	if (is_named(rel_path, "movie.nfo"))
		return kind == NFO_MOVIE;
	return kind == NFO_EPISODE || kind == NFO_MOVIE;
}

static enum bg_err apply_one(struct store *st, int64_t lib, const char *root,
                             const struct found_file *f, int64_t title, struct scan_report *report)
{
	struct buf path = BUF_INIT(8192);
	buf_addf(&path, "%s/%s", root, f->rel_path);
	char *text = NULL;
	size_t len = 0;
	char msg[256];
	if (buf_error(&path) || file_read_all(path.ptr, NFO_READ_MAX, &text, &len)) {
		scan_report_problem(report, f->rel_path, "cannot read the NFO file");
		buf_release(&path);
		return BG_OK;
	}
	buf_release(&path);
	struct nfo n;
	enum bg_err rc = BG_OK;
	if (nfo_parse(text, len, &n, msg, sizeof(msg))) {
		scan_report_problem(report, f->rel_path, msg);
	} else if (!kind_fits(f->rel_path, n.kind)) {
		scan_report_problem(report, f->rel_path,
		                    "its root element is not the one this file "
		                    "name holds (tvshow, season, movie, or an "
		                    "episode's or film's beside the video)");
	} else {
		bool scanned = false;
		rc = catalog_store_made_by_scan(st, title, &scanned);
		if (!rc && (n.kind == NFO_SHOW || n.kind == NFO_MOVIE)) {
			struct top_merge m = {title, &n, scanned};
			rc = store_transact(st, merge_top, &m);
		} else if (!rc) {
			rc = catalog_store_merge_details(st, title, &n.doc, scanned);
		}
		if (!rc)
			rc = media_store_nfo_record(st, lib, f->rel_path, f->size, f->mtime, title);
		report->nfo += !rc;
	}
	nfo_release(&n);
	free(text);
	return rc;
}

enum bg_err nfo_apply_library(struct store *st, int64_t lib, const char *root,
                              const struct found_file *nfos, size_t n,
                              const struct media_files *files, struct scan_report *report)
{
	/* Series and films first, so a season or episode merges into them as written. */
	enum bg_err rc = BG_OK;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < n && !rc; i++) {
			bool top = is_named(nfos[i].rel_path, "tvshow.nfo") ||
			           is_named(nfos[i].rel_path, "movie.nfo");
			if (top != (pass == 0))
				continue;
			int64_t title;
			rc = title_of(st, nfos[i].rel_path, files, &title);
			if (rc || !title) {
				if (!rc)
					scan_report_problem(
					        report, nfos[i].rel_path,
					        "no video it describes is in the library");
				continue;
			}
			bool same = false;
			rc = media_store_nfo_applied(st, lib, nfos[i].rel_path, nfos[i].size,
			                             nfos[i].mtime, title, &same);
			if (!rc && !same)
				rc = apply_one(st, lib, root, &nfos[i], title, report);
		}
	}
	return rc;
}
