/* artwork_name.c - images beside the media, by name; see artwork_name.h. */
#include "media/artwork_name.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

static const char *const extensions[] = {".jpg", ".jpeg", ".png", ".webp"};

/* The length of name less an image extension, or 0 when it has none. */
static size_t image_stem(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		size_t e = strlen(extensions[i]);
		if (n > e && strcasecmp(name + n - e, extensions[i]) == 0)
			return n - e;
	}
	return 0;
}

bool artwork_is_image(const char *name)
{
	return image_stem(name) > 0;
}

static bool is_one_of(const char *stem, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && strncasecmp(stem, *words, len) == 0)
			return true;
	return false;
}

static const char *const posters[] = {"poster", "folder", "cover", NULL};
static const char *const backdrops[] = {"fanart", "backdrop", "background", NULL};
static const char *const logos[] = {"logo", "clearlogo", NULL};

/* "season02-poster", "season-specials-poster": the season, or -1. */
static int season_poster(const char *stem, size_t len)
{
	const char *suffix = "-poster";
	size_t s = strlen(suffix);
	if (len <= 6 + s || strncasecmp(stem, "season", 6) != 0 ||
	    strncasecmp(stem + len - s, suffix, s) != 0)
		return -1;
	const char *n = stem + 6;
	size_t digits = len - 6 - s;
	if (digits == 9 && strncasecmp(n, "-specials", 9) == 0)
		return 0;
	int season = 0;
	for (size_t i = 0; i < digits; i++) {
		if (!isdigit((unsigned char)n[i]) || season > 9999)
			return -1;
		season = season * 10 + (n[i] - '0');
	}
	return season;
}

bool artwork_name_parse(const char *rel_path, struct artwork_name *out)
{
	*out = (struct artwork_name){.season = -1};
	const char *slash = strrchr(rel_path, '/');
	if (!slash)
		return false; /* the library's own folder holds no title's images */
	const char *name = slash + 1;
	size_t len = image_stem(name);
	if (!len)
		return false;
	int depth = 0;
	for (const char *c = rel_path; c < slash; c++)
		depth += *c == '/';
	/* Show/x.jpg: the series or film; deeper (Show/Season 01/x.jpg): the season. */
	enum folder_target folder = depth == 0 ? FOLDER_TOP : FOLDER_SEASON;
	if (is_one_of(name, len, posters) || is_one_of(name, len, backdrops)) {
		out->kind = is_one_of(name, len, posters) ? ARTWORK_POSTER : ARTWORK_BACKDROP;
		out->target = folder;
		return true;
	}
	if (is_one_of(name, len, logos)) {
		out->kind = ARTWORK_LOGO;
		out->target = FOLDER_TOP;
		return depth == 0;
	}
	int season = season_poster(name, len);
	if (season >= 0) {
		out->kind = ARTWORK_POSTER;
		out->target = FOLDER_TOP;
		out->season = season;
		return depth == 0;
	}
	/* NAME-thumb (an episode's still), NAME-poster and NAME-fanart (a film's). */
	static const struct {
		const char *suffix;
		enum artwork_kind kind;
	} beside[] = {{"-thumb", ARTWORK_STILL},
	              {"-poster", ARTWORK_POSTER},
	              {"-fanart", ARTWORK_BACKDROP},
	              {"-backdrop", ARTWORK_BACKDROP}};
	for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
		size_t s = strlen(beside[i].suffix);
		if (len > s && strncasecmp(name + len - s, beside[i].suffix, s) == 0) {
			out->kind = beside[i].kind;
			out->target = FOLDER_STEM;
			out->stem_len = (size_t)(name - rel_path) + len - s;
			return true;
		}
	}
	return false;
}
