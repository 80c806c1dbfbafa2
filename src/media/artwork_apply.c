/* artwork_apply.c - images beside the media set as artwork; see artwork_apply.h. */
#include "media/artwork_apply.h"

#include <stdbool.h>
#include <stdio.h>

#include "catalog/artwork_store.h"
#include "catalog/catalog_store.h"
#include "core/buf.h"
#include "media/artwork_name.h"
#include "media/folder_title.h"
#include "media/scan_report.h"
#include "store/store.h"
#include "core/banned.h"

enum bg_err artwork_apply_library(struct store *st, const char *root,
                                  const struct found_file *found, size_t n,
                                  const struct media_files *files, struct scan_report *report)
{
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		struct artwork_name a;
		if (!artwork_name_parse(found[i].rel_path, &a)) {
			scan_report_problem(report, found[i].rel_path,
			                    "not a video file or artwork name");
			continue;
		}
		int64_t title = 0;
		rc = folder_title(st, files, found[i].rel_path, a.target, a.stem_len, &title);
		if (!rc && title && a.season >= 0) {
			rc = catalog_store_season_of(st, title, a.season, &title);
			if (rc == BG_NOT_FOUND) {
				title = 0;
				rc = BG_OK;
			}
		}
		if (rc)
			break;
		if (!title) {
			scan_report_problem(report, found[i].rel_path,
			                    "no title it is the artwork of has a video here");
			continue;
		}
		struct buf path = BUF_INIT(8192);
		buf_addf(&path, "%s/%s", root, found[i].rel_path);
		bool changed = false;
		if (!buf_error(&path))
			rc = artwork_store_put(st, title, a.kind, path.ptr, found[i].size,
			                       found[i].mtime, false, &changed);
		buf_release(&path);
		report->images += changed;
	}
	return rc;
}
