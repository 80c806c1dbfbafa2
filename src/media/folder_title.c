/* folder_title.c - the title a file beside the media describes; see folder_title.h. */
#include "media/folder_title.h"

#include <stdbool.h>
#include <string.h>

#include "catalog/catalog_store.h"
#include "core/banned.h"

/* Length of rel_path's folder part, with its slash ("a/b/x.nfo": 4). */
static size_t dir_len(const char *rel_path)
{
	const char *slash = strrchr(rel_path, '/');
	return slash ? (size_t)(slash - rel_path) + 1 : 0;
}

enum bg_err folder_title(struct store *st, const struct media_files *files, const char *rel_path,
                         enum folder_target target, size_t stem_len, int64_t *title)
{
	*title = 0;
	size_t dir = dir_len(rel_path);
	for (size_t i = 0; i < files->n && !*title; i++) {
		const struct media_file *f = &files->items[i];
		if (!f->title_id || strncmp(f->rel_path, rel_path, dir) != 0)
			continue;
		bool here = !strchr(f->rel_path + dir, '/');
		if (target == FOLDER_TOP ||
		    ((target == FOLDER_SEASON || target == FOLDER_HERE) && here))
			*title = f->title_id;
		else if (target == FOLDER_STEM && strncmp(f->rel_path, rel_path, stem_len) == 0 &&
		         f->rel_path[stem_len] == '.' && !strchr(f->rel_path + stem_len + 1, '.') &&
		         !strchr(f->rel_path + stem_len + 1, '/'))
			*title = f->title_id;
	}
	if (!*title)
		return BG_OK;
	if (target == FOLDER_TOP)
		return catalog_store_top_of(st, *title, title);
	if (target == FOLDER_SEASON) {
		enum bg_err rc = catalog_store_parent_of(st, *title, title);
		if (rc == BG_NOT_FOUND)
			*title = 0; /* a film's folder: no season */
		return rc == BG_NOT_FOUND ? BG_OK : rc;
	}
	return BG_OK;
}
