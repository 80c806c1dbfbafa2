/*
 * hls.h - HLS playlists (RFC 8216) for one media file: the master playlist
 * of a delivery's renditions, and each rendition's media playlist with
 * every segment listed from the start, so a viewer can seek anywhere
 * before a segment exists.
 *
 * Segments are fMP4 (CMAF): one init segment ("init.mp4") and media
 * segments "N.m4s". Where they are cut:
 *   - an encoded rendition: every HLS_SEGMENT_MS, where the encoder is
 *     told to place a keyframe (the last segment is shorter, or up to
 *     HLS_MIN_TAIL_MS longer rather than a sliver);
 *   - a copied video stream: at every keyframe of the source (a copy can
 *     only be cut there), which the probe lists (probe_keyframes()).
 * Times are the source's, so a segment made by an encoder restarted at a
 * seek is the same as one made from the start.
 *
 * Every URI in a playlist carries the caller's signed query (exp, u, p,
 * sig) and the rendition, since native HLS players send no headers.
 */
#ifndef BINGE_MEDIA_HLS_H
#define BINGE_MEDIA_HLS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "media/delivery.h"
#include "media/media_info.h"

#define HLS_SEGMENT_MS  6000
#define HLS_MIN_TAIL_MS 1000

/* Where a rendition's segments start (ms, rising; starts[0] is 0). */
struct segment_plan {
	int64_t *starts;
	size_t count;
	int64_t duration_ms; /* of the whole file: the last segment ends here */
};

/* Segments every HLS_SEGMENT_MS over duration_ms. Errors: BG_NOMEM. */
enum bg_err segment_plan_fixed(int64_t duration_ms, struct segment_plan *out);

/*
 * Segments at the given keyframes (ms, rising), the first moved to 0.
 * Errors: BG_NOMEM, BG_INVALID when there are none.
 */
enum bg_err segment_plan_keyframes(const int64_t *keyframes, size_t n, int64_t duration_ms,
                                   struct segment_plan *out);

void segment_plan_release(struct segment_plan *plan);

/* Segment n's length in ms. */
int64_t segment_plan_length(const struct segment_plan *plan, size_t n);

/*
 * The master playlist of d's renditions for media m into out; query is the
 * signed query every URI carries ("exp=...&u=...&p=...&sig=...").
 */
void hls_master_playlist(const struct delivery *d, const struct media_info *m, const char *query,
                         struct buf *out);

/* The media playlist of rendition name over plan into out. */
void hls_media_playlist(const struct segment_plan *plan, const char *rendition, const char *query,
                        struct buf *out);

#endif
