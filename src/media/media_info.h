/*
 * media_info.h - the technical facts of one media file, as probed, and its
 * audio and subtitle tracks (streams inside it, and subtitle files beside
 * it).
 */
#ifndef BINGE_MEDIA_MEDIA_INFO_H
#define BINGE_MEDIA_MEDIA_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/language.h"

#define MEDIA_TRACKS_MAX   64  /* streams kept per file; a file with more keeps the first */
#define MEDIA_TRACK_TITLE  96
#define MEDIA_SIDECAR_NAME 256

enum track_kind { TRACK_AUDIO = 'a', TRACK_SUBTITLE = 's' };

struct media_track {
	int id; /* its number within its media item, stable between scans of the same files */
	enum track_kind kind;
	/* Its number among the file's streams of its kind (FFmpeg's 0:a:N and
	 * 0:s:N); -1 for a subtitle file beside the video. */
	int index;
	char codec[24]; /* "ac3", "subrip", "hdmv_pgs_subtitle", "ass", "webvtt", ... */
	char language[LANGUAGE_CODE_MAX]; /* ISO 639-2/B, "und" when unknown */
	char title[MEDIA_TRACK_TITLE];    /* the stream's own title tag, may be "" */
	int channels;                     /* audio */
	bool is_default, forced, hearing_impaired;
	char file[MEDIA_SIDECAR_NAME]; /* a sidecar's file name, in the video's folder */
};

/* True for subtitles a browser can show as text (WebVTT after conversion);
 * false for pictures (PGS, VobSub, DVB), which must be burned in. */
bool media_track_is_text(const struct media_track *t);

#define TRACK_LABEL_MAX 160

/* The label a menu shows for a track: "English (forced)", "German 5.1". */
void track_label(const struct media_track *t, char out[TRACK_LABEL_MAX]);

/*
 * Where a file's intro and credits are (ms; -1 when not known): from its
 * chapters (named Intro/Opening/OP, Credits/Ending/ED), an admin, or the
 * audio fingerprints of its season (media/intro.h).
 */
struct media_markers {
	int64_t intro_start, intro_end;
	int64_t credits_start;
};

#define MEDIA_MARKERS_NONE {-1, -1, -1}

struct media_info {
	char container[32]; /* "matroska", "mov", "webm", ... */
	int64_t duration_ms;
	char video_codec[32]; /* "" when there is no video stream */
	int width, height;
	int bit_depth;        /* of the video: 8, 10 or 12; 0 when there is no video */
	char hdr[16];         /* "hdr10" (PQ), "hlg", or "" for SDR */
	char audio_codec[32]; /* the audio stream played: the first unless selected */
	int audio_channels;
	int audio_index; /* which audio stream that is (FFmpeg's 0:a:N) */
	/* Picture subtitles the viewer chose (PGS, VobSub, DVB): burned into the
	 * video, which must then be encoded. burn_index is their 0:s:N. */
	bool burn_in;
	int burn_index;
	/* The embedded audio and subtitle streams, in file order, when probed
	 * or loaded with them (media_store_tracks); owned, see media_info_release(). */
	struct media_track *tracks;
	size_t tracks_n;
	struct media_markers chapters; /* what its chapters say */
	/* What the file's own tags say of the episode or film it holds ("" when
	 * untagged): title, synopsis (synopsis, else description), and
	 * date (YYYY-MM-DD), for a scan to fill in what the catalogue lacks. */
	char tag_title[256];
	char tag_synopsis[2048];
	char tag_date[11];
};

/*
 * Makes the audio stream numbered index among the file's (0:a:index) the
 * one m plays: its codec and channels from tracks. False, with m as it
 * was, when the file has no such stream.
 */
bool media_info_select_audio(struct media_info *m, const struct media_track *tracks, size_t n,
                             int index);

/*
 * Makes the picture subtitle stream numbered index among the file's
 * (0:s:index) the one burned into m's video. False, with m as it was, when
 * the file has no such stream, it is text (sent as WebVTT instead), or m
 * has no video to burn it into.
 */
bool media_info_select_burn_in(struct media_info *m, const struct media_track *tracks, size_t n,
                               int index);

/* Frees the tracks; the rest needs no release. */
void media_info_release(struct media_info *m);

#endif
