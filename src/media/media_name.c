/* media_name.c - parsing media file paths; see media_name.h. */
#include "media/media_name.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/banned.h"

#define MAX_COMPONENTS 16

static const char *const video_extensions[] = {"mkv", "mp4",  "m4v", "avi", "mov",  "webm",
                                               "ts",  "m2ts", "wmv", "mpg", "mpeg", "ogv"};

/* Folders whose files are extras, not episodes or films. */
static const char *const extra_folders[] = {"extras",   "featurettes", "behind the scenes",
                                            "trailers", "samples",     "sample"};

static bool ends_with_nocase(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[len - n + i]) != suffix[i])
			return false;
	return true;
}

bool media_name_is_video(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash) || !dot[1])
		return false;
	char ext[8];
	if (strlen(dot + 1) >= sizeof(ext))
		return false;
	/* snprintf bounds the copy where the compiler can see it (GCC 12's
	 * -Wstringop-overflow could not follow the length check). */
	snprintf(ext, sizeof(ext), "%s", dot + 1);
	for (char *c = ext; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < sizeof(video_extensions) / sizeof(video_extensions[0]); i++)
		if (strcmp(ext, video_extensions[i]) == 0)
			return true;
	return false;
}

/* Reads 1..max digits at s[*i]; -1 if none or too many. */
static int digits_at(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;
	while (*i < len && isdigit((unsigned char)s[*i])) {
		if (++n > max)
			return -1;
		v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	return n ? v : -1;
}

struct token {
	size_t start, end; /* the SxxEyy text in the stem */
	int season, episode, episode_end;
};

/* S01E02, s1e2, S01E01E02, S01E01-E02, S01E01-02 at position i. */
static bool sxe_at(const char *s, size_t len, size_t i, struct token *t)
{
	if ((s[i] != 'S' && s[i] != 's') || (i > 0 && isalnum((unsigned char)s[i - 1])))
		return false;
	size_t j = i + 1;
	int season = digits_at(s, len, &j, 3);
	if (season < 0 || j >= len || (s[j] != 'E' && s[j] != 'e'))
		return false;
	j++;
	int ep = digits_at(s, len, &j, 4);
	if (ep < 0)
		return false;
	int last = ep;
	for (;;) {
		size_t k = j;
		if (k < len && s[k] == '-')
			k++;
		if (k < len && (s[k] == 'E' || s[k] == 'e'))
			k++;
		if (k == j || k >= len || !isdigit((unsigned char)s[k]))
			break;
		int more = digits_at(s, len, &k, 4);
		if (more <= last)
			break;
		last = more;
		j = k;
	}
	if (j < len && isalnum((unsigned char)s[j]))
		return false;
	*t = (struct token){i, j, season, ep, last};
	return true;
}

/* 1x03 at position i. */
static bool nxn_at(const char *s, size_t len, size_t i, struct token *t)
{
	if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1])))
		return false;
	size_t j = i;
	int season = digits_at(s, len, &j, 2);
	if (season < 0 || j >= len || (s[j] != 'x' && s[j] != 'X'))
		return false;
	j++;
	int ep = digits_at(s, len, &j, 3);
	if (ep < 0 || (j < len && isalnum((unsigned char)s[j])))
		return false;
	*t = (struct token){i, j, season, ep, ep};
	return true;
}

static bool find_token(const char *s, size_t len, struct token *t)
{
	for (size_t i = 0; i < len; i++)
		if (sxe_at(s, len, i, t))
			return true;
	for (size_t i = 0; i < len; i++)
		if (nxn_at(s, len, i, t))
			return true;
	return false;
}

/*
 * Cleans a name fragment into out: dots and underscores become spaces,
 * a trailing "(2015)" or bare 2015 becomes *year, edge spaces and dashes go.
 */
static void clean_name(const char *s, size_t len, char *out, size_t cap, int *year)
{
	char tmp[256];
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < sizeof(tmp); i++) {
		char c = s[i];
		if (c == '.' || c == '_')
			c = ' ';
		tmp[n++] = c;
	}
	tmp[n] = '\0';
	bool found = false; /* one year at most: "Blade Runner 2049 (2017)" */
	for (;;) {
		while (n && (tmp[n - 1] == ' ' || tmp[n - 1] == '-'))
			tmp[--n] = '\0';
		/* "(2015)" or " 2015" at the end */
		if (!found && n >= 6 && tmp[n - 1] == ')' && tmp[n - 6] == '(') {
			size_t k = n - 5;
			int y = digits_at(tmp, n - 1, &k, 4);
			if (y >= 1880 && y <= 2100 && k == n - 1) {
				*year = y;
				n -= 6;
				tmp[n] = '\0';
				found = true;
				continue;
			}
		}
		if (!found && n >= 5 && tmp[n - 5] == ' ') {
			size_t k = n - 4;
			int y = digits_at(tmp, n, &k, 4);
			if (y >= 1880 && y <= 2100 && k == n) {
				*year = y;
				n -= 5;
				tmp[n] = '\0';
				found = true;
				continue;
			}
		}
		break;
	}
	size_t start = 0;
	while (tmp[start] == ' ' || tmp[start] == '-')
		start++;
	snprintf(out, cap, "%s", tmp + start);
}

/* Cuts name at the first standalone year after its first word. */
static void cut_at_year(char *name, int *year)
{
	size_t len = strlen(name);
	for (size_t i = 1; i + 4 <= len; i++) {
		if (name[i - 1] != ' ' || (i + 4 < len && name[i + 4] != ' '))
			continue;
		size_t k = i;
		int y = digits_at(name, len, &k, 4);
		if (y >= 1880 && y <= 2100 && k == i + 4) {
			*year = y;
			name[i - 1] = '\0';
			return;
		}
	}
}

/* True for "Season 1", "Season 01", "S01", "Specials"; sets *season. */
static bool is_season_folder(const char *name, int *season)
{
	char *folded = fold_dup(name);
	bool yes = false;
	size_t i = 0, len = strlen(folded);
	if (strcmp(folded, "specials") == 0) {
		*season = 0;
		yes = true;
	} else if (strncmp(folded, "season ", 7) == 0) {
		i = 7;
		int s = digits_at(folded, len, &i, 3);
		yes = s >= 0 && i == len;
		*season = s;
	} else if (folded[0] == 's' && len > 1) {
		i = 1;
		int s = digits_at(folded, len, &i, 3);
		yes = s >= 0 && i == len;
		*season = s;
	}
	free(folded);
	return yes;
}

static bool is_extra(const char *stem, const char *const *dirs, int ndirs)
{
	size_t len = strlen(stem);
	if (ends_with_nocase(stem, len, "sample") || ends_with_nocase(stem, len, "trailer"))
		return true;
	for (int d = 0; d < ndirs; d++) {
		char *folded = fold_dup(dirs[d]);
		bool extra = false;
		for (size_t i = 0; i < sizeof(extra_folders) / sizeof(extra_folders[0]); i++)
			extra = extra || strcmp(folded, extra_folders[i]) == 0;
		free(folded);
		if (extra)
			return true;
	}
	return false;
}

static bool parse_name(const char *path, struct media_name *out);

bool media_name_parse(const char *path, struct media_name *out)
{
	/* A half-filled result never escapes: false always means MEDIA_NONE. */
	if (parse_name(path, out))
		return true;
	memset(out, 0, sizeof(*out));
	return false;
}

static bool parse_name(const char *path, struct media_name *out)
{
	memset(out, 0, sizeof(*out));
	if (!media_name_is_video(path) || strlen(path) >= 4096)
		return false;

	/* Split into folders and the file name. */
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	const char *parts[MAX_COMPONENTS];
	int n = 0;
	for (char *p = copy, *slash; n < MAX_COMPONENTS; p = slash + 1) {
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (*p)
			parts[n++] = p;
		if (!slash)
			break;
	}
	if (n == 0)
		return false;
	const char *file = parts[n - 1];
	const char *const *dirs = parts;
	int ndirs = n - 1;
	char stem[1024];
	snprintf(stem, sizeof(stem), "%.*s", (int)(strrchr(file, '.') - file), file);
	if (!*stem || is_extra(stem, dirs, ndirs))
		return false;

	/* The show folder: the last folder, or the one above a season folder. */
	int folder_season = -1;
	const char *show_dir = ndirs ? dirs[ndirs - 1] : NULL;
	if (ndirs && is_season_folder(dirs[ndirs - 1], &folder_season))
		show_dir = ndirs >= 2 ? dirs[ndirs - 2] : NULL;

	size_t len = strlen(stem);
	struct token t;
	if (find_token(stem, len, &t)) {
		out->kind = MEDIA_EPISODE;
		out->season = t.season;
		out->episode = t.episode;
		out->episode_end = t.episode_end;
		clean_name(stem, t.start, out->show, sizeof(out->show), &out->year);
		if (!out->show[0] && show_dir)
			clean_name(show_dir, strlen(show_dir), out->show, sizeof(out->show),
			           &out->year);
		else if (show_dir) {
			int dir_year = 0;
			char dir_show[256];
			clean_name(show_dir, strlen(show_dir), dir_show, sizeof(dir_show),
			           &dir_year);
			if (!out->year)
				out->year = dir_year;
		}
		/* "S01E01 - Title" or "S01E01 Title": the rest after a separator. */
		const char *rest = stem + t.end;
		while (*rest == ' ' || *rest == '-' || *rest == '.')
			rest++;
		if (t.end < len && (stem[t.end] == ' ' || stem[t.end] == '-'))
			snprintf(out->title, sizeof(out->title), "%s", rest);
		return out->show[0] != '\0';
	}
	if (folder_season >= 0)
		return false; /* in a season folder but no episode number */

	/* Films: "Name (Year)" in the file or its folder, or a folder named as the file. */
	int year = 0;
	char name[256];
	clean_name(stem, len, name, sizeof(name), &year);
	if (!year)
		cut_at_year(name, &year); /* "Inception 2010 1080p BluRay" */
	if (!year && show_dir) {
		int dir_year = 0;
		char dir_name[256];
		clean_name(show_dir, strlen(show_dir), dir_name, sizeof(dir_name), &dir_year);
		char *a = fold_dup(dir_name), *b = fold_dup(name);
		bool same = strcmp(a, b) == 0;
		free(a);
		free(b);
		if (!same && !dir_year)
			return false;
		if (dir_year) {
			snprintf(name, sizeof(name), "%s", dir_name);
			year = dir_year;
		}
	} else if (!year) {
		return false;
	}
	out->kind = MEDIA_FILM;
	snprintf(out->show, sizeof(out->show), "%s", name);
	out->year = year;
	return name[0] != '\0';
}
