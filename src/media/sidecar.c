/* sidecar.c - subtitle files beside a video; see sidecar.h. */
#include "media/sidecar.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/banned.h"

static const struct {
	const char *ext, *codec;
} formats[] = {{"srt", "subrip"}, {"vtt", "webvtt"}, {"ass", "ass"}, {"ssa", "ass"}};

/* The codec of a subtitle file by its extension, or NULL. */
static const char *codec_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcasecmp(dot + 1, formats[i].ext) == 0)
			return formats[i].codec;
	return NULL;
}

bool sidecar_is_subtitle(const char *name)
{
	return codec_of(name) != NULL;
}

bool sidecar_match(const char *video, const char *subtitle, struct media_track *out)
{
	const char *codec = codec_of(subtitle);
	const char *video_dot = strrchr(video, '.');
	if (!codec || !video_dot || strchr(video, '/') || strchr(subtitle, '/'))
		return false;
	size_t stem = (size_t)(video_dot - video);
	const char *ext = strrchr(subtitle, '.');
	/* The subtitle's name is the video's stem, then "." tags or the extension. */
	if (strncmp(subtitle, video, stem) != 0 || subtitle[stem] != '.' ||
	    strlen(subtitle) >= MEDIA_SIDECAR_NAME)
		return false;
	memset(out, 0, sizeof(*out));
	out->kind = TRACK_SUBTITLE;
	out->index = -1;
	snprintf(out->codec, sizeof(out->codec), "%s", codec);
	snprintf(out->language, sizeof(out->language), "und");
	snprintf(out->file, sizeof(out->file), "%s", subtitle);
	struct buf title = BUF_INIT(MEDIA_TRACK_TITLE - 1);
	bool have_language = false;
	for (const char *tag = subtitle + stem + 1; tag < ext;) {
		const char *end = memchr(tag, '.', (size_t)(ext - tag));
		if (!end)
			end = ext;
		char word[MEDIA_TRACK_TITLE];
		snprintf(word, sizeof(word), "%.*s", (int)(end - tag), tag);
		char code[LANGUAGE_CODE_MAX];
		if (strcasecmp(word, "forced") == 0 || strcasecmp(word, "foreign") == 0)
			out->forced = true;
		else if (strcasecmp(word, "sdh") == 0 || strcasecmp(word, "cc") == 0 ||
		         strcasecmp(word, "hi") == 0)
			out->hearing_impaired = true;
		else if (strcasecmp(word, "default") == 0)
			out->is_default = true;
		else if (!have_language && language_normalize(word, code)) {
			memcpy(out->language, code, sizeof(code));
			have_language = true;
		} else if (*word)
			buf_addf(&title, "%s%s", title.len ? " " : "", word);
		tag = end + 1;
	}
	snprintf(out->title, sizeof(out->title), "%s",
	         title.len && !buf_error(&title) ? title.ptr : "");
	buf_release(&title);
	return true;
}
