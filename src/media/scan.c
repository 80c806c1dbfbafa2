/* scan.c - library scans; see scan.h. */
#include "media/scan.h"

#include <dirent.h>
#include <pthread.h>
#include <unistd.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "media/media_name.h"
#include "media/artwork_apply.h"
#include "media/artwork_name.h"
#include "media/nfo_apply.h"
#include "media/probe.h"
#include "media/probe_cache_store.h"
#include "media/sidecar.h"
#include "catalog/availability.h"
#include "catalog/availability_store.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

struct walk {
	const char *root;
	struct found_file *files; /* videos */
	size_t n, cap;
	struct found_file *subs; /* subtitle files: sidecars of the video they name */
	size_t subs_n, subs_cap;
	struct found_file *nfos; /* NFO files (nfo_apply.h) */
	size_t nfos_n, nfos_cap;
	struct found_file *images; /* images: artwork (artwork_apply.h) */
	size_t images_n, images_cap;
	struct scan_report *report;
};

static void problem(struct scan_report *r, const char *path, const char *why)
{
	scan_report_problem(r, path, why);
}

/* Adds a file the walk found to one of its lists. */
static void keep(struct found_file **list, size_t *n, size_t *cap, const char *rel_path,
                 const struct stat *sb)
{
	*list = xgrow(*list, sizeof(**list), *n + 1, cap);
	(*list)[(*n)++] =
	        (struct found_file){xstrdup(rel_path), (int64_t)sb->st_size, (int64_t)sb->st_mtime,
	                            (int64_t)sb->st_dev, (int64_t)sb->st_ino};
}

static void release_found(struct found_file *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].rel_path);
	free(list);
}

static void walk_release(struct walk *w)
{
	release_found(w->files, w->n);
	release_found(w->subs, w->subs_n);
	release_found(w->nfos, w->nfos_n);
	release_found(w->images, w->images_n);
}

static void walk_dir(struct walk *w, const char *rel, int depth)
{
	struct buf dir = BUF_INIT(8192);
	buf_addf(&dir, "%s%s%s", w->root, *rel ? "/" : "", rel);
	DIR *d = opendir(dir.ptr);
	if (!d) {
		problem(w->report, *rel ? rel : ".", strerror(errno));
		buf_release(&dir);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		struct buf path = BUF_INIT(8192), full = BUF_INIT(8192);
		buf_addf(&path, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		buf_addf(&full, "%s/%s", dir.ptr, e->d_name);
		struct stat sb;
		if (buf_error(&path) || buf_error(&full)) {
			problem(w->report, e->d_name, "path too long");
		} else if (lstat(full.ptr, &sb) != 0) {
			problem(w->report, path.ptr, strerror(errno));
		} else if (S_ISDIR(sb.st_mode)) {
			if (depth < SCAN_MAX_DEPTH)
				walk_dir(w, path.ptr, depth + 1);
			else
				problem(w->report, path.ptr, "folder nested too deep");
		} else if (S_ISREG(sb.st_mode)) {
			size_t name_len = strlen(e->d_name);
			if (name_len > 4 && strcmp(e->d_name + name_len - 4, ".nfo") == 0)
				keep(&w->nfos, &w->nfos_n, &w->nfos_cap, path.ptr, &sb);
			else if (artwork_is_image(e->d_name))
				keep(&w->images, &w->images_n, &w->images_cap, path.ptr, &sb);
			else if (sidecar_is_subtitle(e->d_name))
				keep(&w->subs, &w->subs_n, &w->subs_cap, path.ptr, &sb);
			else if (!media_name_is_video(path.ptr))
				problem(w->report, path.ptr, "not a video file");
			else
				keep(&w->files, &w->n, &w->cap, path.ptr, &sb);
		}
		buf_release(&path);
		buf_release(&full);
	}
	closedir(d);
	buf_release(&dir);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct found_file *)a)->rel_path,
	              ((const struct found_file *)b)->rel_path);
}

/* What one file's database change needs. */
struct file_job {
	const struct library *lib;
	const struct found_file *file;
	const struct media_name *name;
	const struct media_info *info;
	int64_t id;          /* existing row, or 0 */
	bool move_only;      /* same content under a new path */
	int64_t kept_title;  /* a move whose name says what it said: its title, or 0 */
	int64_t media_id;    /* out */
	int64_t created_top; /* out: the series or film this file's scan created, or 0 */
	bool use_tags;       /* the file's tags may fill the episode in */
	struct catalog_season_memo *memo; /* the batch's last series and season */
	struct media_file_new *add; /* out: a new file's row, for the batch's insert */
};

static enum bg_err link_title(struct store *st, struct catalog_season_memo *memo,
                              const struct media_name *n, int64_t *title, int64_t *created_top)
{
	if (n->kind == MEDIA_FILM)
		return catalog_store_ensure_film(st, n->show, n->year, title, created_top);
	return catalog_store_ensure_episode(st, memo, n->show, n->year, n->season, n->episode,
	                                    n->title, title, created_top);
}

/* A series or film the scan created gets a window by its library's policy. */
static enum bg_err apply_policy(struct store *st, const struct library *lib, int64_t title)
{
	if (!lib->platform[0])
		return BG_OK;
	struct licence_window w = {.platform = (char *)lib->platform};
	licence_window_set_territories(&w, lib->territories);
	date_time_format(date_time_now(), w.starts_at);
	char msg[200];
	enum bg_err rc = licence_window_check(&w, msg, sizeof(msg));
	if (rc)
		rc = store_set_error(st, rc, "library %lld's availability policy: %s",
		                     (long long)lib->id, msg);
	else
		rc = availability_store_add_window(st, title, &w);
	strlist_release(&w.territories);
	return rc;
}

/*
 * An episode's name (when still a placeholder), synopsis and air date from
 * the file's own tags, where neither the file name nor an NFO gave them:
 * never over what the catalogue has.
 */
static enum bg_err fill_from_tags(struct store *st, int64_t episode, const struct media_info *info)
{
	if (!info->tag_title[0] && !info->tag_synopsis[0] && !info->tag_date[0])
		return BG_OK;
	struct title_doc from;
	title_doc_init(&from);
	from.kind = TITLE_EPISODE;
	from.name = info->tag_title[0] ? xstrdup(info->tag_title) : NULL;
	from.synopsis = info->tag_synopsis[0] ? xstrdup(info->tag_synopsis) : NULL;
	snprintf(from.first_aired, sizeof(from.first_aired), "%s", info->tag_date);
	enum bg_err rc = catalog_store_merge_details(st, episode, &from, false);
	title_doc_release(&from);
	return rc;
}

static enum bg_err apply_file(struct store *st, void *ctx)
{
	struct file_job *j = ctx;
	if (j->kept_title) { /* nothing to look up: one statement, not a round trip per level */
		j->media_id = j->id;
		return media_store_move_file(st, j->id, j->file->rel_path, j->kept_title);
	}
	int64_t title = 0;
	enum bg_err rc = link_title(st, j->memo, j->name, &title, &j->created_top);
	if (!rc && j->created_top)
		rc = apply_policy(st, j->lib, j->created_top);
	if (rc)
		return rc;
	/* A double episode covers the following ones too: make sure they exist. */
	for (int e = j->name->episode + 1;
	     j->name->kind == MEDIA_EPISODE && e <= j->name->episode_end && !rc; e++) {
		int64_t other;
		rc = catalog_store_ensure_episode(st, j->memo, j->name->show, j->name->year,
		                                  j->name->season, e, NULL, &other, NULL);
	}
	if (rc)
		return rc;
	if (j->move_only) {
		j->media_id = j->id;
		return media_store_move_file(st, j->id, j->file->rel_path, title);
	}
	if (j->info && j->use_tags && j->name->kind == MEDIA_EPISODE)
		rc = fill_from_tags(st, title, j->info);
	if (rc)
		return rc;
	int episode_end = j->name->kind == MEDIA_EPISODE ? j->name->episode_end : 0;
	struct media_file_new row = {j->file->rel_path, j->file->size, j->file->mtime, title,
	                             episode_end, j->info, 0};
	if (!j->id) { /* written with the batch's other new files */
		*j->add = row;
		return BG_OK;
	}
	char now[DATE_TIME_LEN + 1];
	date_time_format(date_time_now(), now);
	j->media_id = j->id;
	return media_store_update_file(st, j->lib->id, j->id, &row, now);
}

/* Known files a scan no longer found, deleted in one transaction. */
struct gone_batch {
	const int64_t *ids;
	size_t n;
};

static enum bg_err delete_files(struct store *st, void *ctx)
{
	const struct gone_batch *b = ctx;
	return media_store_delete_files(st, b->ids, b->n);
}

/*
 * The library's known files, found by path, and the vanished ones (not on
 * disk any more) by size and mtime, for moves: binary searches, where a
 * linear search per disk file made a re-scan of N files cost N^2.
 */
struct known_index {
	struct media_file **by_path;  /* every known file, by rel_path */
	struct media_file **vanished; /* by size, mtime, then their order in known */
	size_t n, vanished_n;
};

static int known_by_path(const void *a, const void *b)
{
	return strcmp((*(struct media_file *const *)a)->rel_path,
	              (*(struct media_file *const *)b)->rel_path);
}

static int known_by_content(const void *pa, const void *pb)
{
	const struct media_file *a = *(struct media_file *const *)pa,
	                        *b = *(struct media_file *const *)pb;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->mtime != b->mtime)
		return a->mtime < b->mtime ? -1 : 1;
	return a < b ? -1 : a > b; /* the same items array: its order */
}

static bool on_disk(const struct walk *w, const char *rel_path)
{
	struct found_file key = {.rel_path = (char *)rel_path};
	return w->n && bsearch(&key, w->files, w->n, sizeof(*w->files), by_path) != NULL;
}

static void known_index_init(struct known_index *ix, struct media_files *known,
                             const struct walk *w)
{
	ix->n = known->n;
	ix->by_path = xcalloc(known->n ? known->n : 1, sizeof(*ix->by_path));
	ix->vanished = xcalloc(known->n ? known->n : 1, sizeof(*ix->vanished));
	ix->vanished_n = 0;
	for (size_t i = 0; i < known->n; i++) {
		ix->by_path[i] = &known->items[i];
		if (!on_disk(w, known->items[i].rel_path))
			ix->vanished[ix->vanished_n++] = &known->items[i];
	}
	qsort(ix->by_path, ix->n, sizeof(*ix->by_path), known_by_path);
	qsort(ix->vanished, ix->vanished_n, sizeof(*ix->vanished), known_by_content);
}

static void known_index_release(struct known_index *ix)
{
	free(ix->by_path);
	free(ix->vanished);
}

static struct media_file *find_known(const struct known_index *ix, const char *rel_path)
{
	struct media_file key = {.rel_path = (char *)rel_path};
	const struct media_file *k = &key;
	struct media_file **hit =
	        ix->n ? bsearch(&k, ix->by_path, ix->n, sizeof(*ix->by_path), known_by_path) : NULL;
	return hit ? *hit : NULL;
}

/* The first vanished known file, not yet taken, with this size and mtime: the same file, moved. */
static struct media_file *find_moved(const struct known_index *ix, const struct found_file *f)
{
	size_t lo = 0, hi = ix->vanished_n;
	while (lo < hi) { /* the first with (size, mtime) >= f's */
		size_t mid = (lo + hi) / 2;
		const struct media_file *k = ix->vanished[mid];
		if (k->size < f->size || (k->size == f->size && k->mtime < f->mtime))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->vanished_n; lo++) {
		struct media_file *k = ix->vanished[lo];
		if (k->size != f->size || k->mtime != f->mtime)
			break;
		if (!k->seen)
			return k;
	}
	return NULL;
}

/* What a scan decided for one disk file. */
struct plan {
	const struct found_file *file;
	struct media_name name;
	struct media_file *known; /* its row at this path, if any */
	struct media_file *moved; /* the vanished row it is, if moved */
	bool probe;               /* needs probing: by ffprobe, or from the probe cache */
	char *probe_output;       /* ffprobe's JSON, cached or printed, kept in the cache */
	bool cached;              /* probe_output came from the cache: ffprobe not run */
	int64_t media_id;         /* once written */
	struct media_info info;
	enum bg_err probe_rc;
	char probe_msg[256];
	bool nfo_beside;     /* its own NFO file is there: it, not the tags, names the episode */
	bool failed;         /* its probe failed: not written, named in the report */
	int64_t created_top; /* the series or film its write created, or 0 */
};

/*
 * Plans that need probing take what the probe cache holds for their files,
 * in one query per 256 files; probe_all() parses it (on every processor:
 * parsing was most of a scan of moved files) and runs ffprobe for the rest,
 * and for a cached output that no longer parses.
 */
static enum bg_err probe_from_cache(struct store *st, struct plan *plans, size_t n)
{
	struct probe_key *keys = xcalloc(n ? n : 1, sizeof(*keys));
	char **outputs = xcalloc(n ? n : 1, sizeof(*outputs));
	size_t *at = xcalloc(n ? n : 1, sizeof(*at)), wanted = 0;
	for (size_t i = 0; i < n; i++)
		if (plans[i].probe) {
			const struct found_file *f = plans[i].file;
			keys[wanted] = (struct probe_key){f->device, f->inode, f->size, f->mtime};
			at[wanted++] = i;
		}
	enum bg_err rc = probe_cache_find(st, keys, wanted, outputs);
	for (size_t k = 0; k < wanted; k++) {
		plans[at[k]].probe_output = outputs[k];
		plans[at[k]].cached = outputs[k] != NULL;
	}
	free(at);
	free(outputs);
	free(keys);
	return rc;
}

/* Decides what to do with a disk file; false when it needs nothing. */
static bool plan_file(const struct known_index *ix, const struct found_file *f,
                      struct scan_report *r, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->file = f;
	p->known = find_known(ix, f->rel_path);
	if (p->known && p->known->size == f->size && p->known->mtime == f->mtime &&
	    p->known->probe_version >= MEDIA_PROBE_VERSION) {
		p->known->seen = true;
		r->unchanged++;
		return false;
	}
	if (!media_name_parse(f->rel_path, &p->name)) {
		problem(r, f->rel_path, "the name does not say which episode or film it is");
		return false; /* a known row for it is deleted at the end (not seen) */
	}
	p->moved = p->known ? NULL : find_moved(ix, f);
	if (p->moved)
		p->moved->seen = true;
	else if (p->known)
		p->known->seen = true;
	p->probe = !p->moved;
	return true;
}

struct probe_pool {
	struct plan *plans;
	size_t n, next, done;
	const char *root;
	struct progress *prog;
	pthread_mutex_t lock;
};

/* A probing thread: takes the next plan that needs ffprobe until none is left. */
static void *probe_worker(void *arg)
{
	struct probe_pool *pool = arg;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->n)
			return NULL;
		struct plan *p = &pool->plans[i];
		if (!p->probe)
			continue;
		if (p->cached) {
			char why[256];
			if (probe_parse(p->probe_output, strlen(p->probe_output), &p->info, why,
			                sizeof(why)) == BG_OK)
				continue;
			media_info_release(&p->info); /* no longer parses: probed again */
			free(p->probe_output);
			p->probe_output = NULL;
			p->cached = false;
		}
		struct buf full = BUF_INIT(8192), output = BUF_INIT(PROBE_MAX_OUTPUT);
		buf_addf(&full, "%s/%s", pool->root, p->file->rel_path);
		p->probe_rc =
		        probe_file_json(full.ptr, &output, p->probe_msg, sizeof(p->probe_msg));
		if (!p->probe_rc)
			p->probe_rc = probe_parse(output.ptr, output.len, &p->info, p->probe_msg,
			                          sizeof(p->probe_msg));
		if (!p->probe_rc)
			p->probe_output = xstrdup(output.ptr);
		buf_release(&output);
		buf_release(&full);
		pthread_mutex_lock(&pool->lock);
		if (pool->prog)
			progress_update(pool->prog, ++pool->done, p->file->rel_path);
		pthread_mutex_unlock(&pool->lock);
	}
}

/*
 * ffprobe runs as a separate process per file, so probing is spread over
 * one thread per processor (each waits on its child), up to SCAN_PROBES.
 */
static void probe_all(struct plan *plans, size_t n, const char *root, struct progress *prog)
{
	size_t probes = 0;
	for (size_t i = 0; i < n; i++)
		probes += plans[i].probe && !plans[i].cached;
	if (prog)
		progress_start(prog, "probing", probes);
	struct probe_pool pool = {.plans = plans, .n = n, .root = root, .prog = prog};
	pthread_mutex_init(&pool.lock, NULL);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cpus < 1 ? 1 : cpus > SCAN_PROBES ? SCAN_PROBES : (size_t)cpus;
	pthread_t tid[SCAN_PROBES];
	size_t started = 0;
	for (size_t t = 0; t < threads; t++)
		if (pthread_create(&tid[started], NULL, probe_worker, &pool) == 0)
			started++;
	if (!started)
		probe_worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&pool.lock);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NFO files' paths, sorted (the caller frees the array, not the strings). */
static char **nfo_paths_sorted(const struct walk *w)
{
	char **paths = xcalloc(w->nfos_n ? w->nfos_n : 1, sizeof(*paths));
	for (size_t i = 0; i < w->nfos_n; i++)
		paths[i] = w->nfos[i].rel_path;
	qsort(paths, w->nfos_n, sizeof(*paths), by_string);
	return paths;
}

/* Whether the video at rel_path has its own NFO file beside it ("Name.nfo"), by binary search. */
static bool nfo_beside(char *const *nfo_paths, size_t n, const char *rel_path)
{
	const char *dot = strrchr(rel_path, '.');
	size_t stem = dot ? (size_t)(dot - rel_path) : strlen(rel_path);
	char *want = xmalloc(stem + sizeof(".nfo"));
	memcpy(want, rel_path, stem);
	memcpy(want + stem, ".nfo", sizeof(".nfo"));
	bool found = n && bsearch(&want, nfo_paths, n, sizeof(*nfo_paths), by_string) != NULL;
	free(want);
	return found;
}

/*
 * Files are written SCAN_BATCH_FILES to a transaction: one per file made a
 * re-scan of moved files commit (and on SQLite, lock the file) thousands of
 * times. A failed batch writes none of its files and stops the scan, as a
 * failed file did; the next scan plans them again.
 */
#define SCAN_BATCH_FILES 256

struct plan_batch {
	const struct library *lib;
	struct plan *plans;
	size_t n;
};

/*
 * The title a moved file keeps: its row's, when the old path parses to
 * the same show, year, season, episodes and title as the new one (a tree
 * moved or renamed above the show's folder), so linking would find the
 * same title again. 0 otherwise.
 */
static int64_t kept_title(const struct media_file *moved, const struct media_name *now)
{
	struct media_name was;
	if (!moved || !moved->title_id || !media_name_parse(moved->rel_path, &was))
		return 0;
	bool same = was.kind == now->kind && strcmp(was.show, now->show) == 0 &&
	            was.year == now->year && was.season == now->season &&
	            was.episode == now->episode && was.episode_end == now->episode_end &&
	            strcmp(was.title, now->title) == 0;
	return same ? moved->title_id : 0;
}

/*
 * One file's write, inside the batch's transaction. A new file's row is
 * only filled into *add (then *added is true), for write_batch's insert.
 */
static enum bg_err write_plan(struct store *st, const struct library *lib,
                              struct catalog_season_memo *memo, struct plan *p,
                              struct media_file_new *add, bool *added)
{
	struct file_job job = {.lib = lib,
	                       .file = p->file,
	                       .name = &p->name,
	                       .info = p->probe ? &p->info : NULL,
	                       .id = p->moved   ? p->moved->id
	                             : p->known ? p->known->id
	                                        : 0,
	                       .move_only = p->moved != NULL,
	                       .kept_title = kept_title(p->moved, &p->name),
	                       .use_tags = !p->nfo_beside,
	                       .memo = memo,
	                       .add = add};
	add->rel_path = NULL;
	enum bg_err rc = apply_file(st, &job);
	*added = add->rel_path != NULL;
	p->media_id = job.media_id;
	p->created_top = job.created_top;
	if (!rc && p->probe_output && !p->cached) { /* a cached one is there already */
		const struct found_file *f = p->file;
		struct probe_key key = {f->device, f->inode, f->size, f->mtime};
		char now[DATE_TIME_LEN + 1];
		date_time_format(date_time_now(), now);
		rc = probe_cache_put(st, &key, p->probe_output, now);
	}
	return rc;
}

/*
 * The batch's files (store_transact may run it again: it only sets
 * outputs). New files are inserted together at the end: on PostgreSQL a
 * statement per file was a round trip per file.
 */
static enum bg_err write_batch(struct store *st, void *ctx)
{
	struct plan_batch *b = ctx;
	enum bg_err rc = BG_OK;
	struct catalog_season_memo memo = CATALOG_SEASON_MEMO_INIT; /* this attempt's only */
	struct media_file_new *adds = xmalloc((b->n ? b->n : 1) * sizeof(*adds));
	struct plan **added = xmalloc((b->n ? b->n : 1) * sizeof(*added));
	size_t n_added = 0;
	for (size_t i = 0; i < b->n && !rc; i++) {
		bool deferred = false;
		if (!b->plans[i].failed)
			rc = write_plan(st, b->lib, &memo, &b->plans[i], &adds[n_added], &deferred);
		if (deferred)
			added[n_added++] = &b->plans[i];
	}
	if (!rc && n_added) {
		char now[DATE_TIME_LEN + 1];
		date_time_format(date_time_now(), now);
		rc = media_store_add_files(st, b->lib->id, adds, n_added, now);
	}
	for (size_t i = 0; i < n_added && !rc; i++)
		added[i]->media_id = adds[i].id;
	free(added);
	free(adds);
	catalog_season_memo_release(&memo);
	return rc;
}

/* Writes n planned files in one transaction; per-file problems go to the report. */
static enum bg_err apply_plans(struct store *st, const struct library *lib, struct plan *plans,
                               size_t n, struct scan_report *r)
{
	for (size_t i = 0; i < n; i++) {
		struct plan *p = &plans[i];
		p->failed = p->probe && p->probe_rc;
		if (!p->failed)
			continue;
		problem(r, p->file->rel_path, p->probe_msg);
		if (p->known)
			p->known->seen = false; /* no longer media: forget it */
	}
	struct plan_batch batch = {.lib = lib, .plans = plans, .n = n};
	enum bg_err rc = store_transact(st, write_batch, &batch);
	for (size_t i = 0; i < n; i++)
		media_info_release(&plans[i].info);
	for (size_t i = 0; i < n && !rc; i++) {
		struct plan *p = &plans[i];
		if (p->failed)
			continue;
		r->new_titles += p->created_top != 0;
		if (p->known)
			p->known->written = true;
		if (p->moved)
			p->moved->written = true;
		if (p->moved)
			r->moved++;
		else if (p->known)
			r->changed++;
		else
			r->added++;
	}
	if (rc)
		for (size_t i = 0; i < n; i++)
			plans[i].media_id = 0;
	return rc;
}

/* The sidecars of one video: their tracks and a key (names, sizes, times). */
struct sidecars {
	int64_t media_id;
	const char *video;     /* rel_path */
	const char *known_key; /* what the last scan saw */
	struct media_track tracks[SCAN_MAX_SIDECARS];
	size_t n;
	struct buf key;
};

static enum bg_err write_sidecars(struct store *st, void *ctx)
{
	struct sidecars *sc = ctx;
	return media_store_set_sidecars(st, sc->media_id, sc->key.ptr, sc->tracks, sc->n);
}

/*
 * Links the subtitle files beside a video to it when they differ from what
 * the last scan saw. subs is sorted by path, so a video's sidecars
 * ("dir/Name.*") are found by binary search.
 */
static enum bg_err link_sidecars(struct store *st, const struct walk *w, struct sidecars *sc,
                                 struct scan_report *r)
{
	const char *slash = strrchr(sc->video, '/');
	size_t dir_len = slash ? (size_t)(slash - sc->video) + 1 : 0;
	const char *dot = strrchr(sc->video, '.');
	size_t prefix = dot ? (size_t)(dot - sc->video) + 1 : strlen(sc->video);
	size_t lo = 0, hi = w->subs_n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strncmp(w->subs[mid].rel_path, sc->video, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	sc->n = 0;
	sc->key = (struct buf)BUF_INIT(BUF_MAX_SMALL);
	for (size_t i = lo; i < w->subs_n && strncmp(w->subs[i].rel_path, sc->video, prefix) == 0;
	     i++) {
		const struct found_file *f = &w->subs[i];
		if (strchr(f->rel_path + dir_len, '/') || sc->n == SCAN_MAX_SIDECARS)
			continue;
		if (!sidecar_match(sc->video + dir_len, f->rel_path + dir_len, &sc->tracks[sc->n]))
			continue;
		sc->n++;
		buf_addf(&sc->key, "%s\t%lld\t%lld\n", f->rel_path + dir_len, (long long)f->size,
		         (long long)f->mtime);
	}
	enum bg_err rc = BG_OK;
	if (buf_error(&sc->key))
		problem(r, sc->video, "too many subtitle files beside it");
	else if (strcmp(sc->key.ptr, sc->known_key ? sc->known_key : "") != 0) {
		rc = store_transact(st, write_sidecars, sc);
		r->subtitles += !rc;
	}
	buf_release(&sc->key);
	return rc;
}

enum bg_err scan_library(struct store *st, const struct library *lib, struct progress *prog,
                         struct scan_report *report, char *msg, size_t msg_len)
{
	struct stat sb;
	if (stat(lib->path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(msg, msg_len, "cannot read library '%s': %s", lib->path,
		         errno ? strerror(errno) : "not a folder");
		return BG_IO;
	}
	struct walk w = {.root = lib->path, .report = report};
	walk_dir(&w, "", 0);
	if (w.n)
		qsort(w.files, w.n, sizeof(*w.files), by_path);
	if (w.subs_n)
		qsort(w.subs, w.subs_n, sizeof(*w.subs), by_path);

	struct media_files known = MEDIA_FILES_INIT;
	enum bg_err rc = media_store_files(st, lib->id, &known);
	struct known_index ix;
	known_index_init(&ix, &known, &w);
	struct plan *plans = xcalloc(w.n ? w.n : 1, sizeof(*plans));
	size_t planned = 0;
	for (size_t i = 0; i < w.n && !rc; i++)
		if (plan_file(&ix, &w.files[i], report, &plans[planned]))
			planned++;
	known_index_release(&ix);
	if (!rc)
		rc = probe_from_cache(st, plans, planned);
	if (!rc)
		probe_all(plans, planned, lib->path, prog);
	for (size_t i = 0; i < planned; i++)
		report->probes_cached += plans[i].cached;
	if (prog)
		progress_start(prog, "writing", planned);
	char **nfo_paths = nfo_paths_sorted(&w);
	for (size_t i = 0; i < planned && !rc; i += SCAN_BATCH_FILES) {
		size_t n = planned - i < SCAN_BATCH_FILES ? planned - i : SCAN_BATCH_FILES;
		for (size_t j = i; j < i + n; j++)
			plans[j].nfo_beside =
			        nfo_beside(nfo_paths, w.nfos_n, plans[j].file->rel_path);
		rc = apply_plans(st, lib, &plans[i], n, report);
		if (prog)
			progress_update(prog, i + n, plans[i + n - 1].file->rel_path);
	}
	free(nfo_paths);
	/* Not written (the scan stopped): their probes' results are let go. */
	for (size_t i = 0; rc && i < planned; i++)
		media_info_release(&plans[i].info);
	for (size_t i = 0; i < planned; i++) {
		free(plans[i].probe_output);
		plans[i].probe_output = NULL;
	}
	/* Sidecars: of the files just written, then of the unchanged ones. */
	struct sidecars *sc = xcalloc(1, sizeof(*sc));
	for (size_t i = 0; i < planned && !rc; i++) {
		if (!plans[i].media_id)
			continue;
		struct media_file *k = plans[i].known ? plans[i].known : plans[i].moved;
		sc->media_id = plans[i].media_id;
		sc->video = plans[i].file->rel_path;
		sc->known_key = k ? k->sidecars : "";
		rc = link_sidecars(st, &w, sc, report);
	}
	for (size_t i = 0; i < known.n && !rc; i++) {
		struct media_file *k = &known.items[i];
		if (!k->seen || k->written || !on_disk(&w, k->rel_path))
			continue;
		sc->media_id = k->id;
		sc->video = k->rel_path;
		sc->known_key = k->sidecars;
		rc = link_sidecars(st, &w, sc, report);
	}
	free(sc);
	free(plans);
	/* NFO files and artwork, over the library's files as they now are. */
	if (!rc && (w.nfos_n || w.images_n)) {
		struct media_files now = MEDIA_FILES_INIT;
		rc = media_store_files(st, lib->id, &now);
		if (!rc)
			rc = nfo_apply_library(st, lib->id, lib->path, w.nfos, w.nfos_n, &now,
			                       report);
		if (!rc)
			rc = artwork_apply_library(st, lib->path, w.images, w.images_n, &now,
			                           report);
		media_files_release(&now);
	}
	int64_t *gone = xcalloc(SCAN_BATCH_FILES, sizeof(*gone));
	struct gone_batch batch = {.ids = gone, .n = 0};
	for (size_t i = 0; i <= known.n && !rc; i++) {
		if (i < known.n && !known.items[i].seen)
			gone[batch.n++] = known.items[i].id;
		if (batch.n == SCAN_BATCH_FILES || (i == known.n && batch.n)) {
			rc = store_transact(st, delete_files, &batch);
			report->deleted += rc ? 0 : (int)batch.n;
			batch.n = 0;
		}
	}
	free(gone);
	if (!rc) {
		char at[DATE_TIME_LEN + 1], before[DATE_TIME_LEN + 1];
		date_time_format(date_time_now(), at);
		rc = media_store_library_reach(st, lib->id, at, &report->reach);
		date_time_format(date_time_now() - (int64_t)PROBE_CACHE_DAYS * 86400, before);
		if (!rc)
			rc = probe_cache_prune(st, before);
	}
	if (prog)
		progress_end(prog);
	if (rc)
		snprintf(msg, msg_len, "%s", store_errmsg(st));
	walk_release(&w);
	media_files_release(&known);
	return rc;
}
